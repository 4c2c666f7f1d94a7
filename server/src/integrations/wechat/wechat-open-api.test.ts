import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentCheckError, splitText, WechatContentSecurity } from './content-security';
import { FAKE_WECHAT_TEXT, type FakeWechatServer, startFakeWechatServer } from './fake-wechat-server';
import { SubscribeSendError, WechatSubscribeMessenger } from './wechat-messenger';
import { WechatApiError, WechatOpenApi } from './wechat-open-api';

const appId = 'wx0123456789openapi';
const appSecret = 'open-api-secret-that-must-never-leak-01';
let fake: FakeWechatServer;
let clock = Date.parse('2026-03-02T01:00:00Z');

beforeAll(async () => {
  fake = await startFakeWechatServer({
    appId,
    appSecret,
    openApi: { now: () => clock, tokenTtlSeconds: 7200 },
  });
});
afterAll(() => fake.close());

const api = (overrides: Partial<ConstructorParameters<typeof WechatOpenApi>[0]> = {}) =>
  new WechatOpenApi({
    appId,
    appSecret,
    baseUrl: fake.baseUrl,
    timeoutMs: 1000,
    now: () => clock,
    ...overrides,
  });
const data = {
  character_string1: 'XF2026-000123',
  phrase2: '已受理',
  thing3: '将在60日内办结',
  time4: '2026年3月2日 09:00',
};

describe('WechatOpenApi: the stable token', () => {
  it('fetches one token for many calls, even concurrent ones, and renews it five minutes before expiry', async () => {
    const client = api();
    const messenger = new WechatSubscribeMessenger(client);
    fake.openApi.grant('o-one', 'tmpl-1', 5);
    const before = fake.openApi.tokensIssued();
    await Promise.all(
      Array.from({ length: 3 }, () =>
        messenger.sendSubscribeMessage({ openid: 'o-one', templateId: 'tmpl-1', data, key: 'k' }),
      ),
    );
    const issued = fake.openApi.tokensIssued() - before;
    expect(issued).toBeLessThanOrEqual(1);
    const tokenRequests = fake.requests.filter((r) => r.path === '/cgi-bin/stable_token').length;
    clock += (7200 - 290) * 1000; // inside the last five minutes
    await messenger.sendSubscribeMessage({ openid: 'o-one', templateId: 'tmpl-1', data, key: 'k' });
    expect(fake.requests.filter((r) => r.path === '/cgi-bin/stable_token').length).toBe(tokenRequests + 1);
  });

  it('fetches the token anew on 40001, 40014 and 42001 and makes the call once more', async () => {
    const messenger = new WechatSubscribeMessenger(api());
    fake.openApi.grant('o-two', 'tmpl-1', 4);
    await messenger.sendSubscribeMessage({ openid: 'o-two', templateId: 'tmpl-1', data, key: 'k' });
    fake.openApi.revokeTokens();
    await messenger.sendSubscribeMessage({ openid: 'o-two', templateId: 'tmpl-1', data, key: 'k' });
    fake.openApi.mangleTokens();
    await messenger.sendSubscribeMessage({ openid: 'o-two', templateId: 'tmpl-1', data, key: 'k' });
    fake.openApi.expireTokens();
    await messenger.sendSubscribeMessage({ openid: 'o-two', templateId: 'tmpl-1', data, key: 'k' });
    expect(fake.openApi.sent.filter((m) => m.openid === 'o-two')).toHaveLength(4);
  });

  it('reports a wrong secret and no answer as errors that never show the secret or a token', async () => {
    const wrong = await api({ appSecret: 'a-wrong-secret-that-must-not-leak' })
      .post('/wxa/msg_sec_check', {})
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WechatApiError);
    expect(wrong).toMatchObject({ errcode: 40125 });
    const unreachable = await api({ baseUrl: 'http://127.0.0.1:1' })
      .post('/wxa/msg_sec_check', {})
      .catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ errcode: null });
    for (const error of [wrong, unreachable]) {
      const shown = `${String(error)} ${inspect(error)}`;
      expect(shown).not.toContain('a-wrong-secret-that-must-not-leak');
      expect(shown).not.toContain(appSecret);
      expect(shown).not.toContain('fake-token-');
    }
  });
});

