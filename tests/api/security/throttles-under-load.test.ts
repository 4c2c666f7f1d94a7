import { randomUUID } from 'node:crypto';
import { LOOKUP_RULES } from '@xinfang/server/petitions/lookup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  call,
  type IdentityApp,
  petitionerSignIn,
  startIdentityApp,
  unitIds,
} from '../identity/support';

/**
 * Limits that hold under concurrency (issue 10): every throttle reserves its attempt before the
 * check it guards, so a hundred requests sent at once get exactly as far as the limit lets them —
 * one-time codes sent and tried, look-ups by number and code, and submissions per day. (Passwords:
 * identity/lockout.test.ts.) Run on SQLite and on MySQL.
 */
const BURST = 100;
const burst = <T>(make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: BURST }, (_, i) => make(i)));
const statuses = (answers: { statusCode: number }[]) => {
  const counts: Record<number, number> = {};
  for (const { statusCode } of answers) counts[statusCode] = (counts[statusCode] ?? 0) + 1;
  return counts;
};

describe('throttles under a burst of a hundred parallel requests', { timeout: 120_000 }, () => {
  let identity: IdentityApp;

  beforeAll(async () => {
    identity = await startIdentityApp();
  });
  afterAll(() => identity?.close());
  // A 5xx in a burst is a bug: its logged error goes into the failure message.
  const loggedErrors = () =>
    identity.logs
      .entries()
      .filter((entry) => Number(entry.level) >= 50)
      .map((entry) => JSON.stringify(entry.err ?? entry.msg))
      .join('\n');

  it('sends one code, not a hundred, to a phone asked a hundred times at once', async () => {
    const phone = '13700000301';
    const answers = await burst(() =>
      call(identity.app, 'POST', '/api/auth/otp', { body: { phone }, ip: '10.60.0.1' }),
    );
    expect(statuses(answers), loggedErrors()).toEqual({ 200: 1, 429: BURST - 1 });
    const sent = identity.logs.lines.filter((line) => line.includes('login code for 137****0301'));
    expect(sent).toHaveLength(1);
  });

  it('compares at most five guesses at one code, however many arrive together', async () => {
    const phone = '13700000302';
    const ip = '10.60.0.2';
    expect((await call(identity.app, 'POST', '/api/auth/otp', { body: { phone }, ip })).statusCode).toBe(200);
    const code = identity.logs.devSmsCode(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers = await burst((i) =>
      call(identity.app, 'POST', '/api/auth/otp/login', { body: { phone, code: wrong }, ip: `10.61.${i}.1` }),
    );
    expect(answers.every((a) => a.statusCode === 401)).toBe(true);
    const challenge = await identity.app.db
      .selectFrom('otp_challenge')
      .select(['attempts', 'consumed_at'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(challenge.attempts).toBe(5);
    expect(challenge.consumed_at).not.toBeNull();
    const compared = (await auditRows(identity.app)).filter(
      (r) => r.action === 'auth.otp_login' && JSON.parse(r.details ?? '{}').reason === 'wrong_code',
    );
    expect(compared).toHaveLength(5);
    // The code is spent: the right one no longer works either.
    const late = await call(identity.app, 'POST', '/api/auth/otp/login', { body: { phone, code }, ip });
    expect(late.statusCode).toBe(401);
  });

  it('compares at most the allowed number of query codes for one petition number', async () => {
    const worker = await petitionerSignIn(identity, '13800000001');
    const units = await unitIds(identity.app);
    const submitted = await call(identity.app, 'POST', '/api/petitions', {
      token: worker.tokens.accessToken,
      headers: { 'idempotency-key': `load-${randomUUID()}` },
      body: {
        kind: 'request',
        concernedUnitId: units.get('JA-DS-AQK'),
        categoryCode: 'safety',
        title: '风门关不严',
        content: '三号井风门关不严，漏风严重。',
      },
    });
    const number = submitted.json().petition.number as string;
    const queryCode = submitted.json().queryCode as string;
    const lookups = async () =>
      (await auditRows(identity.app)).filter((r) => r.action === 'petition.lookup').length;
    const guess = (round: number, i: number) =>
      call(identity.app, 'POST', '/api/lookup', {
        body: { number, queryCode: `WRONG${String(round * BURST + i).padStart(4, '0')}` },
        ip: `10.62.${round}.${i + 1}`,
      });
    const before = await lookups();
    // A hundred addresses at once, each guessing once: every guess is compared, and the owner,
    // from an address of her own, still gets in. A stranger cannot shut her out (Art 18, 21).
    const first = await burst((i) => guess(0, i));
    expect(statuses(first), loggedErrors()).toEqual({ 404: BURST });
    const owner = { body: { number, queryCode }, ip: '10.62.250.1' };
    expect((await call(identity.app, 'POST', '/api/lookup', owner)).statusCode).toBe(200);
    // The number's own bound: past it, each address has three tries at it that day, not twenty.
    const { limit } = LOOKUP_RULES.number;
    const rounds = Math.ceil(limit / BURST);
    const later = [];
    for (let round = 1; round <= rounds; round += 1) later.push(...(await burst((i) => guess(round, i))));
    expect(statuses(later), loggedErrors()).toEqual({ 404: rounds * BURST });
    const repeated = [];
    for (let i = 0; i < 5; i += 1) repeated.push(await guess(rounds + 1, 0));
    expect(repeated.map((a) => a.statusCode)).toEqual([404, 404, 404, 429, 429]);
    expect((await lookups()) - before).toBe((rounds + 1) * BURST + 1 + 3);
    // And the owner, from her own address, still gets in: a stranger cannot shut her out.
    expect((await call(identity.app, 'POST', '/api/lookup', owner)).statusCode).toBe(200);
  });

  it('counts an IPv6 /64 as one address: its many addresses share one limit of look-ups', async () => {
    const answers = [];
    for (let i = 1; i <= LOOKUP_RULES.address.limit + 2; i += 1) {
      answers.push(
        await call(identity.app, 'POST', '/api/lookup', {
          body: { number: 'XF2026-999999', queryCode: 'WRONG0000' },
          ip: `2001:db8:62:7::${i.toString(16)}`,
        }),
      );
    }
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.slice(0, LOOKUP_RULES.address.limit).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(LOOKUP_RULES.address.limit)).toEqual([429, 429]);
    // The neighbouring /64 is someone else.
    const neighbour = await call(identity.app, 'POST', '/api/lookup', {
      body: { number: 'XF2026-999999', queryCode: 'WRONG0000' },
      ip: '2001:db8:62:8::1',
    });
    expect(neighbour.statusCode).toBe(404);
  });

  it('takes twenty submissions a day from one person, not more, when a hundred arrive at once', async () => {
    const phone = '13700000303';
    const token = (await petitionerSignIn(identity, phone)).tokens.accessToken;
    const units = await unitIds(identity.app);
    const keys = Array.from({ length: BURST }, () => `load-${randomUUID()}`);
    const bodies = keys.map((key, i) => ({
      kind: 'suggestion',
      concernedUnitId: units.get('JA-DS'),
      categoryCode: 'management_suggestion',
      title: `关于改进班组管理的建议 ${i}`,
      content: `建议 ${i}：${key}`,
    }));
    const body = (i: number) => bodies[i];
    const answers = await burst((i) =>
      call(identity.app, 'POST', '/api/petitions', {
        token,
        headers: { 'idempotency-key': keys[i] as string },
        body: body(i),
      }),
    );
    expect(statuses(answers), loggedErrors()).toEqual({ 201: 20, 429: BURST - 20 });
    const refused = answers.find((a) => a.statusCode === 429);
    expect(refused?.json().error.message).toContain('一天内已提交 20 件');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    const me = await call(identity.app, 'GET', '/api/auth/me', { token });
    const stored = await identity.app.db
      .selectFrom('petition')
      .select('id')
      .where('petitioner_id', '=', me.json().id)
      .execute();
    expect(stored).toHaveLength(20);
    // A retry of one that was taken is its first answer again, not a twenty-first.
    const taken = answers.findIndex((a) => a.statusCode === 201);
    const retry = await call(identity.app, 'POST', '/api/petitions', {
      token,
      headers: { 'idempotency-key': keys[taken] as string },
      body: body(taken),
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });
});
