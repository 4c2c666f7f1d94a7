/**
 * Petitioners in the mini-program log in with the code from `wx.login`, which our server trades
 * for their identity through WeChat's `code2Session`. This is the seam: the login flow depends on
 * `WechatAuth`, and either the real client or the development stand-in sits behind it.
 *
 * WeChat's answer also carries `session_key`, its key for the user's encrypted data. We decrypt
 * nothing of WeChat's, so it is dropped where the answer is read: never returned, kept or logged
 * (PIPL Art 6, collect no more than the purpose needs).
 */
export interface WechatSession {
  openid: string;
  /** Present only when the mini-program is bound to a WeChat Open Platform account. */
  unionid?: string;
}

export interface WechatAuth {
  code2Session(code: string): Promise<WechatSession>;
}

/**
 * Why a login through WeChat failed, in words the route layer maps to our error codes:
 * - `invalid_code`: the code is wrong, expired or already used: the client should call `wx.login`
 *   again (answer UNAUTHENTICATED);
 * - `blocked_user`: WeChat refuses this user's login as high-risk (errcode 40226) (UNAUTHENTICATED
 *   or FORBIDDEN; there is nothing the user can retry);
 * - `rate_limited`: WeChat's per-minute quota for the app is spent (errcode 45011);
 * - `busy`: WeChat said "system busy" (errcode -1) twice in a row;
 * - `upstream_error`: anything else: an unknown errcode, an HTTP error, a body that is not the
 *   documented JSON, a timeout or no connection. The last three are SERVICE_UNAVAILABLE.
 */
export type WechatAuthFailure = 'invalid_code' | 'rate_limited' | 'blocked_user' | 'busy' | 'upstream_error';

export const WECHAT_AUTH_FAILURES: readonly WechatAuthFailure[] = [
  'invalid_code',
  'rate_limited',
  'blocked_user',
  'busy',
  'upstream_error',
];

export class WechatAuthError extends Error {
  constructor(
    readonly reason: WechatAuthFailure,
    message: string,
    /** WeChat's errcode when it answered with one. */
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'WechatAuthError';
  }
}
