import { sql, type Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import { prepared } from '../../db/prepared';
import type { DB } from '../../db/schema';

/**
 * The next readable petition number of the year (Beijing time): `XF2026-000123`. Counted in a row
 * per year that the insert-or-increment locks, so concurrent registrations never share a number.
 * One statement: SQLite returns the new count; MySQL hands it back as LAST_INSERT_ID.
 */
export async function nextPetitionNumber(trx: Transaction<DB>, now: Date): Promise<string> {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const result = await bump(trx, year);
  // MySQL: a new year's row is inserted, not updated; then LAST_INSERT_ID is 0 and the count 1.
  const last =
    dialectOf(trx) === 'mysql'
      ? Number(result.insertId ?? 0) || 1
      : Number((result.rows[0] as { last_number?: number } | undefined)?.last_number);
  return `XF${year}-${String(last).padStart(6, '0')}`;
}

const bump = prepared((db, year: number) => {
  const insert = db.insertInto('petition_counter').values({ year, last_number: 1 });
  return dialectOf(db) === 'mysql'
    ? insert.onDuplicateKeyUpdate({ last_number: sql`last_insert_id(last_number + 1)` })
    : insert
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`last_number + 1` }))
        .returning('last_number');
});
