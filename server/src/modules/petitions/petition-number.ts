import { sql, type Transaction } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';

/**
 * The next readable petition number of the year (Beijing time): `XF2026-000123`. Counted in a row
 * per year that the insert-or-increment locks, so concurrent registrations never share a number.
 */
export async function nextPetitionNumber(trx: Transaction<DB>, now: Date): Promise<string> {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  await onConflictUpdate(trx, trx.insertInto('petition_counter').values({ year, last_number: 1 }), ['year'], {
    last_number: sql`last_number + 1`,
  }).execute();
  const { last_number } = await trx
    .selectFrom('petition_counter')
    .select('last_number')
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return `XF${year}-${String(last_number).padStart(6, '0')}`;
}
