import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { dialectOf } from './dialect';
import { refreshStatistics } from './statistics';

/** The daily statistics job: SQLite keeps rows per key and no samples of values; MySQL needs nothing. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const count = async (table: string) => {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.app.db);
  return Number(rows[0]?.n);
};

describe('refreshStatistics', () => {
  it('leaves SQLite with rows per key and without the samples a full ANALYZE takes', async (context) => {
    if (dialectOf(t.app.db) !== 'sqlite') context.skip();
    // An operator's full ANALYZE (better-sqlite3 is built with STAT4): samples of indexed values.
    await sql`analyze`.execute(t.app.db);
    expect(await count('sqlite_stat4')).toBeGreaterThan(0);

    expect(await refreshStatistics(t.app.db)).toEqual({ analyzed: true });
    expect(await count('sqlite_stat4')).toBe(0);
    // The categories' key: as many rows as the table holds, one row per key.
    const { rows } = await sql<{ stat: string }>`
      select stat from sqlite_stat1 where idx = 'sqlite_autoindex_category_1'`.execute(t.app.db);
    const categories = await count('category');
    expect(categories).toBeGreaterThan(0);
    expect(rows.map((row) => row.stat)).toEqual([`${categories} 1`]);
  });

  it('leaves MySQL to InnoDB, which keeps persistent statistics itself', async (context) => {
    if (dialectOf(t.app.db) !== 'mysql') context.skip();
    expect(await refreshStatistics(t.app.db)).toEqual({ analyzed: false });
  });
});
