import { type Kysely, sql } from 'kysely';
import { dialectOf } from './dialect';
import type { DB } from './schema';

/**
 * What the daily `statistics` job runs on SQLite (the bench runs the same on its seeded file):
 * ANALYZE with a row limit, so it reads a sample of each index and stays short as the tables grow
 * (33 ms for a table of 1,000,000 rows and two indexes, where a full ANALYZE took 203). With a
 * limit SQLite writes only `sqlite_stat1` (rows per key, which is what picks an index) and empties
 * `sqlite_stat4`, whose samples of values it would otherwise use: better-sqlite3 is built with
 * STAT4, and a statement planned from samples is planned again each time a value bound to it
 * changes — every run of nearly every prepared statement (under load, 6.7% of a detail's CPU went
 * to planning again; docs/benchmarks.md, round 17).
 */
export const SQLITE_STATISTICS = ['pragma analysis_limit = 1000', 'analyze'] as const;

/**
 * Brings the query planner's statistics up to date with what the tables now hold. MySQL/MariaDB
 * needs nothing: InnoDB keeps persistent statistics and recalculates a table's once a tenth of it
 * has changed.
 */
export async function refreshStatistics(db: Kysely<DB>): Promise<{ analyzed: boolean }> {
  if (dialectOf(db) !== 'sqlite') return { analyzed: false };
  for (const statement of SQLITE_STATISTICS) await sql.raw(statement).execute(db);
  return { analyzed: true };
}
