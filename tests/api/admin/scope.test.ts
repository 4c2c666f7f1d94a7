import type { AdminUnit, RosterImport } from '@xinfang/shared/schemas/admin';
import type { AuditPage } from '@xinfang/shared/schemas/audit';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

/**
 * Who reaches administration (issue 17), stated from the routes themselves rather than from a
 * list kept by hand (the authorization matrix is that list): every route only administrators may
 * call refuses every other demo account, a petitioner and nobody; and 东山煤矿's administrator,
 * trying each of them on 西河煤矿's units, people and roster, changes nothing there and sees
 * nothing of it.
 */
const NOT_ADMINISTRATORS = [
  'reception',
  'supervisor',
  'leader',
  'ds.reception',
  'ds.head',
  'ds.handler',
  'ds.liaison',
  'xh.head',
  'xh.handler',
];

/** The routes whose declared access admits administrators and nobody else. */
function administrativeRoutes(app: FastifyInstance) {
  return app.access
    .routes()
    .filter(
      ({ access }) =>
        'staff' in access && access.staff.length > 0 && access.staff.every((r) => r === 'admin'),
    );
}

/** Everything administration can change, as rows. */
async function snapshot(app: FastifyInstance) {
  const db = app.db;
  return JSON.stringify([
    await db.selectFrom('org_unit').selectAll().orderBy('id').execute(),
    await db.selectFrom('staff_account').selectAll().orderBy('id').execute(),
    await db.selectFrom('staff_role').selectAll().orderBy('staff_id').orderBy('role').execute(),
    await db.selectFrom('staff_invitation').selectAll().orderBy('staff_id').execute(),
    await db.selectFrom('refresh_token').select(['id', 'revoked_at']).orderBy('id').execute(),
    await db.selectFrom('employee_roster').selectAll().orderBy('employee_number').execute(),
    await db.selectFrom('roster_import').selectAll().orderBy('id').execute(),
    await db.selectFrom('category').selectAll().orderBy('code').execute(),
    await db.selectFrom('calendar_year').selectAll().orderBy('year').execute(),
  ]);
}

describe('administration, for administrators only', () => {
  let kit: PetitionKit;
  /** A target in 西河煤矿 for each kind of id a route names. */
  const west: Record<string, string> = {};

  beforeAll(async () => {
    kit = await PetitionKit.start();
    // An import of 西河's roster by the group, which 东山's administrator may not undo.
    const imported = await kit.http(
      'admin',
      'POST',
      '/api/roster/import',
      { csv: 'employee_number,name,phone,unit_code\nXH2002,西河职工,13744449001,JA-XH-JD-1' },
      { 'idempotency-key': 'scope-roster-import' },
    );
    expect(imported.statusCode, imported.body).toBe(200);
    west.id = kit.unit('JA-XH-ZC');
    west.staff = kit.staffId('xh.handler');
    west.roster = imported.json().importId;
  });
  afterAll(() => kit?.close());

  /** The route's address with its parameter pointing into 西河 (a unit, a person, an import). */
  const westUrl = (url: string) =>
    url
      .replace('/staff/:id', `/staff/${west.staff}`)
      .replace('/imports/:id', `/imports/${west.roster}`)
      .replace(':id', west.id ?? '')
      .replace(':code', 'safety');

  /** A body that would change something in 西河, were it allowed. */
  const westBody = (url: string): unknown => {
    if (url.includes('/roster/'))
      return { csv: 'employee_number,name,phone,unit_code\nXH9,某人,13744449009,JA-XH-ZC' };
    if (url === '/api/org/units/import') return 'code,name,kind,parent_code\nXH-NEW,新队,team,JA-XH-ZC\n';
    if (url === '/api/org/units') return { parentId: west.id, code: 'XH-NEW', name: '新队', kind: 'team' };
    if (url === '/api/staff')
      return { username: 'xh.new', displayName: '新人', unitId: west.id, roles: ['admin'] };
    if (url.startsWith('/api/staff/')) return { roles: ['admin', 'handler'], status: 'disabled' };
    if (url.startsWith('/api/org/units/')) return { name: '改名', receivesPetitions: true };
    if (url.startsWith('/api/categories/')) return { name: '改名' };
    if (url === '/api/categories/order') return { codes: ['safety'] };
    if (url.startsWith('/api/admin/calendar')) return { year: 2027, text: '元旦,2027-01-01' };
    return undefined;
  };

  it('refuses every administrative route to everyone who is not an administrator', async () => {
    const routes = administrativeRoutes(kit.app);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'POST /api/org/units',
        'POST /api/staff',
        'POST /api/roster/import',
        'PUT /api/admin/calendar/years',
        'GET /api/admin/health',
        'GET /api/admin/units',
      ]),
    );
    const callers = [null, await kit.sessions.token('13800000001')];
    for (const username of NOT_ADMINISTRATORS) callers.push(await kit.sessions.token(username));
    const before = await snapshot(kit.app);
    const reached: string[] = [];
    for (const { method, url } of routes) {
      const path = westUrl(url);
      const body = westBody(path);
      for (const who of callers) {
        const response = await request(kit.app, method as 'POST', path, {
          token: who ?? undefined,
          body,
          headers: typeof body === 'string' ? { 'content-type': 'text/csv' } : {},
        });
        const expected = who === null ? 401 : 403;
        if (response.statusCode !== expected) reached.push(`${method} ${url}: ${response.statusCode}`);
      }
    }
    expect(reached).toEqual([]);
    expect(await snapshot(kit.app)).toBe(before);
  });

  it("lets 东山煤矿's administrator change nothing of 西河煤矿 through any of them", async () => {
    await kit.sessions.token('ds.sysadmin');
    const before = await snapshot(kit.app);
    const changed: string[] = [];
    for (const { method, url } of administrativeRoutes(kit.app)) {
      if (method === 'GET') continue;
      const path = westUrl(url);
      const body = westBody(path);
      // With a key, so that the import is refused for its scope, not for a missing key.
      const response = await kit.http('ds.sysadmin', method as 'POST', path, body, {
        ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : {}),
        'idempotency-key': `scope-${method}-${url}`.replace(/[^\w.:-]/g, '-'),
      });
      if (response.statusCode < 400)
        changed.push(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    // Previewing a calendar year changes nothing and concerns no mine: it is the one that answers.
    expect(changed).toEqual([expect.stringMatching(/^POST \/api\/admin\/calendar\/preview: 200/)]);
    expect(await snapshot(kit.app)).toBe(before);
  });

  it("shows 东山煤矿's administrator nothing of 西河煤矿", async () => {
    const get = async <T>(url: string) => (await kit.http('ds.sysadmin', 'GET', url)).json() as T;
    const units = await get<AdminUnit[]>('/api/admin/units');
    expect(units.length).toBeGreaterThan(5);
    expect(units.filter((u) => !u.code.startsWith('JA-DS'))).toEqual([]);
    const staff = await get<StaffAccount[]>('/api/staff');
    expect(staff.filter((s) => !s.unit.code.startsWith('JA-DS'))).toEqual([]);
    expect((await get<RosterImport[]>('/api/roster/imports')).map((i) => i.id)).not.toContain(west.roster);
    const audit = await get<AuditPage>('/api/audit?limit=200');
    expect(JSON.stringify(audit)).not.toMatch(/西河|xh\./);
  });
});
