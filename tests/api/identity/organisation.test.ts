import { testDialect } from '@xinfang/server/testing';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  call,
  DEMO_PASSWORD,
  expectError,
  type IdentityApp,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from './support';

/**
 * The organisation tree through the admin API (issue 4): create, rename, move without cycles (the
 * whole subtree's paths and depths follow), retire only leaves, and CSV import of a tree that is
 * all or nothing and reports every bad line at once — each inside the admin's own subtree.
 */

describe('the organisation tree', () => {
  let identity: IdentityApp;
  let units: Map<string, string>;
  let groupAdmin: string;
  let mineAdmin: string;

  const api = (method: string, url: string, token: string, body?: unknown) =>
    call(identity.app, method, url, { token, body });
  const importCsv = (token: string, csv: string) =>
    call(identity.app, 'POST', '/api/org/units/import', { token, body: csv, contentType: 'text/csv' });
  const create = async (parentCode: string, code: string, token = groupAdmin) => {
    const response = await api('POST', '/api/org/units', token, {
      parentId: units.get(parentCode) ?? parentCode,
      code,
      name: `单位 ${code}`,
      kind: 'team',
    });
    expect(response.statusCode, response.body).toBe(201);
    const unit = response.json() as OrgUnit;
    units.set(code, unit.id);
    return unit;
  };
  const row = (id: string) =>
    identity.app.db
      .selectFrom('org_unit')
      .select(['id', 'parent_id', 'path', 'depth', 'name', 'retired_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const countUnits = async () =>
    Number(
      (
        await identity.app.db
          .selectFrom('org_unit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    identity = await startIdentityApp();
    units = await unitIds(identity.app);
    groupAdmin = (await staffSignIn(identity.app, 'admin')).tokens.accessToken;
    // A mine-level admin, created and started the way a real one is.
    const created = await api('POST', '/api/staff', groupAdmin, {
      username: 'ds.admin',
      displayName: '东山管理员',
      unitId: units.get('JA-DS'),
      roles: ['admin'],
    });
    const first = await staffSignIn(identity.app, 'ds.admin', { password: created.json().temporaryPassword });
    await api('POST', '/api/auth/password', first.tokens.accessToken, {
      currentPassword: created.json().temporaryPassword,
      newPassword: DEMO_PASSWORD,
    });
    mineAdmin = (await staffSignIn(identity.app, 'ds.admin', { fresh: true })).tokens.accessToken;
  });
  afterAll(() => identity?.close());

  it('creates a unit under a parent, with its path and depth, and refuses a duplicate code', async () => {
    const parent = await row(units.get('JA-DS-ZC') as string);
    const unit = await create('JA-DS-ZC', 'ORG-NEW');
    expect(unit).toMatchObject({ parentId: parent.id, depth: parent.depth + 1, retired: false });
    expect((await row(unit.id)).path).toBe(`${parent.path}${unit.id}/`);

    const again = await api('POST', '/api/org/units', groupAdmin, {
      parentId: parent.id,
      code: 'ORG-NEW',
      name: '重复',
      kind: 'team',
    });
    expectError(again, 409, 'ALREADY_EXISTS');
    const nowhere = await api('POST', '/api/org/units', groupAdmin, {
      parentId: '01NOSUCHUNIT00000000000000',
      code: 'ORG-LOST',
      name: '无处',
      kind: 'team',
    });
    expectError(nowhere, 404, 'NOT_FOUND');
  });

  it('renames a unit and changes its published reception details', async () => {
    const unit = await create('JA-DS', 'ORG-RENAME');
    const renamed = await api('PATCH', `/api/org/units/${unit.id}`, groupAdmin, {
      name: '  东山煤矿调度室  ',
      address: '矿办公楼 3 层',
      receptionHours: '工作日 9:00–11:00',
      phone: '0351-5551234',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: '东山煤矿调度室',
      address: '矿办公楼 3 层',
      receptionHours: '工作日 9:00–11:00',
      phone: '0351-5551234',
    });
    const published = await call(identity.app, 'GET', `/api/org/units/${unit.id}`);
    expect(published.json().name).toBe('东山煤矿调度室');
  });

  it('moves a unit with its whole subtree, and refuses to move it below itself', async () => {
    const top = await create('JA-DS', 'MOVE-A');
    const middle = await create('MOVE-A', 'MOVE-B');
    const bottom = await create('MOVE-B', 'MOVE-C');
    const west = await row(units.get('JA-XH') as string);

    for (const below of [top.id, middle.id, bottom.id]) {
      const cycle = await api('PATCH', `/api/org/units/${top.id}`, groupAdmin, { parentId: below });
      expectError(cycle, 400, 'VALIDATION_FAILED');
    }
    expect((await row(top.id)).parent_id).toBe(units.get('JA-DS'));

    const moved = await api('PATCH', `/api/org/units/${top.id}`, groupAdmin, { parentId: west.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: west.id, depth: west.depth + 1 });
    const [a, b, c] = [await row(top.id), await row(middle.id), await row(bottom.id)];
    expect(a.path).toBe(`${west.path}${top.id}/`);
    expect(b.path).toBe(`${a.path}${middle.id}/`);
    expect(c.path).toBe(`${b.path}${bottom.id}/`);
    expect([a.depth, b.depth, c.depth]).toEqual([west.depth + 1, west.depth + 2, west.depth + 3]);
    expect([b.parent_id, c.parent_id]).toEqual([top.id, middle.id]);
    // Every path in the tree still names its own ancestors.
    for (const unit of await identity.app.db
      .selectFrom('org_unit')
      .select(['id', 'path', 'depth'])
      .execute()) {
      expect(unit.path.split('/').filter(Boolean)).toHaveLength(unit.depth + 1);
      expect(unit.path.endsWith(`/${unit.id}/`)).toBe(true);
    }
  });

  it('keeps the tree at most sixteen levels deep, made, moved or imported (its paths fill at 22)', async () => {
    // The demo's top unit is depth 0 and 东山 depth 1: a chain below it down to depth 15.
    let parentCode = 'JA-DS';
    for (let depth = 2; depth <= 15; depth += 1) {
      await create(parentCode, `DEEP-${depth}`);
      parentCode = `DEEP-${depth}`;
    }
    expect((await row(units.get('DEEP-15') as string)).depth).toBe(15);
    const deeper = await api('POST', '/api/org/units', groupAdmin, {
      parentId: units.get('DEEP-15'),
      code: 'DEEP-16',
      name: '太深',
      kind: 'team',
    });
    expectError(deeper, 400, 'VALIDATION_FAILED');
    expect(deeper.json().error.details).toEqual([{ path: '/body/parentId', message: expect.any(String) }]);

    // A unit with a child, moved under depth 14, would put the child at 16; under 13 it fits.
    const top = await create('JA-DS', 'DEEP-MOVE');
    await create('DEEP-MOVE', 'DEEP-MOVE-C');
    const tooFar = await api('PATCH', `/api/org/units/${top.id}`, groupAdmin, {
      parentId: units.get('DEEP-14'),
    });
    expectError(tooFar, 400, 'VALIDATION_FAILED');
    expect((await row(top.id)).parent_id).toBe(units.get('JA-DS'));
    const fits = await api('PATCH', `/api/org/units/${top.id}`, groupAdmin, {
      parentId: units.get('DEEP-13'),
    });
    expect(fits.statusCode, fits.body).toBe(200);
    expect((await row(units.get('DEEP-MOVE-C') as string)).depth).toBe(15);

    const before = await countUnits();
    const csv = ['code,name,kind,parent_code', 'DEEP-CSV-A,甲,team,DEEP-14', 'DEEP-CSV-B,乙,team,DEEP-CSV-A'];
    const imported = await importCsv(groupAdmin, csv.join('\n'));
    expectError(imported, 400, 'VALIDATION_FAILED');
    expect(imported.json().error.details).toEqual([
      { path: '/body/line/3', message: expect.stringContaining('16') },
    ]);
    expect(await countUnits()).toBe(before);
  });

  it.runIf(testDialect() === 'mysql')(
    'answers the second of two at once with the same code 409, as the check would',
    async () => {
      // A unit with this code inserted and not yet committed: the request's check cannot see it, so
      // its insert waits on the key, and fails on it (MySQL 1062) once the first commits.
      const parent = await row(units.get('JA-DS') as string);
      const id = '01RACEUNIT0000000000000000';
      const at = new Date().toISOString();
      let second: Promise<LightMyRequestResponse> | undefined;
      await identity.app.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('org_unit')
          .values({
            id,
            parent_id: parent.id,
            path: `${parent.path}${id}/`,
            depth: parent.depth + 1,
            code: 'RACE-1',
            name: '先到',
            kind: 'team',
            sort_order: 0,
            receives_petitions: 0,
            aliases: '',
            created_at: at,
            updated_at: at,
          })
          .execute();
        second = api('POST', '/api/org/units', groupAdmin, {
          parentId: parent.id,
          code: 'RACE-1',
          name: '后到',
          kind: 'team',
        });
        await vi.waitFor(
          async () => {
            // innodb_trx lists the whole server's transactions: count only this test's database.
            const { rows } = await sql<{ n: number }>`select count(*) as n
              from information_schema.innodb_trx t
              join information_schema.processlist p on p.id = t.trx_mysql_thread_id
              where t.trx_state = 'LOCK WAIT' and p.db = database()`.execute(identity.app.db);
            expect(Number(rows[0]?.n)).toBeGreaterThan(0);
          },
          // InnoDB refreshes this table only when it was not read for 0.1 s: poll slower than that.
          { timeout: 60_000, interval: 200 },
        );
      });
      const answer = await (second as Promise<LightMyRequestResponse>);
      expectError(answer, 409, 'ALREADY_EXISTS');
      expect(answer.body).not.toMatch(/Duplicate|RACE-1|org_unit/);
      expect((await row(id)).name).toBe('先到');
    },
  );

  it("keeps a mine's admin inside the mine when moving units", async () => {
    const mine = await create('JA-DS', 'MOVE-MINE', mineAdmin);
    const out = await api('PATCH', `/api/org/units/${mine.id}`, mineAdmin, { parentId: units.get('JA-XH') });
    expectError(out, 403, 'FORBIDDEN');
    const theirs = await api('PATCH', `/api/org/units/${units.get('JA-XH-ZC')}`, mineAdmin, {
      parentId: units.get('JA-DS'),
    });
    expectError(theirs, 403, 'FORBIDDEN');
    const within = await api('PATCH', `/api/org/units/${mine.id}`, mineAdmin, {
      parentId: units.get('JA-DS-JJ'),
    });
    expect(within.statusCode, within.body).toBe(200);
    expect((await row(mine.id)).parent_id).toBe(units.get('JA-DS-JJ'));
  });

  it('retires only units without active children, and never the top', async () => {
    const parent = await create('JA-DS', 'RETIRE-P');
    const child = await create('RETIRE-P', 'RETIRE-C');
    expectError(
      await api('POST', `/api/org/units/${parent.id}/retire`, groupAdmin),
      400,
      'VALIDATION_FAILED',
    );
    const retiredChild = await api('POST', `/api/org/units/${child.id}/retire`, groupAdmin);
    expect(retiredChild.json()).toMatchObject({ retired: true });
    expect((await api('POST', `/api/org/units/${parent.id}/retire`, groupAdmin)).statusCode).toBe(200);
    expectError(
      await api('POST', `/api/org/units/${units.get('JA')}/retire`, groupAdmin),
      400,
      'VALIDATION_FAILED',
    );

    const listed = (await call(identity.app, 'GET', '/api/org/units')).json() as OrgUnit[];
    expect(listed.map((u) => u.code)).not.toContain('RETIRE-P');
    expect((await call(identity.app, 'GET', `/api/org/units/${parent.id}`)).json().retired).toBe(true);
    // Nothing new goes under a retired unit.
    const under = await api('POST', '/api/org/units', groupAdmin, {
      parentId: parent.id,
      code: 'RETIRE-X',
      name: '不该有',
      kind: 'team',
    });
    expect(under.statusCode).toBe(404);
  });

  describe('CSV import', () => {
    it('imports a tree whose parents are existing units or earlier lines, and updates it on a second run', async () => {
      const csv = [
        'code,name,kind,parent_code,address,reception_hours,phone',
        'CSV-SEC,通风区,section,JA-DS,矿区路 1 号,工作日 8:00–12:00,0351-5559999',
        'CSV-T1,通风一队,team,CSV-SEC,,,',
        '"CSV-T2","通风二队, 夜班",team,CSV-SEC,,,',
      ].join('\n');
      const first = await importCsv(groupAdmin, csv);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ created: 3, updated: 0 });
      const all = (await call(identity.app, 'GET', '/api/org/units')).json() as OrgUnit[];
      const section = all.find((u) => u.code === 'CSV-SEC');
      expect(section).toMatchObject({ parentId: units.get('JA-DS'), receptionHours: '工作日 8:00–12:00' });
      expect(all.find((u) => u.code === 'CSV-T2')).toMatchObject({
        parentId: section?.id,
        name: '通风二队, 夜班',
      });

      const second = await importCsv(groupAdmin, csv.replace('通风一队', '通风一队（改）'));
      expect(second.json()).toEqual({ created: 0, updated: 3 });
      const t1 = (await call(identity.app, 'GET', '/api/org/units'))
        .json()
        .find((u: OrgUnit) => u.code === 'CSV-T1');
      expect(t1.name).toBe('通风一队（改）');
    });

    it('reports every bad line at once and imports nothing', async () => {
      const before = await countUnits();
      const csv = [
        'code,name,kind,parent_code',
        'BAD-OK,好的一行,team,JA-DS', // line 2: fine on its own
        'BAD CODE,空格,team,JA-DS', // 3: code
        'BAD-KIND,种类不对,brigade,JA-DS', // 4: kind
        'BAD-NONAME,,team,JA-DS', // 5: name
        'BAD-ORPHAN,无上级,team,NO-SUCH-PARENT', // 6: parent does not exist
        'BAD-OK,重复编码,team,JA-DS', // 7: code repeated
        'BAD-MOVED,已在别处,team,JA-DS', // 8: fine
        'JA-XH-ZC,想挪动,section,JA-DS', // 9: exists elsewhere (moving is the edit form's job)
        'BAD-ORPHAN2,另一个无上级,team,NO-SUCH-PARENT-2', // 10: parent does not exist
      ].join('\n');
      const response = await importCsv(groupAdmin, csv);
      expectError(response, 400, 'VALIDATION_FAILED');
      const lines = (response.json().error.details as { path: string }[]).map((d) => d.path);
      expect([...new Set(lines)].sort()).toEqual([3, 4, 5, 6, 7, 9, 10].map((n) => `/body/line/${n}`).sort());
      expect(await countUnits()).toBe(before);
    });

    it("refuses a file that puts units outside the admin's subtree, and imports nothing of it", async () => {
      const before = await countUnits();
      const csv = [
        'code,name,kind,parent_code',
        'MINE-OK,本矿,team,JA-DS-ZC',
        'MINE-OUT,外矿,team,JA-XH-ZC',
      ].join('\n');
      expectError(await importCsv(mineAdmin, csv), 403, 'FORBIDDEN');
      expect(await countUnits()).toBe(before);
      const inside = await importCsv(mineAdmin, csv.split('\n').slice(0, 2).join('\n'));
      expect(inside.json()).toEqual({ created: 1, updated: 0 });
    });

    it('refuses a file without the header', async () => {
      expectError(await importCsv(groupAdmin, 'X-1,名字,team,JA-DS\n'), 400, 'VALIDATION_FAILED');
    });
  });
});
