import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('personal numbers', { timeout: 30_000 }, () => {
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
  }, 30_000);
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
