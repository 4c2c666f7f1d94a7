import * as passwords from '@xinfang/server/security/passwords';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addStaff,
  auditRows,
  call,
  DEMO_PASSWORD,
  expectError,
  type IdentityApp,
  startIdentityApp,
} from './support';

// The real password check, watched: to see that an unknown username is checked against a decoy hash.
// The suites share their modules (vitest.config.ts): forget them, so this file's app sees the watch.
vi.hoisted(() => vi.resetModules());
vi.mock('@xinfang/server/security/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('@xinfang/server/security/passwords')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

/**
 * Guessing staff passwords (issue 4, OWASP ASVS 5.0 V6.3): 5 failures for one account from one
 * address cost that address 15 minutes on that account; 50 across addresses block the account for
 * 15 minutes, and its holder is told at the next sign-in; 50 from one address across accounts block
 * the address. A real user elsewhere is not locked out by someone guessing from one address, and an
 * unknown username is answered exactly as a wrong password, after the same work.
 */

const MINUTE = 60_000;

describe('staff sign-in throttling', () => {
  let identity: IdentityApp;
  let ipCounter = 0;
  const freshIp = () => `10.30.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const login = (username: string, password: string, ip: string) =>
    call(identity.app, 'POST', '/api/auth/staff/login', { body: { username, password }, ip });
  const freeze = () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start);
    return start;
  };

  beforeAll(async () => {
    identity = await startIdentityApp();
  });
  afterAll(() => identity?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('five wrong passwords from one address hold that address back for 15 minutes, and nobody else', async () => {
    const attacker = freshIp();
    const start = freeze();
    for (let i = 0; i < 5; i += 1) {
      expectError(await login('ds.reception', `wrong guess ${i}`, attacker), 401, 'INVALID_CREDENTIALS');
    }
    const held = await login('ds.reception', DEMO_PASSWORD, attacker);
    expectError(held, 429, 'RATE_LIMITED');
    expect(held.headers['retry-after']).toBe('900');

    // The real user, elsewhere, signs in: guessing from one address cannot lock them out.
    expect((await login('ds.reception', DEMO_PASSWORD, freshIp())).statusCode).toBe(200);

    vi.setSystemTime(start + 15 * MINUTE - 1000);
    const stillHeld = await login('ds.reception', DEMO_PASSWORD, attacker);
    expectError(stillHeld, 429, 'RATE_LIMITED');
    expect(stillHeld.headers['retry-after']).toBe('1');
    vi.setSystemTime(start + 15 * MINUTE + 1000);
    expect((await login('ds.reception', DEMO_PASSWORD, attacker)).statusCode).toBe(200);

    const throttled = (await auditRows(identity.app)).filter(
      (r) => r.action === 'auth.staff_login' && r.outcome === 'denied',
    );
    expect(throttled.length).toBe(2);
    expect(throttled.every((r) => JSON.parse(r.details ?? '{}').reason === 'throttled')).toBe(true);
  });

  it('a successful sign-in starts that address counting again', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) await login('ds.head', 'not the password', ip);
    expect((await login('ds.head', DEMO_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) await login('ds.head', 'not the password', ip);
    expect((await login('ds.head', DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('fifty failures spread over many addresses block the account for everyone for 15 minutes, and its holder is told', async () => {
    const start = freeze();
    vi.setSystemTime(start - MINUTE);
    expect((await login('xh.handler', DEMO_PASSWORD, freshIp())).json().me.signInAlert).toBeNull();
    vi.setSystemTime(start);
    // Ten times what one address may try: a stranger cannot lock the account in a few tries.
    let ip = '';
    for (let failure = 0; failure < 50; failure += 1) {
      if (failure % 4 === 0) ip = freshIp(); // four from each address, under its bound of five
      expectError(await login('xh.handler', `guess ${failure}`, ip), 401, 'INVALID_CREDENTIALS');
    }
    const anyone = freshIp();
    const blocked = await login('xh.handler', DEMO_PASSWORD, anyone);
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(blocked.headers['retry-after']).toBe('900');
    // Other accounts are not affected.
    expect((await login('xh.head', DEMO_PASSWORD, anyone)).statusCode).toBe(200);
    vi.setSystemTime(start + 15 * MINUTE + 1000);
    const back = await login('xh.handler', DEMO_PASSWORD, anyone);
    expect(back.statusCode).toBe(200);
    // The holder learns what happened since their last sign-in, and is told it once.
    expect(back.json().me.signInAlert).toMatchObject({ failedAttempts: 50, locked: true });
    const me = await call(identity.app, 'GET', '/api/auth/me', { token: back.json().tokens.accessToken });
    expect(me.json().signInAlert).toMatchObject({ failedAttempts: 50, locked: true });
    expect((await login('xh.handler', DEMO_PASSWORD, anyone)).json().me.signInAlert).toBeNull();
    const locked = (await auditRows(identity.app)).filter((r) => r.action === 'auth.account_locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ target_type: 'staff', outcome: 'denied' });
  });

  it("says a locked account is locked, and an admin's reset lifts the lock and the holder's own holds", async () => {
    freeze();
    const holderIp = freshIp();
    for (let i = 0; i < 5; i += 1) await login('ds.handler', `my typo ${i}`, holderIp);
    expectError(await login('ds.handler', DEMO_PASSWORD, holderIp), 429, 'RATE_LIMITED');
    let ip = '';
    for (let failure = 0; failure < 51; failure += 1) {
      if (failure % 4 === 0) ip = freshIp();
      await login('ds.handler', `g ${failure}`, ip);
    }
    // The holder, from anywhere, tried once: "too many tries" would mislead.
    const locked = await login('ds.handler', DEMO_PASSWORD, freshIp());
    expectError(locked, 429, 'RATE_LIMITED');
    expect(locked.json().error.message).toBe(
      '该账号因多次输错密码已被暂时锁定，请 15 分钟后再试，或请管理员重置密码',
    );
    expect(locked.headers['retry-after']).toBe('900');

    const admin = (await login('admin', DEMO_PASSWORD, freshIp())).json().tokens.accessToken;
    const id = (
      await identity.app.db
        .selectFrom('staff_account')
        .select('id')
        .where('username', '=', 'ds.handler')
        .executeTakeFirstOrThrow()
    ).id;
    const reset = await call(identity.app, 'POST', `/api/staff/${id}/password-reset`, { token: admin });
    expect(reset.statusCode, reset.body).toBe(200);
    const temporary = reset.json().temporaryPassword as string;
    // No quarter of an hour has passed: the reset itself let the holder in, from anywhere and
    // from the address their own typos had held back.
    expect((await login('ds.handler', temporary, freshIp())).statusCode).toBe(200);
    expect((await login('ds.handler', temporary, holderIp)).statusCode).toBe(200);
    // Another account's holds stay: the reset lifted only this account's.
    const other = freshIp();
    for (let i = 0; i < 5; i += 1) await login('ds.handler2', `x ${i}`, other);
    await call(identity.app, 'POST', `/api/staff/${id}/password-reset`, { token: admin });
    expectError(await login('ds.handler2', 'x', other), 429, 'RATE_LIMITED');
  });

  it('checks no more passwords than the limits allow, however many arrive at once', async () => {
    const verify = vi.mocked(passwords.verifyPassword);
    for (const username of ['burst.one', 'burst.two'])
      await addStaff(identity.app, { username, unitCode: 'JA-DS', roles: ['handler'] });
    const ip = freshIp();
    verify.mockClear();
    // A hundred guesses at once from one address: five are checked, and then not even the right one.
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login('burst.one', `burst ${i}`, ip)),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length).toBe(verify.mock.calls.length);
    expect(statuses.filter((s) => s === 429).length).toBe(100 - verify.mock.calls.length);
    expectError(await login('burst.one', DEMO_PASSWORD, ip), 429, 'RATE_LIMITED');
    // Spread over a hundred addresses, the account-wide bound holds the same way.
    verify.mockClear();
    const spread = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login('burst.two', `spread ${i}`, freshIp())),
    );
    expect(verify.mock.calls.length).toBeLessThanOrEqual(50);
    expect(spread.filter((a) => a.statusCode === 429).length).toBeGreaterThanOrEqual(50);
  });

  it('fifty failures from one address across accounts block the address', async () => {
    const sprayer = freshIp();
    const start = freeze();
    for (let i = 0; i < 50; i += 1) {
      // Real accounts three times each (under their per-address bound of 5), then names that do not exist.
      const username =
        i < 12 ? (['supervisor', 'leader', 'reception', 'xh.head'][i % 4] as string) : `nobody.${i}`;
      const response = await login(username, `spray ${i}`, sprayer);
      expect(response.statusCode, `attempt ${i}: ${response.body}`).toBe(401);
    }
    const blocked = await login('leader', DEMO_PASSWORD, sprayer);
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(blocked.headers['retry-after']).toBe('900');
    // From anywhere else, the same accounts sign in.
    expect((await login('leader', DEMO_PASSWORD, freshIp())).statusCode).toBe(200);
    vi.setSystemTime(start + 15 * MINUTE + 1000);
    expect((await login('leader', DEMO_PASSWORD, sprayer)).statusCode).toBe(200);
  });

  it('answers an unknown username exactly as a wrong password, after checking a decoy hash', async () => {
    const verify = vi.mocked(passwords.verifyPassword);
    const ip = freshIp();

    verify.mockClear();
    const wrong = await login('supervisor', 'certainly wrong', ip);
    expect(verify).toHaveBeenCalledTimes(1);
    const stored = await identity.app.db
      .selectFrom('staff_account')
      .select('password_hash')
      .where('username', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    expect(verify.mock.calls[0]).toEqual([stored.password_hash, 'certainly wrong']);

    verify.mockClear();
    const unknown = await login('no.such.person', 'certainly wrong', ip);
    expect(verify).toHaveBeenCalledTimes(1);
    const [decoy, given] = verify.mock.calls[0] ?? [];
    expect(decoy).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(given).toBe('certainly wrong');
    const hashes = await identity.app.db.selectFrom('staff_account').select('password_hash').execute();
    expect(hashes.map((h) => h.password_hash)).not.toContain(decoy);
    expect(await verify.mock.results[0]?.value).toBe(false);

    expect({ status: unknown.statusCode, body: unknown.json() }).toEqual({
      status: wrong.statusCode,
      body: wrong.json(),
    });
    expect(wrong.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });

    // Unknown names are throttled like real ones, so probing for names costs the same.
    const bucket = await identity.app.db
      .selectFrom('throttle')
      .select('hits')
      .where('bucket', '=', 'login:no.such.person')
      .executeTakeFirst();
    expect(bucket?.hits).toBe(1);
    const audit = (await auditRows(identity.app))
      .filter((r) => r.action === 'auth.staff_login' && r.ip === ip)
      .at(-1);
    expect(audit).toMatchObject({ outcome: 'failure', actor_type: 'anonymous', target_id: null });
    expect(JSON.parse(audit?.details ?? '{}')).toEqual({ reason: 'unknown_user' });
  });

  it('counts wrong current passwords at a password change with the sign-in failures', async () => {
    const ip = freshIp();
    const start = freeze();
    const session = (await login('xh.head', DEMO_PASSWORD, ip)).json();
    const change = (currentPassword: string) =>
      call(identity.app, 'POST', '/api/auth/password', {
        token: session.tokens.accessToken,
        body: { currentPassword, newPassword: 'a long new passphrase 2027' },
        ip,
      });
    // A stolen access token is not a password oracle: guesses here cost what they cost at sign-in.
    for (let i = 0; i < 5; i += 1) expectError(await change(`guess ${i}`), 401, 'INVALID_CREDENTIALS');
    const held = await change(DEMO_PASSWORD);
    expectError(held, 429, 'RATE_LIMITED');
    expect(held.headers['retry-after']).toBe('900');
    expectError(await login('xh.head', DEMO_PASSWORD, ip), 429, 'RATE_LIMITED');
    // A quarter of an hour later (the access token has expired too) the address may try again.
    vi.setSystemTime(start + 15 * MINUTE + 1000);
    const again = await login('xh.head', DEMO_PASSWORD, ip);
    expect(again.statusCode).toBe(200);
    const changed = await call(identity.app, 'POST', '/api/auth/password', {
      token: again.json().tokens.accessToken,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'a long new passphrase 2027' },
      ip,
    });
    expect(changed.statusCode, changed.body).toBe(200);
  });

  it('answers a disabled account exactly as a wrong password', async () => {
    const admin = await login('admin', DEMO_PASSWORD, freshIp());
    const victim = await identity.app.db
      .selectFrom('staff_account')
      .select('id')
      .where('username', '=', 'ds.liaison')
      .executeTakeFirstOrThrow();
    await call(identity.app, 'PATCH', `/api/staff/${victim.id}`, {
      token: admin.json().tokens.accessToken,
      body: { status: 'disabled' },
    });
    const ip = freshIp();
    const disabled = await login('ds.liaison', DEMO_PASSWORD, ip);
    const wrong = await login('ds.head', 'wrong again', ip);
    expect({ status: disabled.statusCode, body: disabled.json() }).toEqual({
      status: wrong.statusCode,
      body: wrong.json(),
    });
  });
});
