import { randomUUID } from 'node:crypto';
import type { AppMode } from '../../config';
import { refuseInProduction } from '../dev-mode';
import type { IntegrationLogger } from '../logger';
import type { CheckScene, ContentSecurity, MediaCheckTicket, TextVerdict } from './content-security';
import type { SubscribeMessage, WechatMessenger } from './wechat-messenger';

/**
 * The development stand-ins for WeChat's subscribe messages and content security, for a machine
 * without a WeChat app: messages are written to the log, labelled as not sent; every check passes,
 * labelled as not checked. Both refuse production mode, where they would silently tell nobody and
 * check nothing.
 */
export class DevWechatMessenger implements WechatMessenger {
  constructor(private readonly options: { mode: AppMode; logger: IntegrationLogger }) {
    refuseInProduction(options.mode, 'DevWechatMessenger');
    options.logger.warn(
      { provider: 'DevWechatMessenger' },
      '[DEV WeChat — not sent] subscribe messages are written to this log, NOT sent to WeChat',
    );
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const text = Object.entries(message.data)
      .map(([key, value]) => `${key}=${value}`)
      .join(' | ');
    this.options.logger.warn(
      { provider: 'DevWechatMessenger', template: message.templateId, key: message.key },
      `[DEV WeChat — not sent] subscribe message (template ${message.templateId}, page ${message.page ?? '-'}): ${text}`,
    );
  }
}

export class DevContentSecurity implements ContentSecurity {
  constructor(private readonly options: { mode: AppMode; logger: IntegrationLogger }) {
    refuseInProduction(options.mode, 'DevContentSecurity');
  }

  async checkText(input: { openid: string; scene: CheckScene; content: string }): Promise<TextVerdict> {
    this.options.logger.warn(
      { provider: 'DevContentSecurity', characters: [...input.content].length },
      '[DEV WeChat — not checked] text passed without WeChat content security',
    );
    return { suggest: 'pass', label: 100, traceId: `dev-${randomUUID()}` };
  }

  async checkMediaAsync(): Promise<MediaCheckTicket> {
    this.options.logger.warn(
      { provider: 'DevContentSecurity' },
      '[DEV WeChat — not checked] photo passed without WeChat content security',
    );
    return { traceId: `dev-${randomUUID()}`, verdict: { suggest: 'pass', label: 100 } };
  }
}