describe('subscribe messages', () => {
  const messenger = () => new WechatSubscribeMessenger(api(), 'trial');

  it('sends touser, template, page, data as { key: { value } }, the mini-program state and zh_CN', async () => {
    fake.openApi.grant('o-three', 'tmpl-2');
    await messenger().sendSubscribeMessage({
      openid: 'o-three',
      templateId: 'tmpl-2',
      page: 'petition/detail/index?id=1',
      data,
      key: 'k',
    });
    expect(fake.openApi.sent.at(-1)).toEqual({
      openid: 'o-three',
      templateId: 'tmpl-2',
      page: 'petition/detail/index?id=1',
      data,
      miniprogramState: 'trial',
    });
  });

  it.each([
    ['no subscription left (43101)', { errcode: 43101 }, 'no_subscription'],
    ['the daily quota spent (45009)', { errcode: 45009 }, 'quota'],
    ['an openid WeChat does not know (40003)', { errcode: 40003 }, 'recipient'],
    ['a template WeChat does not know (40037)', { errcode: 40037 }, 'rejected'],
    ['data past its limits (47003)', { errcode: 47003 }, 'rejected'],
    ['system busy (-1)', { errcode: -1 }, 'upstream_error'],
    ['an HTTP 502', { http: 502 }, 'upstream_error'],
  ] as const)('maps %s to %s', async (_, script, reason) => {
    fake.openApi.grant('o-four', 'tmpl-3');
    fake.openApi.script('send', 'o-four', [script]);
    const error = await messenger()
      .sendSubscribeMessage({ openid: 'o-four', templateId: 'tmpl-3', data, key: 'k' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscribeSendError);
    expect(error).toMatchObject({ reason });
  });

  it('is refused by WeChat (47003) when a field breaks its rules, as the fake checks them', async () => {
    fake.openApi.grant('o-five', 'tmpl-4');
    const error = await messenger()
      .sendSubscribeMessage({
        openid: 'o-five',
        templateId: 'tmpl-4',
        data: { phrase2: '六个汉字太长' },
        key: 'k',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'rejected', errcode: 47003 });
  });
});

describe('content security', () => {
  const security = () => new WechatContentSecurity(api());

  it('checks text as version 2 with openid and scene, and reads the verdict', async () => {
    await expect(
      security().checkText({ openid: 'o-six', scene: 3, content: '请维修宿舍热水器' }),
    ).resolves.toMatchObject({
      suggest: 'pass',
      label: 100,
    });
    await expect(
      security().checkText({ openid: 'o-six', scene: 2, content: `内容${FAKE_WECHAT_TEXT.risky}` }),
    ).resolves.toMatchObject({ suggest: 'risky', label: 20006 });
    expect(fake.openApi.textChecks.at(-1)).toMatchObject({ openid: 'o-six', scene: 2 });
  });

  it('checks text longer than 2500 characters in parts, and keeps the worst verdict', async () => {
    const long = `${'平'.repeat(2600)}${FAKE_WECHAT_TEXT.review}`;
    expect(splitText(long).map((p) => [...p].length)).toEqual([2500, 106]);
    const before = fake.openApi.textChecks.length;
    await expect(security().checkText({ openid: 'o-six', scene: 3, content: long })).resolves.toMatchObject({
      suggest: 'review',
    });
    expect(fake.openApi.textChecks.length - before).toBe(2);
  });

  it('tells a check WeChat will never make (61010, 40003) from one to try again', async () => {
    fake.openApi.script('msg_sec_check', 'o-seven', [{ errcode: 61010 }, { errcode: -1 }]);
    await expect(security().checkText({ openid: 'o-seven', scene: 3, content: 'x' })).rejects.toMatchObject({
      reason: 'unusable',
      errcode: 61010,
    });
    const busy = await security()
      .checkText({ openid: 'o-seven', scene: 3, content: 'x' })
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ContentCheckError);
    expect(busy).toMatchObject({ reason: 'upstream_error' });
  });

  it('asks for a photo check and gets a trace id (the verdict comes by push)', async () => {
    const ticket = await security().checkMediaAsync({
      openid: 'o-eight',
      scene: 3,
      mediaUrl: 'http://127.0.0.1:1/photo',
    });
    expect(ticket.traceId).toMatch(/^[0-9a-f-]{26}$/);
    expect(ticket.verdict).toBeUndefined();
  });
});
