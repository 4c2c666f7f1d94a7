import { fetchText, parseJsonObject, TransportError } from '../http';
import { type IntegrationLogger, silentLogger } from '../logger';
import { WECHAT_DEFAULT_BASE_URL } from './wechat-client';

/**
 * WeChat's server APIs that take an access token (`?access_token=`): subscribe messages and content
 * security. The token comes from the stable-token API (`POST /cgi-bin/stable_token`), which — unlike
 * the older `/cgi-bin/token` — hands every caller the same valid token, so several server instances
 * can each cache their own without invalidating one another.
 *
 * The token is cached until five minutes before it expires (WeChat renews it five minutes early
 * and keeps the old one valid meanwhile) and fetched once however many calls wait for it. A call
 * answered 40001 / 40014 (invalid token) or 42001 (expired) fetches it anew and is made once more; if WeChat
 * hands back the very token it just refused, the fetch is repeated with `force_refresh` (WeChat
 * allows that 20 times a day).
 *
 * Errors carry WeChat's errcode and a short message: never the secret, the token or the request.
 */
export interface WechatOpenApiOptions {
  appId: string;
  appSecret: string;
  /** Default `https://api.weixin.qq.com`; tests point it at the fake server. */
  baseUrl?: string;
  /** Per request. Default 5000 ms. */
  timeoutMs?: number;
  logger?: IntegrationLogger;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/** 40001: the token is not valid; 40014: not a valid token at all; 42001: it has expired. */
export const TOKEN_ERRCODES: readonly number[] = [40001, 40014, 42001];
/** How long before its expiry a token is renewed (WeChat renews five minutes early). */
const RENEW_BEFORE_MS = 5 * 60_000;

export class WechatApiError extends Error {
  constructor(
    /** WeChat's errcode; null when WeChat gave none (no answer, an HTTP error, not JSON). */
    readonly errcode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'WechatApiError';
  }
}

export class WechatOpenApi {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly logger: IntegrationLogger;
  private readonly now: () => number;
  private cached: { token: string; renewAt: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(private readonly options: WechatOpenApiOptions) {
    if (!options.appId || !options.appSecret)
      throw new Error('WechatOpenApi needs an appId and an appSecret');
    this.baseUrl = (options.baseUrl ?? WECHAT_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** POSTs `body` as JSON to `path` with the access token; resolves to the answer when errcode is 0. */
  async post(path: string, body: object): Promise<Record<string, unknown>> {
    const token = await this.token();
    try {
      return await this.call(path, body, token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !TOKEN_ERRCODES.includes(error.errcode ?? 0)) throw error;
      this.logger.warn(
        { errcode: error.errcode, path },
        'WeChat refused the access token; fetching a new one',
      );
      if (this.cached?.token === token) this.cached = null;
      return await this.call(path, body, await this.token(token));
    }
  }

  /** The cached token, or a fresh one; `refused` is a token WeChat just turned down. */
  private token(refused?: string): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    this.fetching ??= this.fetchToken(refused).finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetchToken(refused: string | undefined): Promise<string> {
    let answer = await this.stableToken(false);
    if (answer.token === refused) answer = await this.stableToken(true);
    this.cached = {
      token: answer.token,
      renewAt: this.now() + Math.max(60_000, answer.expiresInMs - RENEW_BEFORE_MS),
    };
    return answer.token;
  }

  private async stableToken(forceRefresh: boolean): Promise<{ token: string; expiresInMs: number }> {
    const body = await this.request('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.options.appId,
      secret: this.options.appSecret,
      force_refresh: forceRefresh,
    });
    const { access_token: token, expires_in: expiresIn } = body;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
      throw new WechatApiError(null, 'WeChat stable_token answered without access_token or expires_in');
    }
    return { token, expiresInMs: expiresIn * 1000 };
  }

  private call(path: string, body: object, token: string): Promise<Record<string, unknown>> {
    return this.request(`${path}?access_token=${encodeURIComponent(token)}`, body, token);
  }

  private async request(
    pathAndQuery: string,
    body: object,
    token?: string,
  ): Promise<Record<string, unknown>> {
    const path = pathAndQuery.split('?')[0] ?? pathAndQuery;
    let answer: Awaited<ReturnType<typeof fetchText>>;
    try {
      answer = await fetchText(
        `${this.baseUrl}${pathAndQuery}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        },
        this.timeoutMs,
      );
    } catch (error) {
      const timedOut = error instanceof TransportError && error.kind === 'timeout';
      throw new WechatApiError(
        null,
        timedOut
          ? `WeChat ${path} did not answer within ${this.timeoutMs} ms`
          : `WeChat ${path} could not be reached`,
      );
    }
    if (!answer.ok) throw new WechatApiError(null, `WeChat ${path} answered HTTP ${answer.status}`);
    const parsed = parseJsonObject(answer.text);
    if (parsed === null) throw new WechatApiError(null, `WeChat ${path} answered something other than JSON`);
    const errcode = parsed.errcode ?? 0;
    if (errcode !== 0) {
      const numeric = typeof errcode === 'number' ? errcode : Number.NaN;
      const errmsg = typeof parsed.errmsg === 'string' ? this.redact(parsed.errmsg, token) : '';
      throw new WechatApiError(
        Number.isFinite(numeric) ? numeric : null,
        `WeChat ${path} failed (errcode ${String(errcode)}${errmsg ? `: ${errmsg}` : ''})`,
      );
    }
    return parsed;
  }

  /** WeChat's errmsg is short text with a request id; keep it, minus anything of ours. */
  private redact(errmsg: string, token: string | undefined): string {
    let text = errmsg.split(this.options.appSecret).join('[secret]');
    if (token) text = text.split(token).join('[token]');
    return text.slice(0, 200);
  }
}
