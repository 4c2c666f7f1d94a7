import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationLogger } from '../logger';
import {
  FAKE_WECHAT_CODES,
  type FakeWechatServer,
  fakeOpenid,
  fakeSessionKey,
  fakeUnionid,
  startFakeWechatServer,
} from './fake-wechat-server';
import { WechatAuthError, type WechatAuthFailure } from './wechat-auth';
import { WechatClient, type WechatClientOptions } from './wechat-client';

const appId = 'wx0123456789abcdef';
const appSecret = 'app-secret-that-must-never-leak-0123456789';

let fake: FakeWechatServer;
const logged: { obj: object; msg: string }[] = [];
const logger: IntegrationLogger = {
  info: (obj, msg) => logged.push({ obj, msg }),
  warn: (obj, msg) => logged.push({ obj, msg }),
};

beforeAll(async () => {
  fake = await startFakeWechatServer({ appId, appSecret, slowMs: 2_000 });
});
afterAll(async () => {
  await fake.close();
});

function client(overrides: Partial<WechatClientOptions> = {}): WechatClient {
  return new WechatClient({
    appId,
    appSecret,
    baseUrl: fake.baseUrl,
    timeoutMs: 1_000,
    busyRetryDelayMs: 10,
    logger,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<WechatAuthError> {
  const error = await promise.then(
    () => {
      throw new Error('expected code2Session to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WechatAuthError);
  return error as WechatAuthError;
}

/** Everything a log line or an error report could show of an error. */
function everythingShown(error: unknown): string {
  return `${String(error)}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(error)}`;
}

describe('WechatClient against the fake code2Session', () => {
  it('trades a code for the openid with the documented query, and keeps nothing of the session key', async () => {
    const code = 'a-fresh-code-from-wx-login-0001';
    const session = await client().code2Session(code);
    expect(session).toEqual({ openid: fakeOpenid(code) });
    expect(JSON.stringify(session)).not.toContain(fakeSessionKey(code));
    const request = fake.requests.at(-1);
    expect(request).toMatchObject({ method: 'GET', path: '/sns/jscode2session' });
    expect(request?.query).toEqual({
      appid: appId,
      secret: appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
  });

  it('returns the unionid when WeChat gives one', async () => {
    const code = FAKE_WECHAT_CODES.withUnionid;
    await expect(client().code2Session(code)).resolves.toEqual({
      openid: fakeOpenid(code),
      unionid: fakeUnionid(code),
    });
  });

  it.each<[string, string, WechatAuthFailure, number]>([
    ['40029 invalid code', FAKE_WECHAT_CODES.invalid, 'invalid_code', 40029],
    ['45011 minute quota', FAKE_WECHAT_CODES.rateLimited, 'rate_limited', 45011],
    ['40226 high-risk user', FAKE_WECHAT_CODES.blockedUser, 'blocked_user', 40226],
    ['an undocumented errcode', FAKE_WECHAT_CODES.unknownError, 'upstream_error', 49999],
  ])('maps %s (%s) to %s', async (_, code, reason, errcode) => {
    const error = await failure(client().code2Session(code));
    expect(error.reason).toBe(reason);
    expect(error.errcode).toBe(errcode);
    expect(error.message).toContain(`errcode ${errcode}`);
  });

  it('treats a code presented twice as invalid (40163 code been used)', async () => {
    const code = 'a-code-traded-twice-000000001';
    await client().code2Session(code);
    const error = await failure(client().code2Session(code));
    expect(error).toMatchObject({ reason: 'invalid_code', errcode: 40163 });
  });

  it('retries once after "system busy" and succeeds when WeChat recovers', async () => {
    const code = FAKE_WECHAT_CODES.busyOnce;
    await expect(client().code2Session(code)).resolves.toMatchObject({ openid: fakeOpenid(code) });
    expect(fake.attempts(code)).toBe(2);
    expect(logged.some((line) => line.msg.includes('system busy'))).toBe(true);
  });

  it('gives up as busy after exactly one retry', async () => {
    const code = FAKE_WECHAT_CODES.busy;
    const before = fake.attempts(code);
    const error = await failure(client().code2Session(code));
    expect(error).toMatchObject({ reason: 'busy', errcode: -1 });
    expect(fake.attempts(code) - before).toBe(2);
  });

  it('does not retry anything but "system busy"', async () => {
    const code = FAKE_WECHAT_CODES.rateLimited;
    const before = fake.attempts(code);
    await failure(client().code2Session(code));
    expect(fake.attempts(code) - before).toBe(1);
  });

  it('fails as upstream_error when WeChat does not answer in time', async () => {
    const error = await failure(client({ timeoutMs: 100 }).code2Session(FAKE_WECHAT_CODES.slow));
    expect(error.reason).toBe('upstream_error');
    expect(error.message).toContain('did not answer within 100 ms');
  });

  it('fails as upstream_error on an HTTP error with a non-JSON page', async () => {
    const error = await failure(client().code2Session(FAKE_WECHAT_CODES.notJson));
    expect(error.reason).toBe('upstream_error');
    expect(error.message).toContain('HTTP 502');
  });

  it('fails as upstream_error on a 200 whose body is not JSON', async () => {
    const error = await failure(client().code2Session(FAKE_WECHAT_CODES.garbage));
    expect(error.reason).toBe('upstream_error');
    expect(error.message).toContain('other than JSON');
  });

  it('fails as upstream_error when the answer lacks the openid', async () => {
    const error = await failure(client().code2Session(FAKE_WECHAT_CODES.malformed));
    expect(error.reason).toBe('upstream_error');
  });

  it('fails as upstream_error when WeChat cannot be reached', async () => {
    const error = await failure(client({ baseUrl: 'http://127.0.0.1:1' }).code2Session('any-code-0000001'));
    expect(error.reason).toBe('upstream_error');
    expect(error.message).toContain('could not be reached');
  });

  it('refuses an empty code without calling WeChat', async () => {
    const before = fake.requests.length;
    const error = await failure(client().code2Session('  '));
    expect(error.reason).toBe('invalid_code');
    expect(fake.requests.length).toBe(before);
  });

  it('reports a wrong app secret as upstream_error (40125), not as the user’s fault', async () => {
    const wrongSecret = 'another-secret-that-must-not-leak-either';
    const error = await failure(client({ appSecret: wrongSecret }).code2Session('some-code-00000002'));
    expect(error).toMatchObject({ reason: 'upstream_error', errcode: 40125 });
    expect(everythingShown(error)).not.toContain(wrongSecret);
  });

  it('never shows the app secret, the code or a session key in any error', async () => {
    const codes = Object.values(FAKE_WECHAT_CODES).filter(
      (code) => code !== FAKE_WECHAT_CODES.withUnionid && code !== FAKE_WECHAT_CODES.busyOnce,
    );
    for (const code of codes) {
      const error = await failure(client({ timeoutMs: 100 }).code2Session(code));
      const shown = everythingShown(error);
      expect(shown).not.toContain(appSecret);
      expect(shown).not.toContain(code);
      expect(shown).not.toContain(fakeSessionKey(code));
    }
    expect(JSON.stringify(logged)).not.toContain(appSecret);
  });
});
