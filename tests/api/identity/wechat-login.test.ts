import {
  FAKE_WECHAT_CODES,
  type FakeWechatServer,
  fakeOpenid,
  fakeSessionKey,
  fakeUnionid,
  startFakeWechatServer,
} from '@xinfang/server/testing/fake-wechat-server';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditRows, call, expectError, type IdentityApp, startIdentityApp } from './support';

/**
 * Petitioners' WeChat sign-in end to end: the login route calls a local server that speaks
 * `code2Session` as WeChat documents it, over real HTTP. WeChat's session_key is not kept at all.
 *
 * WeChat's own rate limit (errcode 45011, the app's minute quota) answers 503 SERVICE_UNAVAILABLE
 * with `Retry-After: 60`, not 429 RATE_LIMITED: the quota is the whole app's, spent by everyone's
 * logins together, so this person is not going too fast — the service is briefly unavailable, and a
 * retry after the minute works.
 */

const appId = 'wx-test-app-0001';
const appSecret = 'test-app-secret-7f3e9a1c2b4d';
/** `person-a:1`, `person-a:2` … are one person's successive wx.login codes: one openid. */
const openidOf = (code: string) => fakeOpenid(code.replace(/:\d+$/, ''));

describe('WeChat sign-in', () => {
  let fake: FakeWechatServer;
  let identity: IdentityApp;
  const answers: LightMyRequestResponse[] = [];
  const sessionKeys: string[] = [];

  const login = async (code: string) => {
    const response = await call(identity.app, 'POST', '/api/auth/wechat/login', { body: { code } });
    answers.push(response);
    sessionKeys.push(fakeSessionKey(code));
    return response;
  };

  beforeAll(async () => {
    fake = await startFakeWechatServer({ appId, appSecret, openidOf });
    identity = await startIdentityApp({
      logLevel: 'trace',
      wechat: { appId, appSecret, apiBase: fake.baseUrl },
    });
  });
  afterAll(async () => {
    await identity?.close();
    await fake?.close();
  });

  it('creates a petitioner at the first sign-in and finds the same one at the next', async () => {
    const first = await login('person-a:1');
    expect(first.statusCode, first.body).toBe(200);
    const me = first.json().me;
    expect(me).toMatchObject({ kind: 'petitioner', wechatLinked: true, phone: null, realName: null });

    const second = await login('person-a:2');
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().me.id).toBe(me.id);

    const rows = await identity.app.db
      .selectFrom('petitioner_account')
      .select(['id', 'wechat_openid', 'wechat_unionid'])
      .where('wechat_openid', '=', openidOf('person-a:1'))
      .execute();
    expect(rows).toEqual([{ id: me.id, wechat_openid: openidOf('person-a:1'), wechat_unionid: null }]);
    // It really asked WeChat, with the app's credentials and the code.
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: appId, secret: appSecret, js_code: 'person-a:2', grant_type: 'authorization_code' },
    });
    const audit = (await auditRows(identity.app)).filter((r) => r.action === 'auth.wechat_login');
    expect(audit.map((r) => [r.outcome, r.actor_id])).toEqual([
      ['success', me.id],
      ['success', me.id],
    ]);
  });

  it('stores the unionid when WeChat sends one', async () => {
    const response = await login(FAKE_WECHAT_CODES.withUnionid);
    expect(response.statusCode, response.body).toBe(200);
    const row = await identity.app.db
      .selectFrom('petitioner_account')
      .select(['wechat_openid', 'wechat_unionid'])
      .where('id', '=', response.json().me.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      wechat_openid: openidOf(FAKE_WECHAT_CODES.withUnionid),
      wechat_unionid: fakeUnionid(FAKE_WECHAT_CODES.withUnionid),
    });
  });

  it('keeps nothing of WeChat’s session_key: no row holds it, in the clear or encrypted', async () => {
    expect((await login('person-b:1')).statusCode).toBe(200);
    expect((await login('person-b:2')).statusCode).toBe(200);
    const keys = [fakeSessionKey('person-b:1'), fakeSessionKey('person-b:2')];
    const readable = (value: string) => {
      try {
        return identity.app.pii.decrypt(value);
      } catch {
        return '';
      }
    };
    const tables = await identity.app.db.introspection.getTables();
    expect(tables.map((table) => table.name)).not.toContain('wechat_session');
    const holding: string[] = [];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`
        .execute(identity.app.db)
        .then(
          (result) => result.rows,
          (error: Error) => {
            // SQLite's full-text index is contentless: it keeps no text to read back, nor a scan.
            if (/does not support scanning/.test(error.message)) return [];
            throw error;
          },
        );
      for (const [column, value] of rows.flatMap((row) => Object.entries(row))) {
        if (typeof value !== 'string') continue;
        if (keys.some((key) => value.includes(key) || readable(value).includes(key)))
          holding.push(`${table.name}.${column}`);
      }
    }
    expect(holding).toEqual([]);
  });

  it('answers an invalid or already used code with 401, and tells the client to call wx.login again', async () => {
    const invalid = await login(FAKE_WECHAT_CODES.invalid);
    expectError(invalid, 401, 'UNAUTHENTICATED');
    expect(invalid.json().error.details).toEqual({ reason: 'invalid' });
    expectError(await login('person-a:1'), 401, 'UNAUTHENTICATED'); // traded once already
  });

  it("answers WeChat's rate limit with 503 and Retry-After: 60", async () => {
    const limited = await login(FAKE_WECHAT_CODES.rateLimited);
    expectError(limited, 503, 'SERVICE_UNAVAILABLE');
    expect(limited.headers['retry-after']).toBe('60');
  });

  it('retries "system busy" once, and answers 503 when WeChat stays busy or fails', async () => {
    expect((await login(FAKE_WECHAT_CODES.busyOnce)).statusCode).toBe(200);
    expect(fake.attempts(FAKE_WECHAT_CODES.busyOnce)).toBe(2);

    const busy = await login(FAKE_WECHAT_CODES.busy);
    expectError(busy, 503, 'SERVICE_UNAVAILABLE');
    expect(fake.attempts(FAKE_WECHAT_CODES.busy)).toBe(2);
    for (const code of [
      FAKE_WECHAT_CODES.unknownError,
      FAKE_WECHAT_CODES.notJson,
      FAKE_WECHAT_CODES.garbage,
      FAKE_WECHAT_CODES.malformed,
    ]) {
      expectError(await login(code), 503, 'SERVICE_UNAVAILABLE');
    }
  });

  it('refuses a user WeChat blocks as high-risk with 403', async () => {
    expectError(await login(FAKE_WECHAT_CODES.blockedUser), 403, 'FORBIDDEN');
  });

  it('audits every failure with its reason, and never a code or a key', async () => {
    const failures = (await auditRows(identity.app)).filter(
      (r) => r.action === 'auth.wechat_login' && r.outcome === 'failure',
    );
    expect(failures.map((r) => JSON.parse(r.details ?? '{}').reason).sort()).toEqual(
      [
        'blocked_user',
        'busy',
        'invalid_code',
        'invalid_code',
        'rate_limited',
        'upstream_error',
        'upstream_error',
        'upstream_error',
        'upstream_error',
      ].sort(),
    );
    expect(JSON.stringify(await auditRows(identity.app))).not.toMatch(/person-|session_key|secret/);
  });

  it('signs in a first sign-in sent several times at once, as one petitioner', async () => {
    // A double tap: every request may find no account yet; the ones that lose the openid's unique
    // key try again and find the account the winner made.
    const at = await Promise.all([1, 2, 3, 4, 5].map((n) => login(`person-tap:${n}`)));
    for (const answer of at) expect(answer.statusCode, answer.body).toBe(200);
    expect(new Set(at.map((answer) => answer.json().me.id)).size).toBe(1);
    const rows = await identity.app.db
      .selectFrom('petitioner_account')
      .select('id')
      .where('wechat_openid', '=', openidOf('person-tap:1'))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('holds back an address after twenty failed codes, before asking WeChat', async () => {
    const from = (code: string, ip: string) =>
      call(identity.app, 'POST', '/api/auth/wechat/login', { body: { code }, ip });
    const asked = fake.attempts(FAKE_WECHAT_CODES.invalid);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1)
      statuses.push((await from(FAKE_WECHAT_CODES.invalid, '10.61.0.1')).statusCode);
    expect(statuses).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
    expect(fake.attempts(FAKE_WECHAT_CODES.invalid) - asked).toBe(20);
    const held = await from('person-held:1', '10.61.0.1');
    expectError(held, 429, 'RATE_LIMITED');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(890);
    expect(fake.attempts('person-held:1')).toBe(0);
    // Another address signs in; a good sign-in hands its place back, so an office behind one
    // address is held back by failures only.
    expect((await from('person-held:2', '10.61.0.2')).statusCode).toBe(200);
    for (let i = 0; i < 19; i += 1) await from(FAKE_WECHAT_CODES.invalid, '10.61.0.3');
    for (let n = 3; n < 8; n += 1)
      expect((await from(`person-office:${n}`, '10.61.0.3')).statusCode).toBe(200);
    expectError(await from(FAKE_WECHAT_CODES.invalid, '10.61.0.3'), 401, 'UNAUTHENTICATED');
    expectError(await from('person-office:9', '10.61.0.3'), 429, 'RATE_LIMITED');
    const refusals = (await auditRows(identity.app)).filter(
      (r) => r.action === 'auth.wechat_login' && r.outcome === 'denied',
    );
    expect(refusals).toHaveLength(7);
    expect(refusals.every((r) => JSON.parse(r.details ?? '{}').reason === 'throttled')).toBe(true);
  });

  it("caps failed codes from everywhere at 300 a minute, so nobody spends the app's WeChat quota", {
    timeout: 90_000,
  }, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 3600_000);
      const asked = fake.attempts(FAKE_WECHAT_CODES.invalid);
      // Fifteen addresses, twenty each at once: every one within its own bound.
      for (let address = 1; address <= 15; address += 1) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () =>
            call(identity.app, 'POST', '/api/auth/wechat/login', {
              body: { code: FAKE_WECHAT_CODES.invalid },
              ip: `10.62.0.${address}`,
            }),
          ),
        );
        expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(401));
      }
      const fresh = await call(identity.app, 'POST', '/api/auth/wechat/login', {
        body: { code: 'person-quota:1' },
        ip: '10.62.1.1',
      });
      expectError(fresh, 429, 'RATE_LIMITED');
      expect(fake.attempts(FAKE_WECHAT_CODES.invalid) - asked).toBe(300);
      expect(fake.attempts('person-quota:1')).toBe(0);
      // The next minute, sign-ins go through again.
      vi.setSystemTime(Date.now() + 61_000);
      const later = await call(identity.app, 'POST', '/api/auth/wechat/login', {
        body: { code: 'person-quota:2' },
        ip: '10.62.1.1',
      });
      expect(later.statusCode, later.body).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never lets the session_key or the app secret out, in any answer or any log line', () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(identity.logs.lines.length).toBeGreaterThan(20);
    const secrets = [...new Set(sessionKeys), appSecret];
    for (const response of answers) {
      const seen = `${JSON.stringify(response.headers)}\n${response.body}`;
      for (const secret of secrets) expect(seen).not.toContain(secret);
      expect(seen).not.toMatch(/session_?key/i);
    }
    for (const line of identity.logs.lines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  });
});
