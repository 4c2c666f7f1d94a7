import type { AppMode } from '../../config';
import type { IntegrationLogger } from '../logger';
import { LogSmsSender } from './log-sms-sender';
import type { SmsSender } from './sms-sender';
import { TencentSmsSender } from './tencent-sms-sender';

/**
 * Picks the SMS sender from configuration: Tencent Cloud SMS when its keys, app, sign and template
 * are all set, the development log when none is (never in production), and a clear error naming
 * what is missing for anything in between, which is always a deployment mistake.
 */
export interface SmsSenderOptions {
  mode: AppMode;
  logger: IntegrationLogger;
  secretId?: string;
  secretKey?: string;
  sdkAppId?: string;
  signName?: string;
  templateId?: string;
  region?: string;
  baseUrl?: string;
  timeoutMs?: number;
  templateValidityMinutes?: number;
}

const REQUIRED = ['secretId', 'secretKey', 'sdkAppId', 'signName', 'templateId'] as const;

export function createSmsSender(options: SmsSenderOptions): SmsSender {
  const { mode, logger } = options;
  const missing = REQUIRED.filter((name) => !options[name]);
  if (missing.length === 0) {
    return new TencentSmsSender({
      secretId: options.secretId as string,
      secretKey: options.secretKey as string,
      sdkAppId: options.sdkAppId as string,
      signName: options.signName as string,
      templateId: options.templateId as string,
      region: options.region,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      templateValidityMinutes: options.templateValidityMinutes,
      logger,
    });
  }
  if (missing.length < REQUIRED.length) {
    throw new Error(`Tencent Cloud SMS is partly configured: ${missing.join(', ')} missing`);
  }
  if (mode === 'production') {
    throw new Error(
      `SMS is not configured: Tencent Cloud SMS (${REQUIRED.join(', ')}) is required in production`,
    );
  }
  return new LogSmsSender({ mode, logger });
}
