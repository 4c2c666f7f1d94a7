import { createHmac } from 'node:crypto';
import type { SignInAnswer } from '@xinfang/shared/schemas/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addStaff,
  auditRows,
  call,
  expectError,
  type IdentityApp,
  petitionerSignIn,
  staffId,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from './support';

/**
 * Attacks on the tokens (issue 4, OWASP ASVS 5.0 V7/V9): forged and altered access tokens, stale
 * ones, replayed refresh tokens, and the sessions of accounts that an admin disables or resets.
 */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT made by hand: any header, any claims, signed with HMAC of any strength and key, or not at all. */
function handMadeToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: string | null,
  hash: 'sha256' | 'sha512' = 'sha256',
): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  const signature = key === null ? '' : createHmac(hash, key).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')),
  };
}

describe('token attacks', () => {
  let identity: IdentityApp;
  let admin: SignInAnswer;
  let secret: string;
  let validClaims: () => Record<string, unknown>;

  const me = (token: string) => call(identity.app, 'GET', '/api/auth/me', { token });
  const refresh = (refreshToken: string) =>
    call(identity.app, 'POST', '/api/auth/refresh', { body: { refreshToken } });

  beforeAll(async () => {
    identity = await startIdentityApp();
    secret = identity.t.config.jwtSecret;
    admin = await staffSignIn(identity.app, 'admin');
    const sid = decode(admin.tokens.accessToken).claims.sid;
    validClaims = () => {
      const now = Math.floor(Date.now() / 1000);
      return {
        sub: admin.me.id,
        typ: 'staff',
        sid,
        iss: 'xinfang',
        aud: 'xinfang-api',
        iat: now,
        exp: now + 900,
      };
    };
  });
  afterAll(() => identity?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('access tokens', () => {
    it('are HS256, issued by xinfang for xinfang-api, and live exactly 900 seconds', () => {
      const { header, claims } = decode(admin.tokens.accessToken);
      expect(header.alg).toBe('HS256');
      expect(claims).toMatchObject({ sub: admin.me.id, typ: 'staff', iss: 'xinfang', aud: 'xinfang-api' });
      expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
      expect(Date.parse(admin.tokens.accessTokenExpiresAt) / 1000).toBeCloseTo(Number(claims.exp), -1);
    });

    it('accepts a hand-made token with the right key and claims (so the refusals below are about the attack)', async () => {
      const response = await me(handMadeToken({ alg: 'HS256', typ: 'JWT' }, validClaims(), secret));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().id).toBe(admin.me.id);
    });

    it('refuses alg: none, with or without a signature', async () => {
      const unsigned = handMadeToken({ alg: 'none', typ: 'JWT' }, validClaims(), null);
      expectError(await me(unsigned), 401, 'UNAUTHENTICATED');
      const signedAnyway = handMadeToken({ alg: 'none', typ: 'JWT' }, validClaims(), secret);
      expectError(await me(signedAnyway), 401, 'UNAUTHENTICATED');
      // A real token with its header swapped for alg: none and its signature dropped.
      const [, payload] = admin.tokens.accessToken.split('.');
      expectError(await me(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`), 401, 'UNAUTHENTICATED');
    });

    it('refuses HS256 signed with another key, and the right key under another algorithm', async () => {
      const otherKey = handMadeToken({ alg: 'HS256', typ: 'JWT' }, validClaims(), `${secret}-not`);
      expectError(await me(otherKey), 401, 'UNAUTHENTICATED');
      const hs512 = handMadeToken({ alg: 'HS512', typ: 'JWT' }, validClaims(), secret, 'sha512');
      expectError(await me(hs512), 401, 'UNAUTHENTICATED');
    });

    it('refuses a token whose claims were altered after signing', async () => {
      const [header, , signature] = admin.tokens.accessToken.split('.');
      const altered = `${header}.${b64({ ...decode(admin.tokens.accessToken).claims, sub: 'someone-else' })}.${signature}`;
      expectError(await me(altered), 401, 'UNAUTHENTICATED');
    });

    it('refuses the wrong issuer, the wrong audience, missing claims and an unknown subject type', async () => {
      const sign = (claims: Record<string, unknown>) =>
        handMadeToken({ alg: 'HS256', typ: 'JWT' }, claims, secret);
      const { typ: _typ, ...withoutTyp } = validClaims();
      const { exp: _exp, ...withoutExp } = validClaims();
      const { sid: _sid, ...withoutSession } = validClaims();
      for (const claims of [
        { ...validClaims(), iss: 'someone-else' },
        { ...validClaims(), aud: 'another-api' },
        { ...validClaims(), aud: ['another-api'] },
        withoutTyp,
        withoutExp,
        withoutSession,
        // A session that does not exist, or someone else's.
        { ...validClaims(), sid: '01NOSESSION000000000000000' },
        { ...validClaims(), sub: (await staffSignIn(identity.app, 'supervisor')).me.id },
        { ...validClaims(), typ: 'admin' },
        { ...validClaims(), typ: 'petitioner' },
        { ...validClaims(), sub: '01NOBODY000000000000000000' },
      ]) {
        expectError(await me(sign(claims)), 401, 'UNAUTHENTICATED');
      }
    });

    it('refuses an expired token, and a real one once its 15 minutes are over', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      const expired = handMadeToken(
        { alg: 'HS256', typ: 'JWT' },
        { ...validClaims(), iat: past, exp: past + 900 },
        secret,
      );
      const refused = await me(expired);
      expectError(refused, 401, 'UNAUTHENTICATED');
      expect(refused.json().error.details).toEqual({ reason: 'expired' });

      vi.useFakeTimers({ toFake: ['Date'] });
      const issuedAt = Number(decode(admin.tokens.accessToken).claims.iat) * 1000;
      vi.setSystemTime(issuedAt + 899_000);
      expect((await me(admin.tokens.accessToken)).statusCode).toBe(200);
      vi.setSystemTime(issuedAt + 901_000);
      const late = await me(admin.tokens.accessToken);
      expectError(late, 401, 'UNAUTHENTICATED');
      expect(late.json().error.details).toEqual({ reason: 'expired' });
    });

    it('refuses a malformed Authorization header', async () => {
      const token = admin.tokens.accessToken;
      for (const header of [
        `Basic ${Buffer.from('admin:demo-pass-2026').toString('base64')}`,
        'Bearer',
        'Bearer ',
        `bearer ${token}`,
        `Bearer  ${token}`,
        `Bearer ${token} extra`,
        `Bearer ${token}\u0000`,
        'Bearer not-a-jwt',
        'Bearer a.b.c',
        `Token ${token}`,
      ]) {
        const response = await call(identity.app, 'GET', '/api/auth/me', {
          headers: { authorization: header },
        });
        expect({ header, status: response.statusCode, code: response.json().error?.code }).toEqual({
          header,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    });
  });

  describe('refresh tokens', () => {
    it('rotate on every use; a token used again after the grace interval revokes the whole family', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const first = await staffSignIn(identity.app, 'ds.reception', { fresh: true });
      const rotated = await refresh(first.tokens.refreshToken);
      expect(rotated.statusCode, rotated.body).toBe(200);
      const second = rotated.json();
      expect(second.refreshToken).not.toBe(first.tokens.refreshToken);
      expect((await me(second.accessToken)).statusCode).toBe(200);

      vi.setSystemTime(start + 31_000);
      const replay = await refresh(first.tokens.refreshToken);
      expectError(replay, 401, 'UNAUTHENTICATED');
      expect(replay.json().error.details).toEqual({ reason: 'revoked' });
      // The newer token, from the legitimate rotation, is dead too: the thief and the owner both sign in again.
      vi.setSystemTime(start + 32_000);
      expectError(await refresh(second.refreshToken), 401, 'UNAUTHENTICATED');

      const rows = await identity.app.db
        .selectFrom('refresh_token')
        .select(['revoked_at'])
        .where('subject_id', '=', first.me.id)
        .execute();
      expect(rows.length).toBe(2);
      expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
      const audit = (await auditRows(identity.app)).filter((r) => r.action === 'auth.refresh');
      // Whoever replayed the token is not known to be its holder: the account is the target.
      expect(audit.at(-1)).toMatchObject({
        outcome: 'denied',
        actor_type: 'anonymous',
        actor_id: null,
        target_id: first.me.id,
      });
      expect(JSON.parse(audit.at(-1)?.details ?? '{}')).toEqual({ reason: 'reuse_detected' });
    });

    it('answer two simultaneous copies of one refresh in the same session, leaving one live token', async () => {
      const session = await staffSignIn(identity.app, 'ds.head', { fresh: true });
      const answers = await Promise.all([
        refresh(session.tokens.refreshToken),
        refresh(session.tokens.refreshToken),
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
      for (const answer of answers) expect((await me(answer.json().accessToken)).statusCode).toBe(200);
      const live = await identity.app.db
        .selectFrom('refresh_token')
        .select('id')
        .where('subject_id', '=', session.me.id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      expect(live.length).toBe(1);
    });

    it('answer a resent refresh within 30 s with a pair of the same session (nginx, a weak signal)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const session = await petitionerSignIn(identity, '13900000078');
      const first = (await refresh(session.tokens.refreshToken)).json();
      vi.setSystemTime(start + 29_000);
      const resent = await refresh(session.tokens.refreshToken);
      expect(resent.statusCode, resent.body).toBe(200);
      const again = resent.json();
      expect(decode(again.accessToken).claims.sid).toBe(decode(session.tokens.accessToken).claims.sid);
      expect((await me(again.accessToken)).statusCode).toBe(200);
      expect((await me(first.accessToken)).statusCode).toBe(200);
      const next = await refresh(again.refreshToken);
      expect(next.statusCode, next.body).toBe(200);
      expect((await me(next.json().accessToken)).statusCode).toBe(200);

      // The answer that never arrived was retired: someone presenting it is a thief, and the
      // whole session ends (so a thief's copy resent within the interval is cut off too).
      expectError(await refresh(first.refreshToken), 401, 'UNAUTHENTICATED');
      expectError(await me(next.json().accessToken), 401, 'UNAUTHENTICATED');
    });

    it('treat a resend as theft once the pair it would replace has been used, even within 30 s', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const session = await staffSignIn(identity.app, 'ds.handler', { fresh: true });
      const first = (await refresh(session.tokens.refreshToken)).json();
      const second = (await refresh(first.refreshToken)).json();
      vi.setSystemTime(start + 5_000);
      expectError(await refresh(session.tokens.refreshToken), 401, 'UNAUTHENTICATED');
      expectError(await me(second.accessToken), 401, 'UNAUTHENTICATED');
    });

    it('are stored only as hashes', async () => {
      const session = await staffSignIn(identity.app, 'supervisor', { fresh: true });
      const rows = await identity.app.db.selectFrom('refresh_token').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(session.tokens.refreshToken);
    });

    it('end at logout', async () => {
      const session = await staffSignIn(identity.app, 'leader', { fresh: true });
      const rotated = (await refresh(session.tokens.refreshToken)).json();
      const out = await call(identity.app, 'POST', '/api/auth/logout', {
        body: { refreshToken: rotated.refreshToken },
      });
      expect(out.statusCode).toBe(204);
      expectError(await refresh(rotated.refreshToken), 401, 'UNAUTHENTICATED');
      const audit = (await auditRows(identity.app)).filter((r) => r.action === 'auth.logout');
      expect(audit.at(-1)).toMatchObject({ outcome: 'success', actor_id: session.me.id });
    });

    it('take their access tokens with them at once: sign-out, a password change, a revoked family', async () => {
      // Signing out ends this session's access, not the person's other sessions.
      await addStaff(identity.app, { username: 'tok.person', unitCode: 'JA-DS', roles: ['handler'] });
      const phone = await staffSignIn(identity.app, 'tok.person', { fresh: true });
      const desk = await staffSignIn(identity.app, 'tok.person', { fresh: true });
      await call(identity.app, 'POST', '/api/auth/logout', {
        body: { refreshToken: phone.tokens.refreshToken },
      });
      const after = await me(phone.tokens.accessToken);
      expectError(after, 401, 'UNAUTHENTICATED');
      expect(after.json().error.details).toEqual({ reason: 'revoked' });
      expect((await me(desk.tokens.accessToken)).statusCode).toBe(200);

      // A password change ends every other session's access; the answer's fresh one works.
      const changed = await call(identity.app, 'POST', '/api/auth/password', {
        token: desk.tokens.accessToken,
        body: { currentPassword: 'demo-pass-2026', newPassword: 'another long passphrase 2026' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expectError(await me(desk.tokens.accessToken), 401, 'UNAUTHENTICATED');
      expect((await me(changed.json().accessToken)).statusCode).toBe(200);

      // A refresh token replayed revokes its family: the access tokens issued in it stop too.
      const stolen = await staffSignIn(identity.app, 'xh.handler', { fresh: true });
      const rotated = (await refresh(stolen.tokens.refreshToken)).json();
      expect((await me(rotated.accessToken)).statusCode).toBe(200);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 31_000);
      expectError(await refresh(stolen.tokens.refreshToken), 401, 'UNAUTHENTICATED');
      expectError(await me(rotated.accessToken), 401, 'UNAUTHENTICATED');
      expectError(await me(stolen.tokens.accessToken), 401, 'UNAUTHENTICATED');
    });

    it("a petitioner's sign-out ends their access token at once, saying the session has ended", async () => {
      const session = await petitionerSignIn(identity, '13900000077');
      expect((await me(session.tokens.accessToken)).statusCode).toBe(200);
      await call(identity.app, 'POST', '/api/auth/logout', {
        body: { refreshToken: session.tokens.refreshToken },
      });
      const after = await me(session.tokens.accessToken);
      expectError(after, 401, 'UNAUTHENTICATED');
      expect(after.json().error).toMatchObject({
        message: '登录状态已结束，请重新登录',
        details: { reason: 'revoked' },
      });
    });

    it('die when idle past 12 hours, and at the latest 7 days after sign-in (staff)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const idle = await staffSignIn(identity.app, 'xh.head', { fresh: true });
      vi.setSystemTime(start + 12 * 3600_000 + 1000);
      expectError(await refresh(idle.tokens.refreshToken), 401, 'UNAUTHENTICATED');

      vi.setSystemTime(start);
      let token = (await staffSignIn(identity.app, 'xh.head', { fresh: true })).tokens.refreshToken;
      let at = start;
      while (at + 11 * 3600_000 < start + 7 * 24 * 3600_000) {
        at += 11 * 3600_000;
        vi.setSystemTime(at);
        const rotated = await refresh(token);
        expect(rotated.statusCode, rotated.body).toBe(200);
        token = rotated.json().refreshToken;
        expect(Date.parse(rotated.json().refreshTokenExpiresAt)).toBeLessThanOrEqual(
          start + 7 * 24 * 3600_000,
        );
      }
      vi.setSystemTime(start + 7 * 24 * 3600_000 + 1000);
      expectError(await refresh(token), 401, 'UNAUTHENTICATED');
    });
  });

  describe('accounts an admin disables or resets', () => {
    it('a disabled account loses its access token at the next request, and its refresh tokens', async () => {
      const victimId = await staffId(identity.app, 'ds.handler');
      const session = await staffSignIn(identity.app, 'ds.handler', { fresh: true });
      expect((await me(session.tokens.accessToken)).statusCode).toBe(200);

      const disable = await call(identity.app, 'PATCH', `/api/staff/${victimId}`, {
        token: admin.tokens.accessToken,
        body: { status: 'disabled' },
      });
      expect(disable.statusCode, disable.body).toBe(200);

      const next = await me(session.tokens.accessToken);
      expectError(next, 401, 'UNAUTHENTICATED');
      expect(next.json().error.details).toEqual({ reason: 'revoked' });
      expectError(await refresh(session.tokens.refreshToken), 401, 'UNAUTHENTICATED');
      const login = await call(identity.app, 'POST', '/api/auth/staff/login', {
        body: { username: 'ds.handler', password: 'demo-pass-2026' },
        ip: '10.9.9.9',
      });
      expectError(login, 401, 'INVALID_CREDENTIALS');

      // Enabling it again does not bring the old sessions back, nor their access tokens.
      await call(identity.app, 'PATCH', `/api/staff/${victimId}`, {
        token: admin.tokens.accessToken,
        body: { status: 'active' },
      });
      expectError(await refresh(session.tokens.refreshToken), 401, 'UNAUTHENTICATED');
      expectError(await me(session.tokens.accessToken), 401, 'UNAUTHENTICATED');
    });

    it('a temporary password opens nothing but "who am I", changing it, and signing out', async () => {
      const units = await unitIds(identity.app);
      const created = await call(identity.app, 'POST', '/api/staff', {
        token: admin.tokens.accessToken,
        body: {
          username: 'temp.person',
          displayName: '临时密码',
          unitId: units.get('JA'),
          roles: ['admin', 'supervisor'],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { temporaryPassword, account } = created.json();
      expect(account.mustChangePassword).toBe(true);

      const session = await staffSignIn(identity.app, 'temp.person', {
        password: temporaryPassword,
        fresh: true,
      });
      expect(session.me).toMatchObject({ kind: 'staff', mustChangePassword: true });
      await expectOnlyPasswordChange(session.tokens.accessToken);

      const changed = await call(identity.app, 'POST', '/api/auth/password', {
        token: session.tokens.accessToken,
        body: { currentPassword: temporaryPassword, newPassword: 'a brand new passphrase 2026' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      // The change ends the sessions opened with the old password and answers with a fresh one.
      expectError(await refresh(session.tokens.refreshToken), 401, 'UNAUTHENTICATED');
      const fresh = changed.json();
      const list = await call(identity.app, 'GET', '/api/staff', { token: fresh.accessToken });
      expect(list.statusCode, list.body).toBe(200);
      expect((await refresh(fresh.refreshToken)).statusCode).toBe(200);

      // An admin's reset makes it temporary again and ends every session.
      const reset = await call(identity.app, 'POST', `/api/staff/${account.id}/password-reset`, {
        token: admin.tokens.accessToken,
      });
      expect(reset.statusCode, reset.body).toBe(200);
      expectError(await refresh(fresh.refreshToken), 401, 'UNAUTHENTICATED');
      expectError(await me(fresh.accessToken), 401, 'UNAUTHENTICATED');
      const again = await staffSignIn(identity.app, 'temp.person', {
        password: reset.json().temporaryPassword,
        fresh: true,
      });
      expect(again.me).toMatchObject({ mustChangePassword: true });
      await expectOnlyPasswordChange(again.tokens.accessToken);
      const out = await call(identity.app, 'POST', '/api/auth/logout', {
        token: again.tokens.accessToken,
        body: { refreshToken: again.tokens.refreshToken },
      });
      expect(out.statusCode).toBe(204);
    });
  });

  /** Every route that is not public refuses this token, but for "who am I" and changing the password. */
  async function expectOnlyPasswordChange(token: string) {
    const open: string[] = [];
    for (const route of identity.app.access.routes()) {
      if ('public' in route.access) continue;
      const url = route.url.replace(/:(\w+)/g, '01UNKNOWN0000000000000000X');
      const response = await call(identity.app, route.method, url, { token });
      const key = `${route.method} ${route.url}`;
      if (key === 'GET /api/auth/me') {
        expect(response.statusCode).toBe(200);
        expect(response.json().mustChangePassword).toBe(true);
      } else if (key === 'POST /api/auth/password') {
        expect(response.statusCode).toBe(400); // no body: it got past the policy to validation
      } else if (response.statusCode !== 403 || response.json().error.code !== 'FORBIDDEN') {
        open.push(`${key} → ${response.statusCode}`);
      }
    }
    expect(open, 'routes open to a temporary password').toEqual([]);
  }
});
