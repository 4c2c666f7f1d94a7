import type { AppMode } from '../../config';
import type { IntegrationLogger } from '../logger';
import { type ContentSecurity, WechatContentSecurity } from './content-security';
import { DevContentSecurity, DevWechatMessenger } from './dev-wechat-services';
import { WechatPush } from './message-push';
import { type WechatMessenger, WechatSubscribeMessenger } from './wechat-messenger';
import { WechatOpenApi } from './wechat-open-api';

/**
 * Picks WeChat's server-side services from configuration, as `createWechatAuth` picks the login:
 * the real clients (sharing one access token) when the app id and secret are set, the development
 * stand-ins when neither is (never in production). The message push needs its Token too; without
 * one, photos cannot be checked (WeChat would have nowhere to send the verdict).
 */
export interface WechatServicesOptions {
  mode: AppMode;
  logger: IntegrationLogger;
  appId?: string;
  appSecret?: string;
  baseUrl?: string;
  miniprogramState?: 'formal' | 'trial' | 'developer';
  pushToken?: string;
  pushAesKey?: string;
  timeoutMs?: number;
}

export interface WechatServices {
  messenger: WechatMessenger;
  contentSecurity: ContentSecurity;
  /** Null when no push Token is configured (or in development): photo verdicts cannot arrive. */
  push: WechatPush | null;
  /** True for the development stand-ins. */
  standIn: boolean;
}

export function createWechatServices(options: WechatServicesOptions): WechatServices {
  const { mode, logger, appId, appSecret } = options;
  if (appId && appSecret) {
    const api = new WechatOpenApi({
      appId,
      appSecret,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      logger,
    });
    return {
      messenger: new WechatSubscribeMessenger(api, options.miniprogramState),
      contentSecurity: new WechatContentSecurity(api),
      push: options.pushToken
        ? new WechatPush({ token: options.pushToken, appId, aesKey: options.pushAesKey })
        : null,
      standIn: false,
    };
  }
  if (appId || appSecret) {
    throw new Error('WeChat needs both an app id and an app secret, or neither (development only)');
  }
  if (mode === 'production') {
    throw new Error('WeChat is not configured: an app id and an app secret are required in production');
  }
  return {
    messenger: new DevWechatMessenger({ mode, logger }),
    contentSecurity: new DevContentSecurity({ mode, logger }),
    push: null,
    standIn: true,
  };
}
