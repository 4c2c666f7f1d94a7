import { randomUUID } from 'node:crypto';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addStaff,
  auditRows,
  call,
  DEMO_PASSWORD,
  expectError,
  type IdentityApp,
  otpSignIn,
  staffId,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from './support';

/**
 * Accounts (issue 4): admins create, change, disable and reset staff accounts inside their own
 * subtree only; staff change their own passwords under the password rules; admins import the
 * employee roster, against which a petitioner proves to be a worker — employee number, name and
 * the phone they signed in with must all match one entry.
 */

describe('accounts', () => {
  let identity: IdentityApp;
  let units: Map<string, string>;
  let groupAdmin: string;
  let mineAdmin: string;
  let mineAdminId: string;

  const api = (method: string, url: string, token: string, body?: unknown) =>
    call(identity.app, method, url, { token, body });

  beforeAll(async () => {
    identity = await startIdentityApp();
    units = await unitIds(identity.app);
    groupAdmin = (await staffSignIn(identity.app, 'admin')).tokens.accessToken;
    const created = await api('POST', '/api/staff', groupAdmin, {
      username: 'ds.admin',
      displayName: '东山管理员',
      unitId: units.get('JA-DS'),
      roles: ['admin'],
    });
    mineAdminId = created.json().account.id;
    const first = await staffSignIn(identity.app, 'ds.admin', { password: created.json().temporaryPassword });
    await api('POST', '/api/auth/password', first.tokens.accessToken, {
      currentPassword: created.json().temporaryPassword,
      newPassword: DEMO_PASSWORD,
    });
    mineAdmin = (await staffSignIn(identity.app, 'ds.admin', { fresh: true })).tokens.accessToken;
  });
  afterAll(() => identity?.close());

  describe('staff accounts', () => {
    it("creates accounts in the admin's subtree only, with a temporary password shown once", async () => {
      const created = await api('POST', '/api/staff', mineAdmin, {
        username: 'DS.New.Handler',
        displayName: ' 新承办人 ',
        unitId: units.get('JA-DS-AQK'),
        roles: ['handler', 'liaison_officer'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const { account, temporaryPassword } = created.json() as {
        account: StaffAccount;
        temporaryPassword: string;
      };
      expect(account).toMatchObject({
        username: 'ds.new.handler',
        displayName: '新承办人',
        roles: ['handler', 'liaison_officer'],
        status: 'active',
        mustChangePassword: true,
        unit: { code: 'JA-DS-AQK' },
      });
      expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
      const row = await identity.app.db
        .selectFrom('staff_account')
        .select('password_hash')
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect((await api('GET', `/api/staff/${account.id}`, mineAdmin)).json()).not.toHaveProperty(
        'temporaryPassword',
      );

      const elsewhere = await api('POST', '/api/staff', mineAdmin, {
        username: 'xh.new',
        displayName: '外矿',
        unitId: units.get('JA-XH-AQK'),
        roles: ['handler'],
      });
      expectError(elsewhere, 403, 'FORBIDDEN');
      const taken = await api('POST', '/api/staff', mineAdmin, {
        username: 'DS.HEAD',
        displayName: '重名',
        unitId: units.get('JA-DS'),
        roles: ['handler'],
      });
      expectError(taken, 409, 'ALREADY_EXISTS');
      expect(
        await identity.app.db
          .selectFrom('staff_account')
          .select('id')
          .where('username', '=', 'xh.new')
          .execute(),
      ).toEqual([]);
    });

    it("changes, moves, disables and resets accounts in the admin's subtree only", async () => {
      const handler = await staffId(identity.app, 'ds.handler');
      const westHandler = await staffId(identity.app, 'xh.handler');
      const groupAdminId = await staffId(identity.app, 'admin');

      const changed = await api('PATCH', `/api/staff/${handler}`, mineAdmin, {
        displayName: '周涛（安全科科长）',
        roles: ['handler', 'unit_head'],
        unitId: units.get('JA-DS-ZC'),
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ roles: ['handler', 'unit_head'], unit: { code: 'JA-DS-ZC' } });

      // Out of the subtree: another mine's people, the group's admin, and moving one of mine out.
      expectError(
        await api('PATCH', `/api/staff/${westHandler}`, mineAdmin, { displayName: 'x' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await api('PATCH', `/api/staff/${groupAdminId}`, mineAdmin, { roles: ['handler'] }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await api('PATCH', `/api/staff/${handler}`, mineAdmin, { unitId: units.get('JA-XH-AQK') }),
        403,
        'FORBIDDEN',
      );
      expectError(await api('POST', `/api/staff/${westHandler}/password-reset`, mineAdmin), 403, 'FORBIDDEN');
      expect((await api('GET', `/api/staff/${handler}`, mineAdmin)).json().unit.code).toBe('JA-DS-ZC');

      // Not on oneself: no admin disables or demotes themselves by mistake.
      expectError(
        await api('PATCH', `/api/staff/${mineAdminId}`, mineAdmin, { status: 'disabled' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await api('PATCH', `/api/staff/${mineAdminId}`, mineAdmin, { roles: ['handler'] }),
        403,
        'FORBIDDEN',
      );

      const disabled = await api('PATCH', `/api/staff/${handler}`, mineAdmin, { status: 'disabled' });
      expect(disabled.json().status).toBe('disabled');
      await api('PATCH', `/api/staff/${handler}`, mineAdmin, { status: 'active' });

      const reset = await api('POST', `/api/staff/${handler}/password-reset`, mineAdmin);
      expect(reset.statusCode, reset.body).toBe(200);
      expect(reset.json().account.mustChangePassword).toBe(true);
      expectError(
        await call(identity.app, 'POST', '/api/auth/staff/login', {
          body: { username: 'ds.handler', password: DEMO_PASSWORD },
        }),
        401,
        'INVALID_CREDENTIALS',
      );
      const temporary = reset.json().temporaryPassword;
      const signedIn = await staffSignIn(identity.app, 'ds.handler', { password: temporary });
      expect(signedIn.me).toMatchObject({ mustChangePassword: true });
      // "Changing" the temporary password to itself would keep one the admin knows.
      const same = await api('POST', '/api/auth/password', signedIn.tokens.accessToken, {
        currentPassword: temporary,
        newPassword: temporary,
      });
      expectError(same, 422, 'WEAK_PASSWORD');
      expect(same.json().error.details).toEqual({ problem: 'is_current' });
      const again = await staffSignIn(identity.app, 'ds.handler', { password: temporary, fresh: true });
      expect(again.me).toMatchObject({ mustChangePassword: true });
    });

    it('records a move with both units, under both, and role changes with before and after', async () => {
      const mover = await addStaff(identity.app, {
        username: 'ds.mover',
        unitCode: 'JA-DS',
        roles: ['liaison_officer'],
      });
      const adminId = await staffId(identity.app, 'admin');
      const paths = new Map(
        (await identity.app.db.selectFrom('org_unit').select(['code', 'path']).execute()).map((u) => [
          u.code,
          u.path,
        ]),
      );
      const updates = async (change: Record<string, unknown>) => {
        const before = (await auditRows(identity.app)).length;
        const answer = await api('PATCH', `/api/staff/${mover}`, groupAdmin, change);
        expect(answer.statusCode, answer.body).toBe(200);
        return (await auditRows(identity.app)).slice(before).filter((r) => r.action === 'staff.update');
      };

      // Down inside its own unit's subtree, the new unit's entry is one the old unit's auditors see.
      const down = await updates({ unitId: units.get('JA-DS-ZC-1') });
      expect(down.map((r) => r.unit_path)).toEqual([paths.get('JA-DS-ZC-1')]);
      expect(JSON.parse(down[0]?.details ?? '{}')).toEqual({
        fields: 'unitId',
        fromUnitId: units.get('JA-DS'),
        toUnitId: units.get('JA-DS-ZC-1'),
      });

      // To another mine: auditors read their own subtree only, so the unit left behind gets an
      // entry of its own.
      const across = await updates({ unitId: units.get('JA-XH'), roles: ['handler'] });
      expect(across.map((r) => r.unit_path).sort()).toEqual(
        [paths.get('JA-DS-ZC-1'), paths.get('JA-XH')].sort(),
      );
      for (const entry of across) {
        expect(entry).toMatchObject({ target_id: mover, actor_id: adminId });
        expect(JSON.parse(entry.details ?? '{}')).toEqual({
          fields: 'roles,unitId',
          fromUnitId: units.get('JA-DS-ZC-1'),
          toUnitId: units.get('JA-XH'),
          rolesBefore: 'liaison_officer',
          rolesAfter: 'handler',
        });
      }
    });

    it('lists the accounts of my subtree, filtered', async () => {
      const list = async (token: string, query = '') =>
        ((await api('GET', `/api/staff${query}`, token)).json() as StaffAccount[]).map((s) => s.username);
      const mine = await list(mineAdmin);
      expect(mine).toContain('ds.head');
      expect(mine).toContain('ds.liaison');
      expect(mine).not.toContain('xh.head');
      expect(mine).not.toContain('admin');
      expect(await list(groupAdmin)).toEqual(expect.arrayContaining(['admin', 'ds.head', 'xh.head']));
      const head = (await staffSignIn(identity.app, 'ds.head')).tokens.accessToken;
      expect((await list(head, '?role=handler')).sort()).toEqual(['ds.handler', 'ds.new.handler']);
      expect(await list(groupAdmin, `?unitId=${units.get('JA-XH-AQK')}`)).toEqual(['xh.handler']);
    });

    it('lets staff change their own password under the password rules', async () => {
      const session = await staffSignIn(identity.app, 'ds.reception', { fresh: true });
      const change = (currentPassword: string, newPassword: string) =>
        api('POST', '/api/auth/password', session.tokens.accessToken, { currentPassword, newPassword });
      expectError(await change('not the password', 'a fine new passphrase'), 401, 'INVALID_CREDENTIALS');
      for (const [password, problem] of [
        ['short', 'too_short'],
        ['password1', 'common'],
        ['1qaz2wsx', 'common'],
        ['ds.reception', 'is_username'],
        ['x'.repeat(129), 'too_long'],
        [DEMO_PASSWORD, 'is_current'],
      ] as const) {
        const refused = await change(DEMO_PASSWORD, password);
        expectError(refused, 422, 'WEAK_PASSWORD');
        expect(refused.json().error.details).toEqual({ problem });
      }
      // Each refusal is audited with its reason, never the password.
      const refusals = (await auditRows(identity.app)).filter(
        (r) =>
          r.action === 'staff.change_password' && r.target_id === session.me.id && r.outcome === 'denied',
      );
      expect(refusals.map((r) => JSON.parse(r.details ?? '{}'))).toEqual(
        ['too_short', 'common', 'common', 'is_username', 'too_long', 'is_current'].map((problem) => ({
          reason: 'weak_password',
          problem,
        })),
      );
      expect(JSON.stringify(refusals)).not.toMatch(/password1|1qaz2wsx|xxxx/);
      expect((await change(DEMO_PASSWORD, '井下 安全 第一 2026')).statusCode).toBe(200);
      const again = await staffSignIn(identity.app, 'ds.reception', {
        password: '井下 安全 第一 2026',
        fresh: true,
      });
      expect(again.me).toMatchObject({ mustChangePassword: false });
    });
  });

  describe('the roster and employee binding', () => {
    const importRoster = (token: string, csv: string) =>
      call(identity.app, 'POST', '/api/roster/import', {
        token,
        body: csv,
        contentType: 'text/csv',
        headers: { 'idempotency-key': `roster-${randomUUID()}` },
      });
    const roster = () =>
      identity.app.db.selectFrom('employee_roster').select(['employee_number', 'name', 'unit_id']).execute();
    const bind = (token: string, employeeNumber: string, realName: string) =>
      call(identity.app, 'POST', '/api/me/employee-binding', { token, body: { employeeNumber, realName } });

    afterEach(() => {
      vi.useRealTimers();
    });

    it('imports a roster and updates the people on it at the next import', async () => {
      const csv = [
        'employee_number,name,phone,unit_code',
        'DS3001,钱多多,13744440001,JA-DS-ZC-1',
        'DS3002,孙小小,+86 137-4444-0002,JA-DS-JJ-1',
      ].join('\n');
      const first = await importRoster(mineAdmin, csv);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ imported: 2, added: 2, changed: 0, unchanged: 0 });
      const moved = await importRoster(
        mineAdmin,
        'employee_number,name,phone,unit_code\nDS3002,孙小小,13744440002,JA-DS-ZC-2\n',
      );
      expect(moved.json()).toMatchObject({ imported: 1, added: 0, changed: 1, unchanged: 0 });
      const units = await unitIds(identity.app);
      expect((await roster()).find((r) => r.employee_number === 'DS3002')?.unit_id).toBe(
        units.get('JA-DS-ZC-2'),
      );
    });

    it('reports every bad roster line at once, imports nothing, and keeps a mine to its own units', async () => {
      const before = await roster();
      const bad = await importRoster(
        groupAdmin,
        [
          'employee_number,name,phone,unit_code',
          'OK1,正常,13744440010,JA-DS-ZC-1',
          'BAD 1,空格工号,13744440011,JA-DS-ZC-1',
          'OK2,,13744440012,JA-DS-ZC-1',
          'OK3,错号码,12345,JA-DS-ZC-1',
          'OK4,没单位,13744440014,NO-SUCH-UNIT',
        ].join('\n'),
      );
      expectError(bad, 400, 'VALIDATION_FAILED');
      expect(
        [...new Set((bad.json().error.details as { path: string }[]).map((d) => d.path))].sort(),
      ).toEqual(['/body/line/3', '/body/line/4', '/body/line/5', '/body/line/6']);
      const outside = await importRoster(
        mineAdmin,
        'employee_number,name,phone,unit_code\nOK5,本矿,13744440015,JA-DS-ZC-1\nXH9,外矿,13744440016,JA-XH-JD-1\n',
      );
      expectError(outside, 403, 'FORBIDDEN');
      expect(await roster()).toEqual(before);
    });

    it('binds a petitioner whose employee number, name and signed-in phone match one entry', async () => {
      const worker = await otpSignIn(identity.app, '13744440001', (p) => identity.logs.devSmsCode(p));
      expect(worker.me).toMatchObject({ worker: null });
      const token = worker.tokens.accessToken;

      const wrongName = await bind(token, 'DS3001', '钱少少');
      expectError(wrongName, 422, 'ROSTER_MISMATCH');
      const notTheirs = await bind(token, 'DS3002', '孙小小'); // real entry, another person's phone
      expectError(notTheirs, 422, 'ROSTER_MISMATCH');
      expectError(await bind(token, 'NOPE', '钱多多'), 422, 'ROSTER_MISMATCH');

      // Typed on a phone's full-width keyboard, in lower case, with a full-width space.
      const bound = await bind(token, '\u3000ｄｓ３００１ ', '钱多多');
      expect(bound.statusCode, bound.body).toBe(200);
      expect(bound.json()).toMatchObject({
        realName: '钱多多',
        worker: { employeeNumber: 'DS3001', unit: { code: 'JA-DS-ZC-1' } },
      });

      const failures = (await auditRows(identity.app)).filter(
        (r) => r.action === 'petitioner.bind_employee' && r.actor_id === worker.me.id,
      );
      expect(failures.map((r) => [r.outcome, JSON.parse(r.details ?? '{}').reason ?? null])).toEqual([
        ['failure', 'no_match'],
        ['failure', 'no_match'],
        ['failure', 'no_match'],
        ['success', null],
      ]);
    });

    it('asks a WeChat-only petitioner to prove a phone first, then binds them', async () => {
      const login = await call(identity.app, 'POST', '/api/auth/wechat/login', {
        body: { code: 'roster-wechat' },
      });
      const token = login.json().tokens.accessToken;
      const noPhone = await bind(token, 'DS3002', '孙小小');
      expectError(noPhone, 422, 'ROSTER_MISMATCH');

      // Proving someone else's phone is refused; proving one's own works. (A minute on, so a new code may be sent.)
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 2 * 60_000);
      await call(identity.app, 'POST', '/api/auth/otp', { body: { phone: '13744440001' } });
      const taken = await call(identity.app, 'POST', '/api/auth/phone', {
        token,
        body: { phone: '13744440001', code: identity.logs.devSmsCode('13744440001') },
      });
      expectError(taken, 409, 'ALREADY_EXISTS');
      const denial = (await auditRows(identity.app)).filter(
        (r) => r.action === 'petitioner.bind_phone' && r.outcome === 'denied',
      );
      expect(denial).toHaveLength(1);
      expect(denial[0]).toMatchObject({ actor_id: login.json().me.id, target_id: login.json().me.id });
      expect(JSON.parse(denial[0]?.details ?? '{}')).toEqual({ reason: 'phone_bound_to_another_account' });
      // The refusal did not spend the code: its advice, signing in by phone, works with it.
      const byPhone = await call(identity.app, 'POST', '/api/auth/otp/login', {
        body: { phone: '13744440001', code: identity.logs.devSmsCode('13744440001') },
      });
      expect(byPhone.statusCode, byPhone.body).toBe(200);
      expect(byPhone.json().me.id).not.toBe(login.json().me.id);
      await call(identity.app, 'POST', '/api/auth/otp', { body: { phone: '13744440002' } });
      expectError(
        await call(identity.app, 'POST', '/api/auth/phone', {
          token,
          body: { phone: '13744440002', code: '999999' },
        }),
        401,
        'OTP_INVALID',
      );
      const proved = await call(identity.app, 'POST', '/api/auth/phone', {
        token,
        body: { phone: '13744440002', code: identity.logs.devSmsCode('13744440002') },
      });
      expect(proved.statusCode, proved.body).toBe(200);
      expect(proved.json()).toMatchObject({ phone: '137****0002', wechatLinked: true });

      const bound = await bind(token, 'DS3002', '孙小小');
      expect(bound.statusCode, bound.body).toBe(200);
      expect(bound.json().worker.employeeNumber).toBe('DS3002');
    });

    it('binds one employee number to one account only', async () => {
      // The demo's 张伟 is bound to DS1001; another account with a matching phone cannot take it.
      const other = await call(identity.app, 'POST', '/api/auth/wechat/login', {
        body: { code: 'second-zhang' },
      });
      const token = other.json().tokens.accessToken;
      await call(identity.app, 'POST', '/api/roster/import', {
        token: groupAdmin,
        headers: { 'idempotency-key': 'roster-second-zhang' },
        contentType: 'text/csv',
        body: 'employee_number,name,phone,unit_code\nDS1001,张伟,13744449999,JA-DS-ZC-1\n',
      });
      await call(identity.app, 'POST', '/api/auth/otp', { body: { phone: '13744449999' } });
      await call(identity.app, 'POST', '/api/auth/phone', {
        token,
        body: { phone: '13744449999', code: identity.logs.devSmsCode('13744449999') },
      });
      expectError(await bind(token, 'DS1001', '张伟'), 409, 'ALREADY_EXISTS');
    });
  });
});
