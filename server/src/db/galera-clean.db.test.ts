import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testDialect } from '../testing/test-app';

/**
 * What a multi-primary cluster (MariaDB Galera) needs of the schema and of transactions, checked on
 * the real database: every table has a primary key (Galera replicates rows by it, and refuses or
 * mis-replicates tables without one); and a transaction that loses a conflict is run again where
 * transactions start, so callers never see it (a deadlock here, a lost certification on Galera:
 * both answer 1213).
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

async function tablesWithoutPrimaryKey(): Promise<string[]> {
  if (testDialect() === 'mysql') {
    const { rows } = await sql<{ name: string }>`
      select t.table_name as name from information_schema.tables t
      where t.table_schema = database() and t.table_type = 'BASE TABLE'
        and not exists (select 1 from information_schema.table_constraints c
          where c.table_schema = t.table_schema and c.table_name = t.table_name
            and c.constraint_type = 'PRIMARY KEY')`.execute(t.app.db);
    return rows.map((r) => r.name);
  }
  // A virtual table (the ledger's FTS5 index, SQLite only) keeps its rows in shadow tables,
  // which have their keys and are checked here like any other.
  const { rows } = await sql<{ name: string }>`
    select m.name from sqlite_master m
    where m.type = 'table' and m.name not like 'sqlite_%' and m.sql not like 'create virtual table%'
      and not exists (select 1 from pragma_table_info(m.name) p where p.pk > 0)`.execute(t.app.db);
  return rows.map((r) => r.name);
}

describe('Galera-clean', () => {
  it('every table, the migrator’s own included, has a primary key', async () => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(t.app.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(5);
    expect(await tablesWithoutPrimaryKey()).toEqual([]);
  });

  it.skipIf(testDialect() !== 'mysql')(
    'two transactions that deadlock both commit: the loser is run again, and counted',
    async () => {
      const db = t.app.db;
      const period = '2031-01-01T00:00:00.000Z';
      const row = (job: string) => ({
        job,
        period,
        holder: 'test',
        expires_at: period,
        attempts: 0,
        started_at: period,
        finished_at: null,
      });
      await db
        .insertInto('job_run')
        .values([row('left'), row('right')])
        .execute();
      const before = { ...t.app.dbConflicts };

      // Each takes its own row first, waits until the other has too, then reaches for the other's.
      let arrived = 0;
      let bothIn!: () => void;
      const gate = new Promise<void>((r) => {
        bothIn = r;
      });
      const touch = (first: string, second: string) => {
        let attempt = 0;
        return db.transaction().execute(async (trx) => {
          attempt += 1;
          const bump = (job: string) =>
            trx
              .updateTable('job_run')
              .set({ attempts: sql<number>`attempts + 1` })
              .where('job', '=', job)
              .execute();
          await bump(first);
          if (attempt === 1) {
            arrived += 1;
            if (arrived === 2) bothIn();
            await gate;
          }
          await bump(second);
        });
      };
      await Promise.all([touch('left', 'right'), touch('right', 'left')]);

      const rows = await db
        .selectFrom('job_run')
        .select(['job', 'attempts'])
        .where('period', '=', period)
        .execute();
      expect(rows.map((r) => r.attempts)).toEqual([2, 2]);
      expect(t.app.dbConflicts.retried).toBeGreaterThan(before.retried);
      expect(t.app.dbConflicts.gaveUp).toBe(before.gaveUp);
      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json().db.conflicts).toEqual(t.app.dbConflicts);
    },
  );
});
