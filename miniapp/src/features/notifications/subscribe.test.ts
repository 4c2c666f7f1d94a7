import type { NotificationSettings } from '@xinfang/shared/schemas/notifications';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// WeChat and the server, stubbed at the boundary: what is tested is the order of the calls.
const calls = vi.hoisted(() => [] as string[]);
const wx = vi.hoisted(() => ({ requestSubscribeMessage: vi.fn() }));
const server = vi.hoisted(() => ({ getSettings: vi.fn(), recordSubscriptions: vi.fn() }));
vi.mock('@tarojs/taro', () => ({
  default: { requestSubscribeMessage: wx.requestSubscribeMessage },
  useDidShow: () => undefined,
}));
vi.mock('@/services/notifications', () => server);

import { askToSubscribe, canAsk, templatesFor } from './subscribe';

const settings: NotificationSettings = {
  nonStatutory: true,
  channel: 'wechat',
  available: { wechat: true, sms: false },
  subscriptions: [
    { templateId: 'T-progress', events: ['accepted', 'reply_issued'], remaining: 0 },
    { templateId: 'T-deadline', events: ['appeal_reminder'], remaining: 0 },
  ],
};

describe('asking WeChat for subscriptions', () => {
  beforeEach(() => {
    calls.length = 0;
    vi.stubEnv('TARO_ENV', 'weapp');
    wx.requestSubscribeMessage.mockReset().mockImplementation(async ({ tmplIds }: { tmplIds: string[] }) => {
      calls.push(`wechat ${tmplIds.join(',')}`);
      return { errMsg: 'requestSubscribeMessage:ok', [tmplIds[0] as string]: 'accept' };
    });
    server.getSettings.mockReset().mockImplementation(async () => {
      calls.push('GET settings');
      return settings;
    });
    server.recordSubscriptions.mockReset().mockImplementation(async (moment: string) => {
      calls.push(`POST ${moment}`);
      return { subscriptions: settings.subscriptions };
    });
  });
  afterEach(() => vi.unstubAllEnvs());

  it('asks WeChat synchronously, inside the tap, before anything is awaited; then posts the answer', async () => {
    const asked = askToSubscribe('submitted', settings);
    // Still inside the tap's handler: no microtask has run, and WeChat has been asked already.
    expect(calls).toEqual(['wechat T-progress']);
    expect(await asked).toBe(1);
    expect(calls).toEqual(['wechat T-progress', 'POST submitted']);
    expect(server.recordSubscriptions).toHaveBeenCalledWith('submitted', { 'T-progress': 'accept' });
    expect(server.getSettings).not.toHaveBeenCalled();
  });

  it('maps answers it does not know to reject, and says none were accepted', async () => {
    wx.requestSubscribeMessage.mockResolvedValueOnce({ 'T-deadline': 'weird' });
    expect(await askToSubscribe('reply', settings)).toBe(0);
    expect(server.recordSubscriptions).toHaveBeenCalledWith('reply', { 'T-deadline': 'reject' });
  });

  it('asks nothing without the templates, without WeChat, or outside WeChat', async () => {
    expect(await askToSubscribe('detail', null)).toBe(0);
    const noWechat = { ...settings, available: { wechat: false, sms: true } };
    expect(canAsk('detail', noWechat)).toBe(false);
    expect(await askToSubscribe('detail', noWechat)).toBe(0);
    vi.stubEnv('TARO_ENV', 'h5');
    expect(canAsk('detail', settings)).toBe(false);
    expect(await askToSubscribe('detail', settings)).toBe(0);
    expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('a refused or failed dialog counts as none accepted, and nothing is posted', async () => {
    wx.requestSubscribeMessage.mockRejectedValueOnce(new Error('can only be invoked by user TAP gesture'));
    expect(await askToSubscribe('detail', settings)).toBe(0);
    expect(server.recordSubscriptions).not.toHaveBeenCalled();
  });

  it('offers each moment its own templates, at most three', () => {
    expect(templatesFor('reply', settings)).toEqual(['T-deadline']);
    const many = {
      ...settings,
      subscriptions: ['a', 'b', 'c', 'd'].map((id) => ({
        templateId: id,
        events: ['accepted'],
        remaining: 0,
      })),
    } as NotificationSettings;
    expect(templatesFor('detail', many)).toEqual(['a', 'b', 'c']);
  });
});
