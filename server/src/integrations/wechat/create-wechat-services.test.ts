import { describe, expect, it } from 'vitest';
import { DevProviderRefusedError } from '../dev-mode';
import { silentLogger } from '../logger';
import { WechatContentSecurity } from './content-security';
import { createWechatServices } from './create-wechat-services';
import { DevContentSecurity, DevWechatMessenger } from './dev-wechat-services';
import { WechatSubscribeMessenger } from './wechat-messenger';

const logger = silentLogger;

describe('createWechatServices', () => {
  it('uses the real clients with an app id and secret; the push only with its Token', () => {
    const real = createWechatServices({ mode: 'production', logger, appId: 'wx1', appSecret: 's' });
    expect(real.messenger).toBeInstanceOf(WechatSubscribeMessenger);
    expect(real.contentSecurity).toBeInstanceOf(WechatContentSecurity);
    expect(real.push).toBeNull();
    expect(
      createWechatServices({ mode: 'production', logger, appId: 'wx1', appSecret: 's', pushToken: 't' }).push,
    ).not.toBeNull();
  });

  it('falls back to labelled stand-ins outside production, and refuses them in production', () => {
    const dev = createWechatServices({ mode: 'development', logger });
    expect(dev.messenger).toBeInstanceOf(DevWechatMessenger);
    expect(dev.contentSecurity).toBeInstanceOf(DevContentSecurity);
    expect(dev.standIn).toBe(true);
    expect(() => createWechatServices({ mode: 'production', logger })).toThrow(/required in production/);
    expect(() => new DevWechatMessenger({ mode: 'production', logger })).toThrow(DevProviderRefusedError);
    expect(() => createWechatServices({ mode: 'development', logger, appId: 'wx1' })).toThrow(/both/);
  });

  it('the stand-ins say plainly that nothing was sent and nothing checked', async () => {
    const lines: string[] = [];
    const capture = {
      info: (_: object, msg: string) => lines.push(msg),
      warn: (_: object, msg: string) => lines.push(msg),
    };
    const dev = createWechatServices({ mode: 'development', logger: capture });
    await dev.messenger.sendSubscribeMessage({
      openid: 'o',
      templateId: 't',
      data: { phrase2: '已受理' },
      key: 'k',
    });
    await expect(
      dev.contentSecurity.checkText({ openid: 'o', scene: 3, content: 'x' }),
    ).resolves.toMatchObject({ suggest: 'pass' });
    expect(lines.some((l) => l.includes('[DEV WeChat — not sent]') && l.includes('phrase2=已受理'))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes('[DEV WeChat — not checked]'))).toBe(true);
  });
});
