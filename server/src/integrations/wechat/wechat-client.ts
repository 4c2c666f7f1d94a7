import { fetchText, parseJsonObject, TransportError } from '../http';
import { type IntegrationLogger, silentLogger } from '../logger';
import { type WechatAuth, WechatAuthError, type WechatAuthFailure, type WechatSession } from './wechat-auth';

/**
 * The real `code2Session` call: `GET /sns/jscode2session` with the app's id and secret, as WeChat
 * documents it (auth.code2Session). WeChat's answer is JSON; on success `errcode` is 0 or absent.
 *
 * "System busy" (-1) is retried once after a short pause, as WeChat asks; nothing else is retried:
 * a code is single-use, and every other failure would fail again. Error messages never carry the
 * app secret, the code or the session key, and never echo the upstream body.
 */
export interface WechatClientOptions {
  appId: string;
  appSecret: string;
  /** Default `https://api.weixin.qq.com`; tests point it at the fake server. */
  baseUrl?: string;
  /** Per attempt. Default 5000 ms. */
  timeoutMs?: number;
  /** Pause before the single retry after "system busy". Default 300 ms. */
  busyRetryDelayMs?: number;
  logger?: IntegrationLogger;
}

export const WECHAT_DEFAULT_BASE_URL = 'https://api.weixin.qq.com';

/** WeChat's documented errcodes for code2Session, and what each one means for us. */
const ERRCODE_REASONS: ReadonlyMap<number, WechatAuthFailure> = new Map([
  [40029, 'invalid_code'],
  // Not in code2Session's own table, but WeChat answers it when a code is traded twice
  // ("code been used"); for the caller that is an invalid code.
  [40163, 'invalid_code'],
  [45011, 'rate_limited'],
  [40226, 'blocked_user'],
  [-1, 'busy'],
]);

const SYSTEM_BUSY = -1;

export class WechatClient implements WechatAuth {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly busyRetryDelayMs: number;
  private readonly logger: IntegrationLogger;

  constructor(private readonly options: WechatClientOptions) {
    if (!options.appId || !options.appSecret) throw new Error('WechatClient needs an appId and an appSecret');
    this.baseUrl = (options.baseUrl ?? WECHAT_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.busyRetryDelayMs = options.busyRetryDelayMs ?? 300;
    this.logger = options.logger ?? silentLogger;
  }

  async code2Session(code: string): Promise<WechatSession> {
    if (typeof code !== 'string' || code.trim() === '') {
      throw new WechatAuthError('invalid_code', 'WeChat login code is empty');
    }
    try {
      return await this.attempt(code);
    } catch (error) {
      if (!(error instanceof WechatAuthError) || error.errcode !== SYSTEM_BUSY) throw error;
      this.logger.warn({ errcode: SYSTEM_BUSY }, 'WeChat code2Session: system busy, retrying once');
      await sleep(this.busyRetryDelayMs);
      return await this.attempt(code);
    }
  }

  private async attempt(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.options.appId,
      secret: this.options.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    let answer: Awaited<ReturnType<typeof fetchText>>;
    try {
      answer = await fetchText(
        `${this.baseUrl}/sns/jscode2session?${query}`,
        { method: 'GET', headers: { accept: 'application/json' } },
        this.timeoutMs,
      );
    } catch (error) {
      const kind = error instanceof TransportError ? error.kind : 'network';
      throw new WechatAuthError(
        'upstream_error',
        kind === 'timeout'
          ? `WeChat code2Session did not answer within ${this.timeoutMs} ms`
          : 'WeChat code2Session could not be reached',
      );
    }

    const body = parseJsonObject(answer.text);
    if (!answer.ok) {
      throw new WechatAuthError('upstream_error', `WeChat code2Session answered HTTP ${answer.status}`);
    }
    if (body === null) {
      throw new WechatAuthError('upstream_error', 'WeChat code2Session answered something other than JSON');
    }

    const errcode = body.errcode ?? 0;
    if (errcode !== 0) {
      const numeric = typeof errcode === 'number' ? errcode : Number.NaN;
      const reason = ERRCODE_REASONS.get(numeric) ?? 'upstream_error';
      const errmsg = typeof body.errmsg === 'string' ? this.redact(body.errmsg, code) : '';
      throw new WechatAuthError(
        reason,
        `WeChat code2Session failed: ${reason} (errcode ${String(errcode)}${errmsg ? `: ${errmsg}` : ''})`,
        Number.isFinite(numeric) ? numeric : undefined,
      );
    }

    // `session_key` is left in the answer, unread (wechat-auth.ts says why).
    const { openid, unionid } = body;
    if (typeof openid !== 'string' || openid === '') {
      throw new WechatAuthError('upstream_error', 'WeChat code2Session answered without openid');
    }
    return typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid };
  }

  /** WeChat's errmsg is short text with a request id; keep it, minus anything of ours. */
  private redact(errmsg: string, code: string): string {
    const withoutSecret = errmsg.split(this.options.appSecret).join('[secret]');
    const withoutCode = code.length >= 6 ? withoutSecret.split(code).join('[code]') : withoutSecret;
    return withoutCode.slice(0, 200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
