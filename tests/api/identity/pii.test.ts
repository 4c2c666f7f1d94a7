import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@xinfang/server/app';
import { migrateToLatest } from '@xinfang/server/db/migrate';
import { rotatePii } from '@xinfang/server/ops/pii-rotate';
import { PiiCipher } from '@xinfang/server/security/pii';
import { checkPiiKeys } from '@xinfang/server/security/pii-check';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp, testConfig, testDialect } from '@xinfang/server/testing';
import type { SignInAnswer } from '@xinfang/shared/schemas/identity';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCapture } from '../support/sign-in';
import {
  type CallOptions,
  call,
  type IdentityApp,
  otpSignIn,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from './support';

/**
 * Phone and ID numbers (issue 4; PIPL Art 51, MLPS 2.0 level 3): encrypted at rest with a keyed
 * hash beside them, masked in every default answer, and never written to the log — checked over a
 * whole flow with the log at its most verbose, every line read.
 */

const PETITIONER_PHONE = '13766660001';
const WECHAT_PHONE = '13766660002';
const STAFF_PHONE = '13755550001';
const ID_NUMBER = '11010119900307123X';
const NUMBERS = [PETITIONER_PHONE, WECHAT_PHONE, STAFF_PHONE, ID_NUMBER];

/** Every run of 8 characters of each number: enough to recognise it, too long to appear by chance. */
const fragments = NUMBERS.flatMap((n) => Array.from({ length: n.length - 7 }, (_, i) => n.slice(i, i + 8)));

function leaks(text: string): string[] {
  return fragments.filter((fragment) => text.includes(fragment));
}

describe('personal numbers', () => {
  let identity: IdentityApp;
  const answers: { what: string; response: LightMyRequestResponse }[] = [];
  let petitionerId = '';
  let staffAccountId = '';

  const send = async (what: string, method: string, url: string, options: CallOptions = {}) => {
    const response = await call(identity.app, method, url, options);
    answers.push({ what, response });
    return response;
  };

  beforeAll(async () => {
    identity = await startIdentityApp({ logLevel: 'trace' });
    const { app, logs } = identity;
    const units = await unitIds(app);
    const admin = (await staffSignIn(app, 'admin')).tokens.accessToken;

    // A resident signs up by phone, gives an ID number, and proves a worker's roster entry.
    const signUp = await otpSignIn(app, PETITIONER_PHONE, (p) => logs.devSmsCode(p));
    petitionerId = signUp.me.id;
    const petitioner = signUp.tokens.accessToken;
    expect(signUp.me).toMatchObject({ phone: '137****0001' });
    expect(leaks(JSON.stringify(signUp))).toEqual([]);
    await send('me', 'GET', '/api/auth/me', { token: petitioner });
    expect(
      (
        await send('profile', 'PATCH', '/api/me/profile', {
          token: petitioner,
          body: { realName: '孙丽', idNumber: ID_NUMBER, address: '东山矿区 7 号楼' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await send('bad profile', 'PATCH', '/api/me/profile', {
          token: petitioner,
          body: { idNumber: `${ID_NUMBER.slice(0, 16)}` },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await send('roster', 'POST', '/api/roster/import', {
          token: admin,
          headers: { 'idempotency-key': 'pii-roster-import' },
          contentType: 'text/csv',
          body: `employee_number,name,phone,unit_code\nPII001,孙丽,${PETITIONER_PHONE},JA-DS-ZC-1\nPII002,周明,${WECHAT_PHONE},JA-DS-ZC-2\n`,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await send('binding', 'POST', '/api/me/employee-binding', {
          token: petitioner,
          body: { employeeNumber: 'PII001', realName: '孙丽' },
        })
      ).statusCode,
    ).toBe(200);

    // A WeChat petitioner proves a phone, then binds their roster entry.
    const wechat = (
      await send('wechat', 'POST', '/api/auth/wechat/login', { body: { code: 'pii-code' } })
    ).json().tokens.accessToken;
    await send('otp for binding', 'POST', '/api/auth/otp', { body: { phone: WECHAT_PHONE } });
    expect(
      (
        await send('bind phone', 'POST', '/api/auth/phone', {
          token: wechat,
          body: { phone: WECHAT_PHONE, code: logs.devSmsCode(WECHAT_PHONE) },
        })
      ).statusCode,
    ).toBe(200);
    await send('binding 2', 'POST', '/api/me/employee-binding', {
      token: wechat,
      body: { employeeNumber: 'PII002', realName: '周明' },
    });

    // An admin creates a staff account with a phone, changes it, and lists the staff.
    const created = await send('create staff', 'POST', '/api/staff', {
      token: admin,
      body: {
        username: 'pii.staff',
        displayName: '有手机的人',
        unitId: units.get('JA-DS'),
        roles: ['handler'],
        phone: STAFF_PHONE,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    staffAccountId = created.json().account.id;
    await send('update staff', 'PATCH', `/api/staff/${staffAccountId}`, {
      token: admin,
      body: { phone: `+86${STAFF_PHONE}` },
    });
    await send('get staff', 'GET', `/api/staff/${staffAccountId}`, { token: admin });
    await send('list staff', 'GET', '/api/staff', { token: admin });
    await send('audit', 'GET', '/api/audit?limit=200', { token: admin });
  });
  afterAll(() => identity?.close());

  it('are encrypted at rest: no run of their digits in any stored row', async () => {
    const db = identity.app.db;
    const tables = {
      petitioner_account: await db.selectFrom('petitioner_account').selectAll().execute(),
      staff_account: await db.selectFrom('staff_account').selectAll().execute(),
      employee_roster: await db.selectFrom('employee_roster').selectAll().execute(),
      otp_challenge: await db.selectFrom('otp_challenge').selectAll().execute(),
      throttle: await db.selectFrom('throttle').selectAll().execute(),
      audit_log: await db.selectFrom('audit_log').selectAll().execute(),
    };
    for (const [table, rows] of Object.entries(tables)) {
      expect(rows.length, table).toBeGreaterThan(0);
      expect(leaks(JSON.stringify(rows)), table).toEqual([]);
    }

    const petitioner = tables.petitioner_account.find((r) => r.id === petitionerId);
    expect(petitioner?.phone_cipher).toMatch(/^dev:/);
    expect(identity.app.pii.decrypt(petitioner?.phone_cipher ?? '')).toBe(PETITIONER_PHONE);
    expect(identity.app.pii.decrypt(petitioner?.id_number_cipher ?? '')).toBe(ID_NUMBER);
    expect(petitioner?.phone_hash).toBe(identity.app.pii.lookupHash('phone', PETITIONER_PHONE));
    expect(petitioner?.id_number_hash).toBe(identity.app.pii.lookupHash('id_number', ID_NUMBER));
    const staff = tables.staff_account.find((r) => r.id === staffAccountId);
    expect(identity.app.pii.decrypt(staff?.phone_cipher ?? '')).toBe(STAFF_PHONE);
  });

  it('are masked in every default answer', async () => {
    const byWhat = new Map(answers.map((a) => [a.what, a.response]));
    expect(byWhat.get('profile')?.json()).toMatchObject({
      phone: '137****0001',
      idNumber: '1101**********123X',
    });
    expect(byWhat.get('binding')?.json()).toMatchObject({
      phone: '137****0001',
      worker: { employeeNumber: 'PII001' },
    });
    expect(byWhat.get('bind phone')?.json()).toMatchObject({ phone: '137****0002' });
    expect(byWhat.get('binding 2')?.json()).toMatchObject({ worker: { employeeNumber: 'PII002' } });
    expect(byWhat.get('create staff')?.json().account.phone).toBe('137****0001');
    expect(byWhat.get('get staff')?.json().phone).toBe('137****0001');
    const listed = ((byWhat.get('list staff')?.json() ?? []) as { id: string; phone: string | null }[]).find(
      (s) => s.id === staffAccountId,
    );
    expect(listed?.phone).toBe('137****0001');
    for (const { what, response } of answers) {
      expect(leaks(`${JSON.stringify(response.headers)}${response.body}`), what).toEqual([]);
    }
  });

  it('reach the development SMS log only masked, beside the labelled code that signed the petitioner in', () => {
    const lines = identity.logs.lines;
    expect(lines.some((l) => l.includes('[DEV SMS — not sent] SMS login codes are written'))).toBe(true);
    const line = lines.find((l) => l.includes('[DEV SMS — not sent] login code for 137****0001: '));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 40,
      provider: 'LogSmsSender',
      phone: '137****0001',
    });
    expect(line).toMatch(/login code for 137\*{4}0001: \d{6}"/);
    expect(petitionerId).not.toBe('');
  });

  it('never appear in the log, in any line', () => {
    const lines = identity.logs.lines;
    expect(lines.length).toBeGreaterThan(15);
    // The log really holds this flow: requests, the development SMS, refusals.
    expect(lines.some((l) => l.includes('/api/me/employee-binding'))).toBe(true);
    expect(lines.some((l) => l.includes('[DEV SMS — not sent] login code for 137****0002'))).toBe(true);
    expect(lines.some((l) => l.includes('request refused'))).toBe(true);
    const leaking = lines.filter((line) => leaks(line).length > 0);
    expect(leaking).toEqual([]);
  });
});

/**
 * The keys travel with the data. A start (or a restore) with other keys than the stored data was
 * written under is refused, naming the key; `pnpm pii:rotate` moves every number to a new key and
 * every lookup hash to a new hash key, after which the old keys can go.
 */
describe('PII keys', { timeout: 120_000 }, () => {
  const key = (id: string) => ({ id, key: randomBytes(32) });
  const A = key('a');
  const B = key('b');
  const hashA = randomBytes(32);
  const hashB = randomBytes(32);
  const PHONE = '13766660010';
  let base: TestApp;
  let baseLogs: LogCapture;
  let files: string;
  const open: FastifyInstance[] = [];
  let signedIn: SignInAnswer;

  /** The app on the shared database, with these keys (a start with them, checks included). */
  async function start(keys: { id: string; key: Buffer }[], hashKey: Buffer) {
    const logs = new LogCapture();
    const app = await buildApp(
      testConfig({
        databaseUrl: base.config.databaseUrl,
        uploadDir: files,
        logLevel: 'info',
        pii: { keys, hashKey },
      }),
      { logDestination: logs.stream },
    );
    open.push(app);
    await migrateToLatest(app.db, app.dialect);
    return { app, logs, check: () => checkPiiKeys(app.db, app.pii, new Date()) };
  }

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'xinfang-pii-keys-'));
    baseLogs = new LogCapture();
    // A database several apps open in turn: a file for SQLite, the suite's own for MySQL.
    base = await buildTestApp(
      {
        ...(testDialect() === 'sqlite' && { databaseUrl: `sqlite:${join(files, 'keys.db')}` }),
        uploadDir: files,
        logLevel: 'info',
        pii: { keys: [A], hashKey: hashA },
      },
      { logDestination: baseLogs.stream },
    );
  });
  afterAll(async () => {
    for (const app of open) await app.close();
    await base?.close();
    await rm(files, { recursive: true, force: true });
  });

  it('refuse a start with keys other than the data was written with, naming the key', async () => {
    const first = { app: base.app, logs: baseLogs };
    await checkPiiKeys(base.app.db, base.app.pii, new Date());
    expect(await seedDemoIfEmpty(first.app.db, first.app.pii)).toBe(true);
    signedIn = await otpSignIn(first.app, PHONE, (p) => first.logs.devSmsCode(p));

    const otherKey = await start([B], hashA);
    await expect(otherKey.check()).rejects.toThrow('PII_KEYS lacks the key "a"');
    const sameIdOtherBytes = await start([{ id: 'a', key: B.key }], hashA);
    await expect(sameIdOtherBytes.check()).rejects.toThrow(/PII_KEYS has another key under the id "a"/);
    const otherHash = await start([A], hashB);
    await expect(otherHash.check()).rejects.toThrow(/^PII_HASH_KEY is not the lookup-hash key/);

    // A database written before the check existed is judged by one petitioner's stored phone.
    const saved = await otherHash.app.db.selectFrom('pii_key_check').selectAll().execute();
    await otherHash.app.db.deleteFrom('pii_key_check').execute();
    await expect(otherKey.check()).rejects.toThrow('PII_KEYS lacks the key "a"');
    await expect(otherHash.check()).rejects.toThrow(/PII_HASH_KEY/);
    expect(await otherHash.app.db.selectFrom('pii_key_check').selectAll().execute()).toEqual([]);
    await otherHash.app.db.insertInto('pii_key_check').values(saved).execute();

    const right = await start([A], hashA);
    await right.check();
    const me = await call(right.app, 'GET', '/api/auth/me', { token: signedIn.tokens.accessToken });
    expect(me.statusCode, me.body).toBe(200);
  });

  it('rotate to a new key and hash key: with the old ones dropped, every phone reads and finds its account', async () => {
    const before = await start([A], hashA);
    await before.check();
    const petitioner = signedIn;
    const accounts = await before.app.db.selectFrom('petitioner_account').select('id').execute();
    const ciphers = [
      ...(await before.app.db
        .selectFrom('petitioner_account')
        .select(['phone_cipher as a', 'id_number_cipher as b'])
        .execute()),
      ...(await before.app.db.selectFrom('staff_account').select(['phone_cipher as a']).execute()),
      ...(await before.app.db.selectFrom('idempotency_record').select(['response_cipher as a']).execute()),
    ].flatMap((row) => Object.values(row).filter((v) => v !== null));

    const cipher = new PiiCipher([B, A], hashB);
    const report = await rotatePii(before.app.db, {
      cipher,
      previous: new PiiCipher([B, A], hashA),
      batchSize: 2,
    });
    expect(report.reencrypted).toBe(ciphers.length);
    expect(report.rehashed).toBeGreaterThan(accounts.length);
    // Run again, as after an interruption: nothing is left to do, nothing breaks.
    const again = await rotatePii(before.app.db, { cipher, previous: new PiiCipher([B, A], hashA) });
    expect(again).toMatchObject({ reencrypted: 0, rehashed: 0 });

    const after = await start([B], hashB);
    await after.check();
    const stored = await after.app.db
      .selectFrom('petitioner_account')
      .select(['phone_cipher', 'phone_hash', 'contact_phone_hash'])
      .execute();
    for (const row of stored) {
      if (!row.phone_cipher) continue;
      expect(row.phone_cipher.startsWith('b:')).toBe(true);
      const phone = after.app.pii.decrypt(row.phone_cipher);
      for (const hash of [row.phone_hash, row.contact_phone_hash].filter((h) => h !== null))
        expect(hash).toBe(after.app.pii.lookupHash('phone', phone));
    }
    // The roster's phones (hashes alone) move with the accounts holding the same numbers; one
    // nobody's account holds stays under the old hash key until the roster is imported again.
    const roster = new Map(
      (
        await after.app.db.selectFrom('employee_roster').select(['employee_number', 'phone_hash']).execute()
      ).map((r) => [r.employee_number, r.phone_hash]),
    );
    expect(roster.get('DS1001')).toBe(after.app.pii.lookupHash('phone', '13800000001'));
    expect(roster.get('DS1002')).toBe(new PiiCipher([A], hashA).lookupHash('phone', '13800000004'));
    expect(report.unmatchedHashes).toBeGreaterThanOrEqual(1);

    const me = await call(after.app, 'GET', '/api/auth/me', { token: petitioner.tokens.accessToken });
    expect(me.statusCode, me.body).toBe(200);
    const back = await otpSignIn(after.app, PHONE, (p) => after.logs.devSmsCode(p), { ip: '10.9.0.2' });
    expect(back.me.id).toBe(petitioner.me.id);
    expect(await after.app.db.selectFrom('petitioner_account').select('id').execute()).toHaveLength(
      accounts.length,
    );
    // The old keys no longer start the app; the rotation is in the audit trail.
    await expect((await start([A], hashA)).check()).rejects.toThrow('PII_KEYS lacks the key "b"');
    const audit = await after.app.db
      .selectFrom('audit_log')
      .select(['actor_type', 'outcome'])
      .where('action', '=', 'pii.rotate_keys')
      .execute();
    expect(audit).toEqual([
      { actor_type: 'system', outcome: 'success' },
      { actor_type: 'system', outcome: 'success' },
    ]);
  });

  it('refuse a start while a rotation of the hash key is half done', async () => {
    const app = await start([B], hashB);
    await app.app.db
      .insertInto('pii_key_check')
      .values({ name: 'hash:rotating', check_value: 'x', created_at: new Date().toISOString() })
      .execute();
    await expect(app.check()).rejects.toThrow(/rotation of PII_HASH_KEY was interrupted/);
    await app.app.db.deleteFrom('pii_key_check').where('name', '=', 'hash:rotating').execute();
  });
});
