import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// WeChat, stubbed at the boundary: the test is what we do when it asks, and what we answer.
type Answer = { event: string; buttonId?: string };
const wx = vi.hoisted(() => ({
  ask: null as null | ((resolve: (answer: Answer) => void) => void),
  elsewhere: [] as string[],
}));
vi.mock('@tarojs/taro', () => {
  const went = (api: string) => async () => void wx.elsewhere.push(api);
  return {
    default: {
      onNeedPrivacyAuthorization: (listener: (resolve: (answer: Answer) => void) => void) => {
        wx.ask = listener;
      },
      navigateTo: went('navigateTo'),
      redirectTo: went('redirectTo'),
      reLaunch: went('reLaunch'),
      switchTab: went('switchTab'),
      navigateBack: went('navigateBack'),
      login: went('login'),
    },
  };
});

async function fresh() {
  vi.resetModules();
  wx.ask = null;
  return (await import('./wechat-privacy')).privacyAgreement;
}

/** WeChat holds a privacy call (a picker, say) and asks; the returned list gets its answer. */
function wechatAsks(): Answer[] {
  const answers: Answer[] = [];
  wx.ask?.((answer) => answers.push(answer));
  return answers;
}

describe("WeChat's privacy agreement", () => {
  beforeEach(() => {
    wx.elsewhere = [];
    vi.stubEnv('TARO_ENV', 'weapp');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('is asked in place: no page is opened and no one is signed in, even with no page listening', async () => {
    const agreement = await fresh();
    agreement.install();
    const answers = wechatAsks();
    expect(wx.elsewhere).toEqual([]);
    expect(agreement.asked()).toBe(true);
    agreement.answer(true, 'privacy-agree');
    expect(answers).toEqual([{ event: 'agree', buttonId: 'privacy-agree' }]);
    expect(agreement.asked()).toBe(false);
    expect(wx.elsewhere).toEqual([]);
  });

  it('tells the page dialogs when it is asked and when it is answered', async () => {
    const agreement = await fresh();
    const seen: boolean[] = [];
    const stop = agreement.watch((asked) => seen.push(asked));
    wechatAsks();
    agreement.answer(false);
    stop();
    wechatAsks();
    expect(seen).toEqual([true, false]);
  });

  it('one answer lets every held call go on; declining lets them fail', async () => {
    const agreement = await fresh();
    agreement.install();
    const picker = wechatAsks();
    const clipboard = wechatAsks();
    agreement.answer(true, 'privacy-agree');
    expect([...picker, ...clipboard]).toEqual([
      { event: 'agree', buttonId: 'privacy-agree' },
      { event: 'agree', buttonId: 'privacy-agree' },
    ]);
    const next = wechatAsks();
    agreement.answer(false);
    expect(next).toEqual([{ event: 'disagree' }]);
    expect(picker).toHaveLength(1);
  });

  it('does nothing outside WeChat', async () => {
    vi.stubEnv('TARO_ENV', 'h5');
    const agreement = await fresh();
    agreement.install();
    expect(wx.ask).toBeNull();
    await expect(agreement.require()).resolves.toBeUndefined();
  });
});
