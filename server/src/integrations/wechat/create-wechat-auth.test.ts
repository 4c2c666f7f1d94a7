import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { createWechatAuth } from './create-wechat-auth';
import { DevWechatAuth } from './dev-wechat-auth';
import { WechatClient } from './wechat-client';

const logger = silentLogger;

describe('createWechatAuth', () => {
  it('uses the real client when app id and secret are configured, in any mode', () => {
    for (const mode of ['development', 'test', 'production'] as const) {
      expect(createWechatAuth({ mode, logger, appId: 'wx1', appSecret: 's' })).toBeInstanceOf(WechatClient);
    }
  });

  it('falls back to the development stand-in outside production', () => {
    expect(createWechatAuth({ mode: 'development', logger })).toBeInstanceOf(DevWechatAuth);
    expect(createWechatAuth({ mode: 'test', logger, appId: '', appSecret: '' })).toBeInstanceOf(
      DevWechatAuth,
    );
  });

  it('refuses to run production without WeChat credentials', () => {
    expect(() => createWechatAuth({ mode: 'production', logger })).toThrow(/required in production/);
  });

  it('refuses half a configuration', () => {
    expect(() => createWechatAuth({ mode: 'development', logger, appId: 'wx1' })).toThrow(/both/);
    expect(() => createWechatAuth({ mode: 'development', logger, appSecret: 's' })).toThrow(/both/);
  });
});
