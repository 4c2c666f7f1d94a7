import type { AppMode } from '../../config';
import type { IntegrationLogger } from '../logger';
import { DevWechatAuth } from './dev-wechat-auth';
import type { WechatAuth } from './wechat-auth';
import { WechatClient } from './wechat-client';

/**
 * Picks the WeChat login provider from configuration: the real client when the app id and secret
 * are both set, the development stand-in when neither is (never in production), and a clear error
 * for half a configuration, which is always a deployment mistake.
 */
export interface WechatAuthOptions {
  mode: AppMode;
  logger: IntegrationLogger;
  appId?: string;
  appSecret?: string;
  baseUrl?: string;
  timeoutMs?: number;
  busyRetryDelayMs?: number;
}

export function createWechatAuth(options: WechatAuthOptions): WechatAuth {
  const { mode, logger, appId, appSecret } = options;
  if (appId && appSecret) {
    return new WechatClient({
      appId,
      appSecret,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      busyRetryDelayMs: options.busyRetryDelayMs,
      logger,
    });
  }
  if (appId || appSecret) {
    throw new Error('WeChat login needs both an app id and an app secret, or neither (development only)');
  }
  if (mode === 'production') {
    throw new Error('WeChat login is not configured: an app id and an app secret are required in production');
  }
  return new DevWechatAuth({ mode, logger });
}
