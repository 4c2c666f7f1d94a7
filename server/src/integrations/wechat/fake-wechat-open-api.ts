import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The fake WeChat server's token APIs, speaking WeChat's documented protocol so the clients and the
 * outbox are tested over real HTTP: `POST /cgi-bin/stable_token` (one valid token per app, renewed
 * in its last five minutes, `force_refresh` invalidating the old one), `POST
 * /cgi-bin/message/subscribe/send` (one message per one-time subscription the person granted, 43101
 * without one, 45009 past the daily quota, 47003 when a field breaks WeChat's limits), `POST
 * /wxa/msg_sec_check` (version 2) and `POST /wxa/media_check_async`, whose verdict it pushes to the
 * configured message-push URL after downloading the photo — signed, and encrypted in safe mode.
 *
 * The token goes in the query string only (in the body WeChat answers 47001). A test can expire or
 * revoke the tokens (42001 / 40001), script failures per openid, and read what was sent.
 */

export interface FakeOpenApiOptions {
  appId: string;
  appSecret: string;
  /** How long a token lives, in seconds. Default 7200. */
  tokenTtlSeconds?: number;
  /** Subscribe messages accepted per day before 45009. Default unlimited. */
  sendQuota?: number;
  /** Where verdicts of photo checks are pushed. Can be set later (`setPush`). */
  push?: FakePushTarget;
  /** The verdict for a downloaded photo. Default pass. */
  mediaVerdict?: (bytes: Buffer) => 'pass' | 'review' | 'risky';
  /** Milliseconds since the epoch. Default `Date.now` (as it was when the fake started). */
  now?: () => number;
}

export interface FakePushTarget {
  url: string;
  token: string;
  /** EncodingAESKey: safe mode when set. */
  aesKey?: string;
  /** The mini-program's original id, ToUserName in pushes. */
  username?: string;
}

/** Text the fake's msgSecCheck judges: containing `risky` → risky, `review` → review, else pass. */
export const FAKE_WECHAT_TEXT = { risky: '违规测试内容', review: '疑似违规测试' } as const;

export interface FakeSubscribeMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
  miniprogramState?: string;
}

export interface FakeMediaCheck {
  traceId: string;
  openid: string;
  url: string;
  /** The headers of the answer WeChat got when it downloaded the photo. */
  downloadHeaders?: Record<string, string>;
  /** Set once the photo was downloaded and judged; `download_failed` when it could not be fetched. */
  verdict?: 'pass' | 'review' | 'risky' | 'download_failed';
  pushed: boolean;
}

export type FakeWechatApi = 'send' | 'msg_sec_check' | 'media_check_async';
/** A scripted answer: an errcode, an HTTP status, or no answer at all. */
export type FakeWechatScript = { errcode: number } | { http: number } | 'timeout';

export interface FakeOpenApi {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  sent: FakeSubscribeMessage[];
  textChecks: { openid: string; scene: number; content: string }[];
  mediaChecks: FakeMediaCheck[];
  /** How many tokens were issued. */
  tokensIssued(): number;
  /** Grants `count` one-time subscriptions, as a person's taps in `requestSubscribeMessage` would. */
  grant(openid: string, templateId: string, count?: number): void;
  subscriptionsLeft(openid: string, templateId: string): number;
  /** Every token issued so far answers 42001 (expired) from now on. */
  expireTokens(): void;
  /** Every token issued so far answers 40001 (not valid) from now on. */
  revokeTokens(): void;
  /** Every token issued so far answers 40014 (not an access token at all) from now on. */
  mangleTokens(): void;
  /** The next calls of `api` for `openid` answer these, in order. */
  script(api: FakeWechatApi, openid: string, answers: FakeWechatScript[]): void;
  setPush(push: FakePushTarget): void;
  /** Resolves once every photo check received so far has been judged and pushed. */
  settled(): Promise<void>;
}

export function createFakeOpenApi(options: FakeOpenApiOptions): FakeOpenApi {
  const now = options.now ?? Date.now;
  const ttl = (options.tokenTtlSeconds ?? 7200) * 1000;
  const tokens = new Map<string, { expiresAt: number; state: 'valid' | 'expired' | 'revoked' | 'mangled' }>();
  let current: string | null = null;
  let issued = 0;
  let push = options.push;
  const subscriptions = new Map<string, number>();
  const scripts = new Map<string, FakeWechatScript[]>();
  const sent: FakeSubscribeMessage[] = [];
  const textChecks: FakeOpenApi['textChecks'] = [];
  const mediaChecks: FakeMediaCheck[] = [];
  const pending = new Set<Promise<void>>();
  let sentToday = 0;
  let rid = 0;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, errcode: number, errmsg: string) => {
    rid += 1;
    json(res, 200, { errcode, errmsg: `${errmsg} rid: fake-${rid.toString(16).padStart(8, '0')}` });
  };

  const issue = (): string => {
    const token = `fake-token-${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { expiresAt: now() + ttl, state: 'valid' });
    current = token;
    issued += 1;
    return token;
  };

  function stableToken(res: ServerResponse, body: Record<string, unknown>) {
    if (body.grant_type !== 'client_credential') return fail(res, 40002, 'invalid grant_type');
    if (body.appid !== options.appId) return fail(res, 40013, 'invalid appid');
    if (body.secret !== options.appSecret) return fail(res, 40125, 'invalid appsecret');
    const info = current ? tokens.get(current) : undefined;
    const renew = info?.state !== 'valid' || info.expiresAt - now() < 5 * 60_000;
    if (body.force_refresh === true && current) tokens.set(current, { expiresAt: 0, state: 'revoked' });
    const token = body.force_refresh === true || renew ? issue() : (current as string);
    const left = Math.floor(((tokens.get(token)?.expiresAt ?? now()) - now()) / 1000);
    json(res, 200, { access_token: token, expires_in: left });
  }

  /** 0 when the token may call, else the errcode WeChat answers. */
  function tokenProblem(token: string | null): number {
    const info = token ? tokens.get(token) : undefined;
    if (!info || info.state === 'revoked') return 40001;
    if (info.state === 'mangled') return 40014;
    if (info.state === 'expired' || info.expiresAt <= now()) return 42001;
    return 0;
  }

  function scripted(api: FakeWechatApi, openid: unknown): FakeWechatScript | undefined {
    return typeof openid === 'string' ? scripts.get(`${api}:${openid}`)?.shift() : undefined;
  }

  function send(res: ServerResponse, body: Record<string, unknown>) {
    const { touser, template_id: templateId, data, page, miniprogram_state: state } = body;
    if (typeof touser !== 'string' || touser === '') return fail(res, 40003, 'invalid openid');
    if (typeof templateId !== 'string' || templateId === '') return fail(res, 40037, 'invalid template_id');
    if (options.sendQuota !== undefined && sentToday >= options.sendQuota) {
      return fail(res, 45009, 'reach max api daily quota limit');
    }
    const values = readData(data);
    if (typeof values === 'string') return fail(res, 47003, `argument invalid! data.${values}.value invalid`);
    const key = `${touser}:${templateId}`;
    const left = subscriptions.get(key) ?? 0;
    if (left <= 0) return fail(res, 43101, 'user refuse to accept the msg');
    subscriptions.set(key, left - 1);
    sentToday += 1;
    sent.push({
      openid: touser,
      templateId,
      data: values,
      ...(typeof page === 'string' ? { page } : {}),
      ...(typeof state === 'string' ? { miniprogramState: state } : {}),
    });
    json(res, 200, { errcode: 0, errmsg: 'ok' });
  }

  function msgSecCheck(res: ServerResponse, body: Record<string, unknown>) {
    const { content, version, scene, openid } = body;
    if (version !== 2) return fail(res, 47001, 'data format error: version must be 2');
    if (typeof openid !== 'string' || openid === '') return fail(res, 40003, 'invalid openid');
    if (typeof content !== 'string' || [...content].length > 2500) {
      return fail(res, 47001, 'data format error: content');
    }
    if (![1, 2, 3, 4].includes(Number(scene))) return fail(res, 47001, 'data format error: scene');
    textChecks.push({ openid, scene: Number(scene), content });
    const suggest = content.includes(FAKE_WECHAT_TEXT.risky)
      ? 'risky'
      : content.includes(FAKE_WECHAT_TEXT.review)
        ? 'review'
        : 'pass';
    const label = suggest === 'pass' ? 100 : 20006;
    json(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
      trace_id: traceId(),
    });
  }

  function mediaCheckAsync(res: ServerResponse, body: Record<string, unknown>) {
    const { media_url: mediaUrl, media_type: mediaType, version, scene, openid } = body;
    if (version !== 2 || mediaType !== 2 || ![1, 2, 3, 4].includes(Number(scene))) {
      return fail(res, 47001, 'data format error');
    }
    if (typeof openid !== 'string' || openid === '') return fail(res, 40003, 'invalid openid');
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl))
      return fail(res, 47001, 'invalid media_url');
    const check: FakeMediaCheck = { traceId: traceId(), openid, url: mediaUrl, pushed: false };
    mediaChecks.push(check);
    json(res, 200, { errcode: 0, errmsg: 'ok', trace_id: check.traceId });
    const work = judgeAndPush(check).finally(() => pending.delete(work));
    pending.add(work);
  }

  async function judgeAndPush(check: FakeMediaCheck): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    try {
      const response = await fetch(check.url, { signal: AbortSignal.timeout(5000) });
      check.downloadHeaders = Object.fromEntries(response.headers);
      if (!response.ok) throw new Error(String(response.status));
      const bytes = Buffer.from(await response.arrayBuffer());
      check.verdict = options.mediaVerdict?.(bytes) ?? 'pass';
    } catch {
      check.verdict = 'download_failed';
    }
    if (!push) return;
    const suggest = check.verdict === 'download_failed' ? 'review' : check.verdict;
    const event = {
      ToUserName: push.username ?? 'gh_fake0000000',
      FromUserName: check.openid,
      CreateTime: Math.floor(now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: options.appId,
      trace_id: check.traceId,
      version: 2,
      ...(check.verdict === 'download_failed' ? { status_code: 4294966288 } : {}),
      result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002, prob: 90 },
      ],
    };
    const delivered = await deliverPush(push, options.appId, event);
    check.pushed = delivered;
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const api = API_PATHS[url.pathname];
    if (!api) return false;
    if (req.method !== 'POST') {
      fail(res, 43002, 'require POST method');
      return true;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      fail(res, 47001, 'data format error');
      return true;
    }
    if (api === 'stable_token') {
      stableToken(res, body);
      return true;
    }
    if ('access_token' in body) {
      fail(res, 47001, 'data format error: access_token belongs in the query string');
      return true;
    }
    const problem = tokenProblem(url.searchParams.get('access_token'));
    if (problem !== 0) {
      fail(
        res,
        problem,
        problem === 42001
          ? 'access_token expired'
          : problem === 40014
            ? 'invalid access_token'
            : 'invalid credential, access_token is invalid or not latest',
      );
      return true;
    }
    const script = scripted(api, api === 'send' ? body.touser : body.openid);
    if (script === 'timeout') return true;
    if (script && 'http' in script) {
      res.writeHead(script.http, { 'content-type': 'text/html' });
      res.end(`<html><body>${script.http}</body></html>`);
      return true;
    }
    if (script) {
      fail(res, script.errcode, 'scripted');
      return true;
    }
    if (api === 'send') send(res, body);
    else if (api === 'msg_sec_check') msgSecCheck(res, body);
    else mediaCheckAsync(res, body);
    return true;
  };

  return {
    handle,
    sent,
    textChecks,
    mediaChecks,
    tokensIssued: () => issued,
    grant(openid, templateId, count = 1) {
      const key = `${openid}:${templateId}`;
      subscriptions.set(key, (subscriptions.get(key) ?? 0) + count);
    },
    subscriptionsLeft: (openid, templateId) => subscriptions.get(`${openid}:${templateId}`) ?? 0,
    expireTokens() {
      for (const info of tokens.values()) if (info.state === 'valid') info.state = 'expired';
    },
    revokeTokens() {
      for (const info of tokens.values()) info.state = 'revoked';
    },
    mangleTokens() {
      for (const info of tokens.values()) info.state = 'mangled';
    },
    script(api, openid, answers) {
      const key = `${api}:${openid}`;
      scripts.set(key, [...(scripts.get(key) ?? []), ...answers]);
    },
    setPush(target) {
      push = target;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };

  function traceId(): string {
    return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  }
}

