import type { AuditEntry, AuditPage } from '@xinfang/shared/schemas/audit';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addStaff,
  auditRows,
  call,
  DEMO_PASSWORD,
  expectError,
  type IdentityApp,
  petitionerSignIn,
  staffId,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from './support';

/**
 * The audit log (issue 4; MLPS 2.0 level 3 security audit): every sign-in, good or bad, every
 * change in the identity modules — written in the same transaction as the change, so one never
 * exists without the other — and every refusal on a named target. Supervisors and admins read it
 * through filters and keyset pages; a mine's supervisor reads only the mine's entries.
 */

type Row = Awaited<ReturnType<typeof auditRows>>[number];

/** Runs `act` while the audit log cannot be written, and puts the table back. */
async function withoutAuditLog<T>(app: FastifyInstance, act: () => Promise<T>): Promise<T> {
  await app.db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
  try {
    return await act();
  } finally {
    await app.db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
  }
}

describe('the audit log', () => {
  let identity: IdentityApp;
  let units: Map<string, string>;
  let paths: Map<string, string>;
  let groupAdmin: string;
  let mineAdmin: string;

  const newRows = async (since: Row[]) => {
    const seen = new Set(since.map((r) => r.id));
    return (await auditRows(identity.app)).filter((r) => !seen.has(r.id));
  };
  const api = (
    method: string,
    url: string,
    token: string | undefined,
    body?: unknown,
    contentType?: string,
  ) => call(identity.app, method, url, { token, body, contentType });

  beforeAll(async () => {
    identity = await startIdentityApp();
    units = await unitIds(identity.app);
    const rows = await identity.app.db.selectFrom('org_unit').select(['code', 'path']).execute();
    paths = new Map(rows.map((r) => [r.code, r.path]));
    await addStaff(identity.app, { username: 'ds.admin', unitCode: 'JA-DS', roles: ['admin'] });
    await addStaff(identity.app, { username: 'ds.supervisor', unitCode: 'JA-DS', roles: ['supervisor'] });
    groupAdmin = (await staffSignIn(identity.app, 'admin')).tokens.accessToken;
    mineAdmin = (await staffSignIn(identity.app, 'ds.admin')).tokens.accessToken;
  });
  afterAll(() => identity?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records every sign-in, good and bad, with who, from where and how it ended', async () => {
    const before = await auditRows(identity.app);
    const login = (username: string, password: string) =>
      call(identity.app, 'POST', '/api/auth/staff/login', { body: { username, password }, ip: '10.40.0.1' });
    const good = (await login('ds.head', DEMO_PASSWORD)).json();
    await login('ds.head', 'wrong password');
    await login('nobody.at.all', 'wrong password');
    const petitioner = await petitionerSignIn(identity, '13800000001');
    await call(identity.app, 'POST', '/api/auth/otp/login', {
      body: { phone: '13800000002', code: '123456' },
    });
    await call(identity.app, 'POST', '/api/auth/wechat/login', { body: { code: 'audit-wechat' } });

    const rows = await newRows(before);
    const pick = (action: string, outcome: string) =>
      rows.filter((r) => r.action === action && r.outcome === outcome);
    expect(pick('auth.staff_login', 'success')[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: good.me.id,
      target_id: good.me.id,
      ip: '10.40.0.1',
      // The account's unit, so the mine's own supervisor sees its people's sign-ins.
      unit_path: paths.get('JA-DS'),
    });
    // A wrong password for an account was not tried by its holder: the actor is whoever sent it
    // (anonymous, with the address), the account is the target.
    const failures = pick('auth.staff_login', 'failure').map((r) => [
      r.actor_type,
      r.actor_id,
      r.ip,
      r.target_id,
      r.unit_path,
      JSON.parse(r.details ?? '{}').reason,
    ]);
    expect(failures).toEqual([
      ['anonymous', null, '10.40.0.1', good.me.id, paths.get('JA-DS'), 'wrong_password'],
      ['anonymous', null, '10.40.0.1', null, null, 'unknown_user'],
    ]);
    expect(pick('auth.otp_login', 'success')[0]).toMatchObject({ actor_id: petitioner.me.id });
    expect(pick('auth.otp_login', 'failure')).toHaveLength(1);
    expect(pick('auth.wechat_login', 'success')).toHaveLength(1);
    expect(pick('auth.otp_request', 'success')).toHaveLength(1);
  });

  describe('changes and their entries are written together or not at all', () => {
    /** Each change: what it is, how to make it, and what shows it happened. */
    const changes: {
      name: string;
      action: string;
      make: () => Promise<{ statusCode: number; body: string }>;
      happened: () => Promise<boolean>;
    }[] = [];
    const db = () => identity.app.db;
    const exists = async (table: 'org_unit' | 'staff_account', column: 'code' | 'username', value: string) =>
      (await db()
        .selectFrom(table)
        .select('id')
        .where(column as never, '=', value as never)
        .executeTakeFirst()) !== undefined;

    beforeAll(async () => {
      const head = await staffId(identity.app, 'ds.head');
      const liaison = await staffId(identity.app, 'ds.liaison');
      const leaf = await api('POST', '/api/org/units', groupAdmin, {
        parentId: units.get('JA-DS-ZC'),
        code: 'AUDIT-LEAF',
        name: '待撤销',
        kind: 'team',
      });
      const leafId = leaf.json().id as string;
      const own = await staffSignIn(identity.app, 'ds.reception', { fresh: true });
      // Changing own's password ends own's sessions, so signing out is tried on another one.
      const leaving = await staffSignIn(identity.app, 'ds.handler', { fresh: true });
      const petitioner = await petitionerSignIn(identity, '13900000003');
      changes.push(
        {
          name: 'creating a unit',
          action: 'org.create_unit',
          make: () =>
            api('POST', '/api/org/units', groupAdmin, {
              parentId: units.get('JA-DS'),
              code: 'AUDIT-NEW',
              name: '新单位',
              kind: 'team',
            }),
          happened: () => exists('org_unit', 'code', 'AUDIT-NEW'),
        },
        {
          name: 'renaming a unit',
          action: 'org.update_unit',
          make: () => api('PATCH', `/api/org/units/${leafId}`, groupAdmin, { name: '改过名' }),
          happened: async () =>
            (await db().selectFrom('org_unit').select('name').where('id', '=', leafId).executeTakeFirst())
              ?.name === '改过名',
        },
        {
          name: 'retiring a unit',
          action: 'org.retire_unit',
          make: () => api('POST', `/api/org/units/${leafId}/retire`, groupAdmin),
          happened: async () =>
            (
              await db()
                .selectFrom('org_unit')
                .select('retired_at')
                .where('id', '=', leafId)
                .executeTakeFirst()
            )?.retired_at != null,
        },
        {
          name: 'importing units',
          action: 'org.import_units',
          make: () =>
            api(
              'POST',
              '/api/org/units/import',
              groupAdmin,
              'code,name,kind,parent_code\nAUDIT-CSV,导入,team,JA-DS\n',
              'text/csv',
            ),
          happened: () => exists('org_unit', 'code', 'AUDIT-CSV'),
        },
        {
          name: 'creating a staff account',
          action: 'staff.create',
          make: () =>
            api('POST', '/api/staff', groupAdmin, {
              username: 'audit.new',
              displayName: '新人',
              unitId: units.get('JA-DS'),
              roles: ['handler'],
            }),
          happened: () => exists('staff_account', 'username', 'audit.new'),
        },
        {
          name: 'disabling a staff account',
          action: 'staff.update',
          make: () => api('PATCH', `/api/staff/${liaison}`, groupAdmin, { status: 'disabled' }),
          happened: async () =>
            (
              await db()
                .selectFrom('staff_account')
                .select('status')
                .where('id', '=', liaison)
                .executeTakeFirst()
            )?.status === 'disabled',
        },
        {
          name: 'resetting a password',
          action: 'staff.reset_password',
          make: () => api('POST', `/api/staff/${head}/password-reset`, groupAdmin),
          happened: async () =>
            (
              await db()
                .selectFrom('staff_account')
                .select('must_change_password')
                .where('id', '=', head)
                .executeTakeFirst()
            )?.must_change_password === 1,
        },
        {
          name: 'changing one’s own password',
          action: 'staff.change_password',
          make: () =>
            api('POST', '/api/auth/password', own.tokens.accessToken, {
              currentPassword: DEMO_PASSWORD,
              newPassword: 'audited new passphrase',
            }),
          happened: async () =>
            (
              await call(identity.app, 'POST', '/api/auth/staff/login', {
                body: { username: 'ds.reception', password: 'audited new passphrase' },
              })
            ).statusCode === 200,
        },
        {
          name: 'importing the roster',
          action: 'roster.import',
          make: () =>
            call(identity.app, 'POST', '/api/roster/import', {
              token: groupAdmin,
              body: 'employee_number,name,phone,unit_code\nAUD1,王秀英,13900000003,JA-DS-ZC-1\n',
              contentType: 'text/csv',
              headers: { 'idempotency-key': 'audit-roster-import' },
            }),
          happened: async () =>
            (await db()
              .selectFrom('employee_roster')
              .select('name')
              .where('employee_number', '=', 'AUD1')
              .executeTakeFirst()) !== undefined,
        },
        {
          name: 'updating a profile',
          action: 'petitioner.update_profile',
          make: () =>
            api('PATCH', '/api/me/profile', petitioner.tokens.accessToken, { address: '审计测试新地址' }),
          happened: async () =>
            (
              await db()
                .selectFrom('petitioner_account')
                .select('address')
                .where('id', '=', petitioner.me.id)
                .executeTakeFirst()
            )?.address === '审计测试新地址',
        },
        {
          name: 'binding an employee number',
          action: 'petitioner.bind_employee',
          make: () =>
            api('POST', '/api/me/employee-binding', petitioner.tokens.accessToken, {
              employeeNumber: 'AUD1',
              realName: '王秀英',
            }),
          happened: async () =>
            (
              await db()
                .selectFrom('petitioner_account')
                .select('employee_number')
                .where('id', '=', petitioner.me.id)
                .executeTakeFirst()
            )?.employee_number === 'AUD1',
        },
        {
          name: 'signing in (the session)',
          action: 'auth.staff_login',
          make: () =>
            call(identity.app, 'POST', '/api/auth/staff/login', {
              body: { username: 'xh.head', password: DEMO_PASSWORD },
            }),
          happened: async () => {
            const id = await staffId(identity.app, 'xh.head');
            return (
              (await db().selectFrom('refresh_token').select('id').where('subject_id', '=', id).execute())
                .length > 0
            );
          },
        },
        {
          name: 'signing out',
          action: 'auth.logout',
          make: async () =>
            api('POST', '/api/auth/logout', undefined, { refreshToken: leaving.tokens.refreshToken }),
          happened: async () =>
            (await db()
              .selectFrom('refresh_token')
              .select('revoked_at')
              .where('subject_id', '=', await staffId(identity.app, 'ds.handler'))
              .where('revoked_at', 'is not', null)
              .executeTakeFirst()) !== undefined,
        },
      );
    });

    it('refuses each change when its entry cannot be written, then makes it with its entry', async () => {
      for (const change of changes) {
        const refused = await withoutAuditLog(identity.app, change.make);
        expect(refused.statusCode, `${change.name} without an audit log`).toBe(500);
        expect(await change.happened(), `${change.name} happened without an audit entry`).toBe(false);

        const before = await auditRows(identity.app);
        const made = await change.make();
        expect(made.statusCode, `${change.name}: ${made.body}`).toBeLessThan(300);
        expect(await change.happened(), change.name).toBe(true);
        const written = (await newRows(before)).filter((r) => r.action === change.action);
        expect(
          written.map((r) => r.outcome),
          change.name,
        ).toEqual(['success']);
      }
    });
  });

  it('records refusals on a named target, also on the second target a route checks itself', async () => {
    const mineAdminId = await staffId(identity.app, 'ds.admin');
    const before = await auditRows(identity.app);
    const westUnit = units.get('JA-XH-ZC') as string;
    const eastUnit = units.get('JA-DS-ZC') as string;
    const westHandler = await staffId(identity.app, 'xh.handler');
    const eastHandler = await staffId(identity.app, 'ds.handler');

    expectError(
      await api('PATCH', `/api/org/units/${westUnit}`, mineAdmin, { name: '越权' }),
      403,
      'FORBIDDEN',
    );
    expectError(await api('GET', `/api/staff/${westHandler}`, mineAdmin), 403, 'FORBIDDEN');
    expectError(await api('GET', '/api/staff/01NOSUCHSTAFF0000000000000', mineAdmin), 404, 'NOT_FOUND');
    // Second targets: a new parent, a new unit, the units named in a file.
    expectError(
      await api('PATCH', `/api/org/units/${eastUnit}`, mineAdmin, { parentId: westUnit }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await api('PATCH', `/api/staff/${eastHandler}`, mineAdmin, { unitId: westUnit }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(identity.app, 'POST', '/api/roster/import', {
        token: mineAdmin,
        body: 'employee_number,name,phone,unit_code\nX1,某人,13700000000,JA-XH-ZC\n',
        contentType: 'text/csv',
        headers: { 'idempotency-key': 'audit-roster-outside' },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await api(
        'POST',
        '/api/org/units/import',
        mineAdmin,
        'code,name,kind,parent_code\nX-1,某队,team,JA-XH-ZC\n',
        'text/csv',
      ),
      403,
      'FORBIDDEN',
    );

    const refusals = (await newRows(before)).filter((r) => r.action === 'access.denied');
    expect(refusals.map((r) => [r.target_type, r.target_id])).toEqual([
      ['unit', westUnit],
      ['staff', westHandler],
      ['staff', '01NOSUCHSTAFF0000000000000'],
      ['unit', westUnit],
      ['unit', westUnit],
      ['unit', westUnit],
      ['unit', westUnit],
    ]);
    for (const row of refusals) {
      expect(row).toMatchObject({ outcome: 'denied', actor_type: 'staff', actor_id: mineAdminId });
      expect(row.unit_path).toBe(paths.get('JA-DS'));
    }
    expect(JSON.parse(refusals[0]?.details ?? '{}')).toEqual({ route: 'PATCH /api/org/units/:id' });
    expect(JSON.parse(refusals[3]?.details ?? '{}')).toEqual({ route: 'PATCH /api/org/units/:id' });
  });

  describe('reading it', () => {
    let supervisor: string;
    let mineSupervisor: string;
    const read = async (token: string, query: string): Promise<AuditPage> => {
      const response = await call(identity.app, 'GET', `/api/audit?${query}`, { token });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    // Each search's first page is itself audited (`audit.read`): counts leave those entries out.
    const searched = <T extends { action: string }>(entries: T[]) =>
      entries.filter((e) => e.action !== 'audit.read');
    const readAll = async (token: string, query: string, limit = 200): Promise<AuditEntry[]> => {
      const items: AuditEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: AuditPage = await read(
          token,
          `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    };

    beforeAll(async () => {
      supervisor = (await staffSignIn(identity.app, 'supervisor')).tokens.accessToken;
      mineSupervisor = (await staffSignIn(identity.app, 'ds.supervisor')).tokens.accessToken;
    });

    it('is for supervisors and admins only', async () => {
      expectError(await call(identity.app, 'GET', '/api/audit'), 401, 'UNAUTHENTICATED');
      for (const username of ['ds.handler', 'xh.head', 'reception', 'leader']) {
        const token = (await staffSignIn(identity.app, username, { fresh: true }).catch(() => null))?.tokens
          .accessToken;
        if (!token) continue;
        expectError(await call(identity.app, 'GET', '/api/audit', { token }), 403, 'FORBIDDEN');
      }
      const petitioner = await petitionerSignIn(identity, '13800000001');
      expectError(
        await call(identity.app, 'GET', '/api/audit', { token: petitioner.tokens.accessToken }),
        403,
        'FORBIDDEN',
      );
      expect((await call(identity.app, 'GET', '/api/audit', { token: groupAdmin })).statusCode).toBe(200);
    });

    it('filters by actor, action or action prefix, target, outcome and time', async () => {
      const all = await readAll(supervisor, 'x=1');
      const headId = await staffId(identity.app, 'ds.head');
      const byActor = await readAll(supervisor, `actorId=${headId}`);
      expect(byActor.length).toBeGreaterThan(0);
      expect(byActor).toEqual(all.filter((e) => e.actorId === headId));

      const auth = await readAll(supervisor, 'action=auth.');
      expect(auth.length).toBeGreaterThan(5);
      expect(auth).toEqual(all.filter((e) => e.action.startsWith('auth.')));
      expect(await readAll(supervisor, 'action=auth.staff_login')).toEqual(
        all.filter((e) => e.action === 'auth.staff_login'),
      );
      expect(await readAll(supervisor, 'action=auth')).toEqual([]);

      const westUnit = units.get('JA-XH-ZC') as string;
      expect(await readAll(supervisor, `targetType=unit&targetId=${westUnit}`)).toEqual(
        all.filter((e) => e.targetType === 'unit' && e.targetId === westUnit),
      );
      const denied = await readAll(supervisor, 'outcome=denied');
      expect(denied.length).toBeGreaterThan(0);
      expect(denied).toEqual(all.filter((e) => e.outcome === 'denied'));
      expect(await readAll(supervisor, 'outcome=denied&action=access.')).toEqual(
        all.filter((e) => e.outcome === 'denied' && e.action === 'access.denied'),
      );

      // Entries made on three days; the range takes the middle one: from inclusive, to exclusive.
      vi.useFakeTimers({ toFake: ['Date'] });
      for (const [day, phone] of [
        ['2026-03-01', '13711112001'],
        ['2026-03-02', '13711112002'],
        ['2026-03-03', '13711112003'],
      ] as const) {
        vi.setSystemTime(new Date(`${day}T00:00:00.000Z`));
        await call(identity.app, 'POST', '/api/auth/otp', {
          body: { phone },
          ip: `10.41.0.${day.slice(-1)}`,
        });
      }
      vi.useRealTimers();
      const middle = await readAll(
        supervisor,
        'action=auth.otp_request&from=2026-03-02T00:00:00.000Z&to=2026-03-03T00:00:00.000Z',
      );
      expect(middle.map((e) => e.at)).toEqual(['2026-03-02T00:00:00.000Z']);
      expect(await readAll(supervisor, 'action=auth.otp_request&to=2026-03-04T00:00:00.000Z')).toHaveLength(
        3,
      );
    });

    it('pages newest first with a cursor that stays put while entries are added', async () => {
      // Seven entries in the same millisecond, so the cursor has to break ties.
      const at = new Date(Date.now() - 60_000).toISOString();
      for (let i = 0; i < 7; i += 1) {
        await identity.app.db
          .insertInto('audit_log')
          .values({
            id: `01PAGE${String(i).padStart(20, '0')}`,
            at,
            actor_type: 'system',
            actor_id: null,
            action: 'test.page',
            target_type: null,
            target_id: null,
            outcome: 'success',
            unit_path: null,
            ip: null,
            request_id: null,
            details: null,
          })
          .execute();
      }
      // Each search's first page is itself audited (\`audit.read\`): those entries are left out here.
      const searched = (entries: AuditEntry[]) => entries.filter((e) => e.action !== 'audit.read');
      const everything = searched(await readAll(supervisor, 'x=1'));
      const pages: AuditEntry[][] = [];
      let cursor: string | null = null;
      do {
        const page: AuditPage = await read(supervisor, `limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        pages.push(page.items);
        cursor = page.nextCursor;
        // Someone signs in between pages: new entries land before the first page, not in the next one.
        await call(identity.app, 'POST', '/api/auth/staff/login', {
          body: { username: 'nobody.paging', password: 'x' },
          ip: '10.42.0.1',
        });
      } while (cursor && pages.length < 200);
      expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
      const paged = searched(pages.flat());
      expect(paged.map((e) => e.id)).toEqual(everything.map((e) => e.id));
      const order = paged.map((e) => `${e.at}|${e.id}`);
      expect(order).toEqual([...order].sort().reverse());
      expect(paged.filter((e) => e.action === 'test.page')).toHaveLength(7);
      expect(searched(await readAll(supervisor, 'x=1')).length).toBe(everything.length + pages.length);

      expectError(
        await call(identity.app, 'GET', '/api/audit?cursor=not-a-cursor', { token: supervisor }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it("shows a mine's supervisor only the mine's entries, and the group's supervisor everything", async () => {
      const rows = new Map((await auditRows(identity.app)).map((r) => [r.id, r]));
      const eastPath = paths.get('JA-DS') as string;
      const mine = await readAll(mineSupervisor, 'x=1');
      expect(mine.length).toBeGreaterThan(5);
      for (const entry of mine)
        expect(rows.get(entry.id)?.unit_path?.startsWith(eastPath), entry.action).toBe(true);
      // It holds the mine's sign-ins and the changes to its units and people.
      const actions = new Set(mine.map((e) => e.action));
      for (const action of ['auth.staff_login', 'org.create_unit', 'staff.update', 'access.denied']) {
        expect(actions, action).toContain(action);
      }
      const everything = searched(await readAll(supervisor, 'x=1'));
      expect(everything.length).toBe(searched([...rows.values()]).length);
      expect(mine.length).toBe([...rows.values()].filter((r) => r.unit_path?.startsWith(eastPath)).length);
      // Filters do not widen the scope.
      const westHead = await staffId(identity.app, 'xh.head');
      expect(await readAll(mineSupervisor, `actorId=${westHead}`)).toEqual([]);
    });
  });
});
