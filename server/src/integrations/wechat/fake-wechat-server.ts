import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeOpenApi, type FakeOpenApi, type FakeOpenApiOptions } from './fake-wechat-open-api';

export { FAKE_WECHAT_TEXT } from './fake-wechat-open-api';

/**
 * A local stand-in for WeChat's `code2Session` endpoint that speaks its documented protocol, so the
 * client and, later, the login routes are tested end to end over real HTTP without WeChat. The same
 * server answers the token APIs (stable token, subscribe messages, content security: see
 * `fake-wechat-open-api.ts`).
 *
 * It checks what WeChat checks (method, path, `appid`, `secret`, `js_code`, `grant_type`), lets each
 * code be traded once, and answers in WeChat's shape: JSON sent as `text/plain` (the client must not
 * trust Content-Type), success without `errcode`, errors as `{ errcode, errmsg }` with a request id.
 * Codes from `FAKE_WECHAT_CODES` script the documented failures; any other code succeeds with an
 * openid derived from it (see `fakeOpenid`).
 */
export const FAKE_WECHAT_CODES = {
  /** errcode 40029: invalid code */
  invalid: 'fake-code-invalid',
  /** errcode 45011: API minute-quota reached */
  rateLimited: 'fake-code-rate-limited',
  /** errcode 40226: high-risk user, login blocked */
  blockedUser: 'fake-code-blocked-user',
  /** errcode -1 on every attempt */
  busy: 'fake-code-busy',
  /** errcode -1 on the first attempt, success on the next */
  busyOnce: 'fake-code-busy-once',
  /** an errcode this client does not know (40013 invalid appid is WeChat's; this one is made up) */
  unknownError: 'fake-code-unknown-error',
  /** HTTP 502 with an HTML page, as a gateway in front of WeChat would answer */
  notJson: 'fake-code-not-json',
  /** HTTP 200 whose body is not JSON at all */
  garbage: 'fake-code-garbage',
  /** success without `openid`: a malformed answer */
  malformed: 'fake-code-malformed',
  /** success that includes a `unionid` */
  withUnionid: 'fake-code-with-unionid',
  /** no answer until `slowMs` has passed */
  slow: 'fake-code-slow',
} as const;

export interface FakeWechatServerOptions {
  appId: string;
  appSecret: string;
  /** How long `FAKE_WECHAT_CODES.slow` waits before answering. Default 10 s. */
  slowMs?: number;
  /**
   * The openid a successful code answers. Default `fakeOpenid(code)`, one person per code; a login
   * test maps several codes to one openid, as WeChat does for one person's successive `wx.login`s.
   */
  openidOf?: (code: string) => string;
  /** Options of the token APIs (quota, push target, photo verdicts). */
  openApi?: Omit<FakeOpenApiOptions, 'appId' | 'appSecret'>;
}

export interface FakeWechatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FakeWechatServer {
  baseUrl: string;
  /** Every request received, in order. */
  requests: FakeWechatRequest[];
  /** How many times each code was presented. */
  attempts(code: string): number;
  /** The token APIs: what was sent and checked, and the levers to make them fail. */
  openApi: FakeOpenApi;
  close(): Promise<void>;
}

/** The openid the fake answers for a code that succeeds. */
export function fakeOpenid(code: string): string {
  return `o${createHash('sha256').update(`openid:${code}`).digest('base64url').slice(0, 27)}`;
}

/** The session key the fake answers for a code that succeeds. */
export function fakeSessionKey(code: string): string {
  return createHash('sha256').update(`session:${code}`).digest().subarray(0, 16).toString('base64');
}

/** The unionid the fake answers for `FAKE_WECHAT_CODES.withUnionid`. */
export function fakeUnionid(code: string): string {
  return `u${createHash('sha256').update(`unionid:${code}`).digest('base64url').slice(0, 27)}`;
}

export async function startFakeWechatServer(options: FakeWechatServerOptions): Promise<FakeWechatServer> {
  const requests: FakeWechatRequest[] = [];
  const seen = new Map<string, number>();
  const redeemed = new Set<string>();
  const slowMs = options.slowMs ?? 10_000;
  const openidOf = options.openidOf ?? fakeOpenid;
  let counter = 0;

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const error = (res: ServerResponse, errcode: number, errmsg: string) => {
    counter += 1;
    answer(res, 200, { errcode, errmsg: `${errmsg}, rid: fake-${counter.toString(16).padStart(8, '0')}` });
  };
  const success = (res: ServerResponse, code: string, extra: Record<string, string> = {}) => {
    redeemed.add(code);
    answer(res, 200, { session_key: fakeSessionKey(code), openid: openidOf(code), ...extra });
  };

  const openApi = createFakeOpenApi({
    appId: options.appId,
    appSecret: options.appSecret,
    ...options.openApi,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? '', path: url.pathname, query });
    if (await openApi.handle(req, res, url)) return;

    if (url.pathname !== '/sns/jscode2session') return answer(res, 404, 'not found');
    if (req.method !== 'GET') return error(res, 43001, 'require GET method');
    if (!query.appid) return error(res, 41002, 'appid missing');
    if (query.appid !== options.appId) return error(res, 40013, 'invalid appid');
    if (!query.secret) return error(res, 41004, 'appsecret missing');
    if (query.secret !== options.appSecret) return error(res, 40125, 'invalid appsecret');
    if (query.grant_type !== 'authorization_code') return error(res, 40002, 'invalid grant_type');
    const code = query.js_code;
    if (!code) return error(res, 41008, 'missing code');

    const attempt = (seen.get(code) ?? 0) + 1;
    seen.set(code, attempt);
    if (redeemed.has(code)) return error(res, 40163, 'code been used');

    switch (code) {
      case FAKE_WECHAT_CODES.invalid:
        return error(res, 40029, 'invalid code');
      case FAKE_WECHAT_CODES.rateLimited:
        return error(res, 45011, 'api minute-quota reach limit  mustslower  retry next minute');
      case FAKE_WECHAT_CODES.blockedUser:
        return error(res, 40226, 'code blocked');
      case FAKE_WECHAT_CODES.busy:
        return error(res, -1, 'system error');
      case FAKE_WECHAT_CODES.busyOnce:
        return attempt === 1 ? error(res, -1, 'system error') : success(res, code);
      case FAKE_WECHAT_CODES.unknownError:
        // Echoes what it was sent, so tests can check the client keeps it out of its errors.
        return error(res, 49999, `undocumented failure for js_code ${code} secret ${query.secret}`);
      case FAKE_WECHAT_CODES.notJson:
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end(`<html><body>502 Bad Gateway (secret=${query.secret})</body></html>`);
      case FAKE_WECHAT_CODES.garbage:
        return answer(res, 200, `not json; session_key=${fakeSessionKey(code)}`);
      case FAKE_WECHAT_CODES.malformed:
        return answer(res, 200, { session_key: fakeSessionKey(code) });
      case FAKE_WECHAT_CODES.withUnionid:
        return success(res, code, { unionid: fakeUnionid(code) });
      case FAKE_WECHAT_CODES.slow: {
        const timer = setTimeout(() => success(res, code), slowMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      default:
        return success(res, code);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    attempts: (code) => seen.get(code) ?? 0,
    openApi,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