const API_PATHS: Record<string, FakeWechatApi | 'stable_token'> = {
  '/cgi-bin/stable_token': 'stable_token',
  '/cgi-bin/message/subscribe/send': 'send',
  '/wxa/msg_sec_check': 'msg_sec_check',
  '/wxa/media_check_async': 'media_check_async',
};

/** WeChat's limits per field type (订阅消息参数值内容限制); a value past them is refused with 47003. */
const FIELD_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => /^\d{1,32}(\.\d+)?$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\p{L}\p{N}]{1,5}$/u.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}$/.test(v),
  date: (v) => /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/.test(v),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
  name: (v) => /^\p{Script=Han}{1,10}$/u.test(v) || /^[\x21-\x7e ]{1,20}$/.test(v),
};

/** The data's values, or the key of the first field that breaks WeChat's rules. */
function readData(data: unknown): Record<string, string> | string {
  if (typeof data !== 'object' || data === null || Object.keys(data).length === 0) return 'data';
  const values: Record<string, string> = {};
  for (const [key, field] of Object.entries(data)) {
    const value = (field as { value?: unknown } | null)?.value;
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? '';
    const rule = FIELD_RULES[type];
    if (typeof value !== 'string' || value === '' || (rule && !rule(value))) return key;
    values[key] = value;
  }
  return values;
}

/** Pushes an event as WeChat does: signed; in safe mode encrypted (a derivation separate from ours). */
async function deliverPush(push: FakePushTarget, appId: string, event: object): Promise<boolean> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const sha1 = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
  const query = new URLSearchParams({ signature: sha1([push.token, timestamp, nonce]), timestamp, nonce });
  let body = JSON.stringify(event);
  if (push.aesKey) {
    const key = Buffer.from(`${push.aesKey}=`, 'base64');
    const message = Buffer.from(body, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(message.length);
    const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(appId, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const encrypted = Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', sha1([push.token, timestamp, nonce, encrypted]));
    body = JSON.stringify({ ToUserName: push.username ?? 'gh_fake0000000', Encrypt: encrypted });
  }
  try {
    const response = await fetch(`${push.url}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
