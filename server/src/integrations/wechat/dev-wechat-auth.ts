import { createHash } from 'node:crypto';
import type { AppMode } from '../../config';
import { refuseInProduction } from '../dev-mode';
import type { IntegrationLogger } from '../logger';
import { type WechatAuth, WechatAuthError, type WechatSession } from './wechat-auth';

/**
 * Lets the mini-program log in on a developer's machine, where there is no WeChat app id: any
 * non-empty code is accepted and turned into a stable fake openid (`dev-openid-<hash of code>`),
 * so the same code always yields the same petitioner. It says so loudly on every call, and it
 * refuses to be constructed in production mode: it would let anyone log in as anyone.
 */
export class DevWechatAuth implements WechatAuth {
  constructor(private readonly options: { mode: AppMode; logger: IntegrationLogger }) {
    refuseInProduction(options.mode, 'DevWechatAuth');
    options.logger.warn(
      { provider: 'DevWechatAuth' },
      '[DEV WeChat — not verified] WeChat login is answered locally: NOT talking to WeChat, any code logs in',
    );
  }

  async code2Session(code: string): Promise<WechatSession> {
    if (typeof code !== 'string' || code.trim() === '') {
      throw new WechatAuthError('invalid_code', 'WeChat login code is empty');
    }
    const openid = devOpenid(code);
    this.options.logger.warn(
      { provider: 'DevWechatAuth', openid },
      '[DEV WeChat — not verified] code2Session answered locally, NOT by WeChat',
    );
    return { openid };
  }
}

/** The fake openid a development login code maps to. */
export function devOpenid(code: string): string {
  return `dev-openid-${createHash('sha256').update(code.trim()).digest('hex').slice(0, 24)}`;
}
