import { loadConfig } from '@xinfang/server/config';
import { openDatabase } from '@xinfang/server/db/database';
import { migrateToLatest } from '@xinfang/server/db/migrate';
import { migrations } from '@xinfang/server/db/migrations';
import { silentMonitorLog } from '@xinfang/server/db/monitor';
import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, createTestDatabase, type TestApp, testDialect } from '@xinfang/server/testing';
import { Migrator, sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj } from './notifications/support';
import { PetitionKit } from './petitions/kit';

/** A test that runs every migration on a new database: DDL on MariaDB is slow on a busy machine. */
const MIGRATING_MS = 180_000;

/** An empty database and a migrator over it, to walk one migration up with rows in place, and down. */
async function migratingDatabase() {
  const database = await createTestDatabase();
  const { db, destroy } = openDatabase(database.url, { bounds: loadConfig({}).db, log: silentMonitorLog });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return {
    db,
    migrator,
    async close() {
      await destroy();
      await database.drop();
    },
  };
}

/** The one unit of an organisation, for a migration walked with rows in place. */
function topUnit(at: string) {
  return {
    id: 'u1',
    path: '/u1/',
    depth: 0,
    code: 'U',
    name: '单位',
    kind: 'group' as const,
    created_at: at,
    updated_at: at,
  };
}

describe('migrations and the demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('applies nothing the second time', async () => {
    const again = await migrateToLatest(t.app.db, t.app.dialect);
    expect(again.applied).toEqual([]);
  });

  it('seeds the coal group into an empty database, and only into an empty one', async () => {
    expect(await seedDemoIfEmpty(t.app.db, t.app.pii)).toBe(true);
    const units = await t.app.db
      .selectFrom('org_unit')
      .select(['code', 'name', 'kind', 'path', 'depth'])
      .execute();
    expect(
      units
        .filter((u) => u.kind === 'mine')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['东山煤矿', '西河煤矿']);
    expect(units.some((u) => u.kind === 'team')).toBe(true);
    for (const unit of units) expect(unit.path.split('/').filter(Boolean)).toHaveLength(unit.depth + 1);

    expect(await seedDemoIfEmpty(t.app.db, t.app.pii)).toBe(false);
    const count = await t.app.db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(units.length);
  });

  it('stores and returns Chinese text unchanged', async () => {
    const unit = await t.app.db
      .selectFrom('org_unit')
      .select('name')
      .where('code', '=', 'JA')
      .executeTakeFirstOrThrow();
    expect(unit.name).toBe('晋安煤业集团');
  });
});

describe('20261203130100: a petition may leave its concerned unit to the petition office', () => {
  const at = '2026-11-30T00:00:00.000Z';

  it('keeps every row, key and index while the column becomes nullable, and back again', async () => {
    const { db, migrator, close } = await migratingDatabase();
    try {
      expect((await migrator.migrateTo('20261203130000_add_org_unit_aliases')).error).toBeUndefined();
      const row = (id: string, number: string, concerned: string | null) => ({
        id,
        number,
        query_code_hash: 'h',
        petitioner_id: 'p1',
        kind: 'request',
        channel: 'online',
        category_code: 'wages',
        title: '标题',
        content: '内容',
        state: 'registered',
        stage: 'first',
        version: 1,
        receiving_unit_id: 'u1',
        concerned_unit_id: concerned,
        received_at: at,
        next_due_at: at,
        lifecycle: '{}',
        created_at: at,
        updated_at: at,
      });
      await db.insertInto('org_unit').values(topUnit(at)).execute();
      await db
        .insertInto('petitioner_account')
        .values({ id: 'p1', status: 'active', created_at: at, updated_at: at } as never)
        .execute();
      await db
        .insertInto('petition')
        .values(row('a', 'XF-1', 'u1'))
        .execute();
      await db
        .insertInto('petition_event')
        .values({
          id: 'e1',
          petition_id: 'a',
          seq: 1,
          type: 'registered',
          at,
          actor_id: 'p1',
          actor_role: 'petitioner',
          visibility: 'petitioner',
          stage: 'first',
          data: '{}',
        })
        .execute();
      await expect(
        db
          .insertInto('petition')
          .values(row('b', 'XF-2', null))
          .execute(),
      ).rejects.toThrow();

      expect((await migrator.migrateTo('20261203130100_allow_unknown_concerned_unit')).error).toBeUndefined();
      await db
        .insertInto('petition')
        .values(row('b', 'XF-2', null))
        .execute();
      const kept = await db
        .selectFrom('petition')
        .select(['id', 'concerned_unit_id'])
        .orderBy('id')
        .execute();
      expect(kept).toEqual([
        { id: 'a', concerned_unit_id: 'u1' },
        { id: 'b', concerned_unit_id: null },
      ]);
      // The unique number, the indexes and the keys that point at petitions are all still there.
      await expect(
        db
          .insertInto('petition')
          .values(row('c', 'XF-1', null))
          .execute(),
      ).rejects.toThrow();
      await expect(
        db
          .insertInto('petition_event')
          .values({
            id: 'e2',
            petition_id: 'nobody',
            seq: 1,
            type: 'x',
            at,
            actor_id: 'p1',
            actor_role: 'x',
            visibility: 'x',
            stage: 'first',
            data: '{}',
          })
          .execute(),
      ).rejects.toThrow();
      const indexes = await db.introspection.getTables();
      expect(indexes.find((t) => t.name === 'petition')?.columns.map((c) => c.name)).toContain(
        'concerned_unit_id',
      );
      if (testDialect() === 'sqlite') {
        const names = await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name = 'petition'`.execute(db);
        expect(names.rows.map((r) => r.name)).toEqual(
          expect.arrayContaining([
            'petition_petitioner',
            'petition_due',
            'petition_received',
            'petition_state',
            // (petition_concerned went before, in 20261203100200_drop_petition_concerned_index)
          ]),
        );
      }

      await db.deleteFrom('petition').where('id', '=', 'b').execute();
      expect((await migrator.migrateDown()).error).toBeUndefined();
      await expect(
        db
          .insertInto('petition')
          .values(row('b', 'XF-2', null))
          .execute(),
      ).rejects.toThrow();
      expect(await db.selectFrom('petition').select('id').execute()).toEqual([{ id: 'a' }]);
    } finally {
      await close();
    }
  });
});

describe('20261204140000: the figures keep monthly rollups, and break down only the petitions received', () => {
  it(
    'sums the other metrics over channel, kind and category, and every metric per month',
    async () => {
      const { db, migrator, close } = await migratingDatabase();
      try {
        expect((await migrator.migrateTo('20261203150100_create_petition_term')).error).toBeUndefined();
        const rollup = (metric: string, day: string, channel: string, kind: string, value: number) => ({
          metric,
          day,
          unit_id: 'u1',
          channel,
          kind,
          category_code: 'wages',
          value,
        });
        await db
          .insertInto('figure_rollup')
          .values([
            rollup('received', '2026-10-01', 'online', 'request', 2),
            rollup('received', '2026-10-01', 'letter', 'request', 1),
            rollup('received', '2026-10-20', 'online', 'request', 4),
            rollup('concluded', '2026-10-01', 'online', 'request', 3),
            rollup('concluded', '2026-10-01', 'letter', 'suggestion', 5),
            rollup('concluded', '2026-11-02', 'online', 'request', 1),
          ])
          .execute();

        // Up to this one: 20261207100000 counts every rollup again from the petitions (none here).
        expect((await migrator.migrateTo('20261204140000_add_figure_rollup_month')).error).toBeUndefined();
        const days = await db
          .selectFrom('figure_rollup')
          .select(['metric', 'day', 'channel', 'kind', 'value'])
          .orderBy('metric')
          .orderBy('day')
          .orderBy('channel')
          .execute();
        expect(days.map((d) => ({ ...d, value: Number(d.value) }))).toEqual([
          { metric: 'concluded', day: '2026-10-01', channel: '', kind: '', value: 8 },
          { metric: 'concluded', day: '2026-11-02', channel: '', kind: '', value: 1 },
          { metric: 'received', day: '2026-10-01', channel: 'letter', kind: 'request', value: 1 },
          { metric: 'received', day: '2026-10-01', channel: 'online', kind: 'request', value: 2 },
          { metric: 'received', day: '2026-10-20', channel: 'online', kind: 'request', value: 4 },
        ]);
        const months = await db
          .selectFrom('figure_rollup_month')
          .select(['metric', 'month', 'channel', 'value'])
          .orderBy('metric')
          .orderBy('month')
          .orderBy('channel')
          .execute();
        expect(months.map((m) => ({ ...m, value: Number(m.value) }))).toEqual([
          { metric: 'concluded', month: '2026-10', channel: '', value: 8 },
          { metric: 'concluded', month: '2026-11', channel: '', value: 1 },
          { metric: 'received', month: '2026-10', channel: 'letter', value: 1 },
          { metric: 'received', month: '2026-10', channel: 'online', value: 6 },
        ]);
      } finally {
        await close();
      }
    },
    MIGRATING_MS,
  );
});

describe('20261204140100: the search index on SQLite moves to FTS5', () => {
  it(
    'keeps every indexed petition findable by its terms, on either database',
    async () => {
      const { db, migrator, close } = await migratingDatabase();
      try {
        expect((await migrator.migrateTo('20261203150100_create_petition_term')).error).toBeUndefined();
        const terms = (id: string, words: string[]) => words.map((term) => ({ term, petition_id: id }));
        await db
          .insertInto('petition_term')
          .values([...terms('a', ['照明', '明灯', '灯具']), ...terms('b', ['照明', '明电', '电线'])])
          .execute();

        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        const holding = async (words: string[]) => {
          const query =
            testDialect() === 'sqlite'
              ? sql<{ petition_id: string }>`select d.petition_id from petition_search_doc d where d.doc in
                (select rowid from petition_search where petition_search match ${words.map((w) => `"${w}"`).join(' AND ')})`
              : sql<{
                  petition_id: string;
                }>`select petition_id from petition_term where term in (${sql.join(words)})
                group by petition_id having count(*) = ${words.length}`;
          return (await query.execute(db)).rows.map((r) => r.petition_id).sort();
        };
        expect(await holding(['照明'])).toEqual(['a', 'b']);
        expect(await holding(['照明', '灯具'])).toEqual(['a']);
        expect(await holding(['电线'])).toEqual(['b']);
        expect(await holding(['没有'])).toEqual([]);
      } finally {
        await close();
      }
    },
    MIGRATING_MS,
  );
});

describe.skipIf(testDialect() !== 'sqlite')('20261206110000: the FTS5 index keeps no positions', () => {
  it(
    'finds the same petitions before, after and back down, and writes no token counts',
    async () => {
      const { db, migrator, close } = await migratingDatabase();
      try {
        expect((await migrator.migrateTo('20261206100000_add_running_clocks')).error).toBeUndefined();
        await sql`insert into petition_search (rowid, terms) values
          (1, '照明 明灯 灯具 照明'), (2, '照明 明电 电线'), (3, 'xf f2 20 6-')`.execute(db);
        const holding = async (words: string[]) =>
          (
            await sql<{ rowid: number }>`select rowid from petition_search
              where petition_search match ${words.map((w) => `"${w}"`).join(' AND ')} order by rowid`.execute(
              db,
            )
          ).rows.map((r) => r.rowid);
        const findings = async () => ({
          light: await holding(['照明']),
          lamp: await holding(['照明', '灯具']),
          wire: await holding(['电线']),
          number: await holding(['xf', '6-']),
          none: await holding(['没有']),
        });
        const before = await findings();
        expect(before).toEqual({ light: [1, 2], lamp: [1], wire: [2], number: [3], none: [] });
        const definition = async () =>
          (
            await sql<{ sql: string }>`select sql from sqlite_master where name = 'petition_search'`.execute(
              db,
            )
          ).rows[0]?.sql;
        const tables = async () =>
          (
            await sql<{ name: string }>`select name from sqlite_master
              where name like 'petition_search%' order by name`.execute(db)
          ).rows.map((r) => r.name);

        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        expect(await findings()).toEqual(before);
        expect(await definition()).toMatch(/detail = none, columnsize = 0/);
        expect(await tables()).not.toContain('petition_search_docsize');
        await sql`insert into petition_search (rowid, terms) values (4, '电线 灯具')`.execute(db);
        expect(await holding(['灯具'])).toEqual([1, 4]);

        // Down past it (and whatever came after).
        expect((await migrator.migrateTo('20261206100000_add_running_clocks')).error).toBeUndefined();
        expect(await definition()).not.toMatch(/detail/);
        expect(await tables()).toContain('petition_search_docsize');
        expect(await holding(['灯具'])).toEqual([1, 4]);
        expect(await holding(['xf', '6-'])).toEqual([3]);
      } finally {
        await close();
      }
    },
    MIGRATING_MS,
  );
});

describe.skipIf(testDialect() !== 'mysql')('20261206120000: a decision letter of any text fits', () => {
  it(
    'widens the columns that keep a letter to mediumtext, and narrows them back down',
    async () => {
      const { db, migrator, close } = await migratingDatabase();
      try {
        const types = async () =>
          (
            await sql<{ t: string; c: string; type: string }>`select table_name as t, column_name as c,
              data_type as type from information_schema.columns where table_schema = database()
              and concat(table_name, '.', column_name) in ('petition.lifecycle', 'petition_event.data',
              'document.facts') order by t`.execute(db)
          ).rows.map((r) => `${r.t}.${r.c} ${r.type}`);
        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        expect(await types()).toEqual([
          'document.facts mediumtext',
          'petition.lifecycle mediumtext',
          'petition_event.data mediumtext',
        ]);
        expect((await migrator.migrateTo('20261206110000_compact_petition_search')).error).toBeUndefined();
        expect(await types()).toEqual([
          'document.facts text',
          'petition.lifecycle text',
          'petition_event.data text',
        ]);
      } finally {
        await close();
      }
    },
    MIGRATING_MS,
  );
});

describe('20261206130000: one employee number, however its case was written', () => {
  it(
    'keeps every number in canonical form, and of two spellings on SQLite the newest entry',
    async () => {
      const { db, migrator, close } = await migratingDatabase();
      const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;
      const entry = (number: string, phone: string, day: number) => ({
        employee_number: number,
        name: '职工',
        phone_hash: phone,
        unit_id: 'u1',
        imported_at: at(day),
      });
      const account = (id: string, number: string, phone: string, day: number) => ({
        id,
        employee_number: number,
        phone_hash: phone,
        worker_unit_id: 'u1',
        status: 'active' as const,
        created_at: at(day),
        updated_at: at(day),
      });
      try {
        expect((await migrator.migrateTo('20261206120000_widen_letter_columns')).error).toBeUndefined();
        await db
          .insertInto('org_unit')
          .values(topUnit(at(1)))
          .execute();
        await db
          .insertInto('employee_roster')
          .values([entry('ds2', 'phone-c', 2), entry('X3', 'phone-d', 2)])
          .execute();
        await db
          .insertInto('petitioner_account')
          .values(account('p3', 'ds2', 'phone-c', 3))
          .execute();
        await db
          .insertInto('roster_import_row')
          .values({ import_id: 'i1', employee_number: 'ds2' })
          .execute();
        // Only SQLite could keep two spellings of one number (MySQL's key ignores case).
        const twoSpellings = testDialect() === 'sqlite';
        if (twoSpellings) {
          await db
            .insertInto('employee_roster')
            .values([entry('E001', 'phone-a', 1), entry('e001', 'phone-b', 4)])
            .execute();
          // The newest import's spelling survives, with its phone. So p2 keeps the number and p1,
          // though bound later and to the canonical spelling, lets go of it.
          await db
            .insertInto('petitioner_account')
            .values([account('p1', 'E001', 'phone-a', 5), account('p2', 'e001', 'phone-b', 4)])
            .execute();
          await db
            .insertInto('roster_import_row')
            .values([
              { import_id: 'i1', employee_number: 'e001' },
              { import_id: 'i1', employee_number: 'E001' },
            ])
            .execute();
        }

        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        const roster = await db
          .selectFrom('employee_roster')
          .select(['employee_number', 'phone_hash'])
          .orderBy('employee_number')
          .execute();
        const accounts = await db
          .selectFrom('petitioner_account')
          .select(['id', 'employee_number', 'worker_unit_id'])
          .orderBy('id')
          .execute();
        const replaced = await db
          .selectFrom('roster_import_row')
          .select(['import_id', 'employee_number'])
          .orderBy('employee_number')
          .execute();
        if (twoSpellings) {
          expect(roster).toEqual([
            { employee_number: 'DS2', phone_hash: 'phone-c' },
            { employee_number: 'E001', phone_hash: 'phone-b' },
            { employee_number: 'X3', phone_hash: 'phone-d' },
          ]);
          expect(accounts).toEqual([
            { id: 'p1', employee_number: null, worker_unit_id: null },
            { id: 'p2', employee_number: 'E001', worker_unit_id: 'u1' },
            { id: 'p3', employee_number: 'DS2', worker_unit_id: 'u1' },
          ]);
          expect(replaced).toEqual([
            { import_id: 'i1', employee_number: 'DS2' },
            { import_id: 'i1', employee_number: 'E001' },
          ]);
        } else {
          expect(roster).toEqual([
            { employee_number: 'DS2', phone_hash: 'phone-c' },
            { employee_number: 'X3', phone_hash: 'phone-d' },
          ]);
          expect(accounts).toEqual([{ id: 'p3', employee_number: 'DS2', worker_unit_id: 'u1' }]);
          expect(replaced).toEqual([{ import_id: 'i1', employee_number: 'DS2' }]);
        }
        // Down keeps the canonical numbers: the code before finds them as they are.
        expect((await migrator.migrateTo('20261206120000_widen_letter_columns')).error).toBeUndefined();
        expect(
          await db
            .selectFrom('employee_roster')
            .select(['employee_number', 'phone_hash'])
            .orderBy('employee_number')
            .execute(),
        ).toEqual(roster);
      } finally {
        await close();
      }
    },
    MIGRATING_MS,
  );
});

describe('20261207100000: the figures are counted again by the rules managers read', () => {
  it(
    'keys a fact by its day, and replaces what the old rules stored with a recount by the new',
    async () => {
      const kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
      try {
        // Left undecided past its 15 days (owed now), and withdrawn after its 60 days ran out.
        await kit.submit('13900000004');
        const late = (await kit.submit('13900000003')).petition.id;
        await kit.act('ds.reception', late, 'accept');
        kit.tick({ days: 70 });
        await kit.act('13900000003', late, 'withdraw', { reason: '算了' });
        const counted = await storedRollups(kit.app.db);
        expect([...counted.keys()].some((k) => k.includes('\u0000triage_owed\u0000'))).toBe(true);

        const db = kit.app.db;
        const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
        expect((await migrator.migrateTo('20261206130000_canonical_employee_numbers')).error).toBeUndefined();
        // What the old rules stored: one fact per metric, no owed limit for the withdrawn case.
        const unit = kit.unit('JA-DS');
        await db
          .insertInto('figure_fact')
          .values({ petition_id: late, metric: 'received', day: '2026-03-02', unit_id: unit, value: 1 })
          .execute();
        const stale = {
          metric: 'triaged',
          unit_id: unit,
          channel: '',
          kind: '',
          category_code: '',
          value: 5,
        };
        await db
          .insertInto('figure_rollup')
          .values({ ...stale, day: '2026-03-02' })
          .execute();
        await db
          .insertInto('figure_rollup_month')
          .values({ ...stale, month: '2026-03' })
          .execute();

        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        expect(await storedRollups(kit.app.db)).toEqual(counted);
        expect(await recountRollups(kit.app.db, kit.app.calendar)).toEqual(counted);
        // Two facts of one metric on two days fit one petition now.
        await db
          .insertInto('figure_fact')
          .values({ petition_id: late, metric: 'received', day: '2026-03-03', unit_id: unit, value: 1 })
          .execute();
      } finally {
        await kit.close();
      }
    },
    MIGRATING_MS,
  );
});

describe('20261207150000: an assisting unit’s files stay with its internal answer', () => {
  it(
    'marks the files internal events brought internal, and leaves the petitioner’s own theirs',
    async () => {
      const kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
      try {
        await kit.createStaff('rlk.li', 'JA-DS-RLK', ['handler']);
        const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#888888' } })
          .png()
          .toBuffer();
        const own = await kit.uploadImage('13800000001', png);
        const id = (await kit.submit('13800000001', { attachmentIds: [own] })).petition.id;
        await kit.act('ds.reception', id, 'assign', {
          unit: kit.unit('JA-DS-AQK'),
          reportBackBy: '2026-04-30',
        });
        await kit.act('ds.handler', id, 'accept');
        await kit.act('ds.handler', id, 'request_assist', {
          unit: kit.unit('JA-DS-RLK'),
          part: '请核实考勤记录',
          dueDate: kit.beijingDate(5),
        });
        const scan = await kit.uploadImage('rlk.li', png);
        const answered = await kit.http('rlk.li', 'POST', `/api/co-handling/${id}/parts/1/answer`, {
          answer: '考勤22天',
          attachmentIds: [scan],
        });
        expect(answered.statusCode, answered.body).toBe(200);

        // Back to before the column, then forward: the answer's file is found in its event. (Its
        // own down and up only, whatever migrations come after it.)
        const db = kit.app.db;
        const step = migrations['20261207150000_add_attachment_visibility'];
        if (!step?.down) throw new Error('20261207150000 is not listed, or has no down');
        await step.down(db);
        await step.up(db);
        const rows = await db
          .selectFrom('attachment')
          .select(['id', 'visibility'])
          .where('id', 'in', [own, scan])
          .execute();
        expect(Object.fromEntries(rows.map((r) => [r.id, r.visibility]))).toEqual({
          [own]: 'petitioner',
          [scan]: 'internal',
        });
        expect((await kit.detail('13800000001', id)).attachments.map((a) => a.id)).toEqual([own]);
        expect((await kit.http('13800000001', 'GET', `/api/attachments/${scan}`)).statusCode).toBe(404);
      } finally {
        await kit.close();
      }
    },
    MIGRATING_MS,
  );
});

describe('20261207180000: 集体访 is counted from five people', () => {
  it(
    'takes a group of three out of the collective figures and rollups, and back on the way down',
    async () => {
      const kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
      try {
        const group = (name: string, phone: string, headcount: number) =>
          kit.register('ds.reception', {
            petitioner: { realName: name, phone },
            headcount,
            representatives: [name],
          });
        await group('李强', '13800000077', 3);
        await group('赵磊', '13800000078', 6);
        const counted = await storedRollups(kit.app.db);
        const collective = (sums: Map<string, number>, metric: string) =>
          [...sums].filter(([k]) => k.split('\u0000')[2] === metric && k.includes('2026-03-02'));
        expect(collective(counted, 'collective_people').map(([, v]) => v)).toEqual([6]);

        // Down: the group of three counted as the old rule did; up: taken out again.
        const db = kit.app.db;
        const step = migrations['20261207180000_count_collective_from_five'];
        if (!step?.down) throw new Error('20261207180000 is not listed, or has no down');
        await step.down(db);
        const old = await storedRollups(db);
        expect(collective(old, 'collective_people').map(([, v]) => v)).toEqual([9]);
        expect(collective(old, 'collective').map(([, v]) => v)).toEqual([2]);
        await step.up(db);
        expect(await storedRollups(db)).toEqual(counted);
        expect(await recountRollups(db, kit.app.calendar)).toEqual(counted);
      } finally {
        await kit.close();
      }
    },
    MIGRATING_MS,
  );
});

describe('a migration that fails half-way on MySQL', () => {
  // MySQL commits each DDL statement: what ran of a failed migration stays, and only a person can
  // put it right. The error says so, and the next start refuses with it instead of a raw error.
  it.runIf(testDialect() === 'mysql')(
    'names the migration and the way out, refuses the next start, and migrates once put right',
    async () => {
      const target = '20261207110000_create_counted_calendar_year';
      const database = await createTestDatabase();
      const { db, destroy } = openDatabase(database.url, {
        bounds: loadConfig({}).db,
        log: silentMonitorLog,
      });
      try {
        const { [target]: _, ...others } = migrations;
        const earlier = new Migrator({
          db,
          provider: { getMigrations: async () => others },
          allowUnorderedMigrations: true,
        });
        expect((await earlier.migrateToLatest()).error).toBeUndefined();
        // An upgrade whose migration created its table and then died: the table is there, unrecorded.
        await db.schema.createTable('counted_calendar_year').addColumn('year', 'integer').execute();

        const plain = new RegExp(
          `Migration ${target} did not finish.*MySQL cannot undo.*restore the backup taken before ` +
            'the upgrade.*finish or undo the migration by hand.*docs/deployment.md',
        );
        const first = await migrateToLatest(db, 'mysql').then(
          () => new Error('migrated'),
          (error: Error) => error,
        );
        expect(first.message).toMatch(plain);
        expect(first.message).toContain("Table 'counted_calendar_year' already exists");
        // The next start refuses before it runs anything, with the same words.
        const next = await migrateToLatest(db, 'mysql').then(
          () => new Error('migrated'),
          (error: Error) => error,
        );
        expect(next.message).toMatch(plain);
        expect(next.message).not.toContain('already exists');

        // Undone by hand and its marker deleted, as docs/deployment.md says: it runs again.
        await db.schema.dropTable('counted_calendar_year').execute();
        await db.deleteFrom('migration_lease').where('name', '=', 'unfinished').execute();
        expect((await migrateToLatest(db, 'mysql')).applied).toEqual([target]);
        expect(await db.selectFrom('migration_lease').selectAll().execute()).toEqual([]);
      } finally {
        await destroy();
        await database.drop();
      }
    },
    MIGRATING_MS,
  );
});
