import type { CalendarYear } from '@xinfang/shared/clocks';
import { OPEN_STATES } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { PETITION_COLUMNS } from '../petitions/petition.repository';

type Db = Kysely<DB> | Transaction<DB>;

/** The years administrators uploaded, as calendar years. */
export async function loadUploadedYears(db: Db): Promise<CalendarYear[]> {
  const rows = await db.selectFrom('calendar_year').select(['year', 'data']).orderBy('year').execute();
  return rows.map((row) => ({ year: row.year, ...(JSON.parse(row.data) as Omit<CalendarYear, 'year'>) }));
}

/**
 * What changes whenever a year is uploaded (each year and when it was last uploaded), read by every
 * instance before it counts: a handful of rows read by their key.
 */
export async function uploadStamp(db: Db): Promise<string> {
  const rows = await db.selectFrom('calendar_year').select(['year', 'uploaded_at']).orderBy('year').execute();
  return rows.map((row) => `${row.year}@${row.uploaded_at}`).join(' ');
}

/** Who uploaded each year, and when. */
export async function uploads(db: Db) {
  return db
    .selectFrom('calendar_year as c')
    .leftJoin('staff_account as s', 's.id', 'c.uploaded_by')
    .select(['c.year', 'c.uploaded_at', 's.display_name'])
    .execute();
}

export async function saveUploadedYear(db: Db, year: CalendarYear, by: string, at: string): Promise<void> {
  const data = JSON.stringify({ holidays: year.holidays, makeUpWorkdays: year.makeUpWorkdays });
  await onConflictUpdate(
    db,
    db.insertInto('calendar_year').values({ year: year.year, data, uploaded_by: by, uploaded_at: at }),
    ['year'],
    { data, uploaded_by: by, uploaded_at: at },
  ).execute();
}

/** The calendar each year's stored due dates and figures were counted with (calendar-recount). */
export async function countedYears(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('counted_calendar_year').select(['year', 'days']).execute();
  return new Map(rows.map((row) => [Number(row.year), row.days]));
}

export async function saveCountedYears(
  db: Db,
  years: ReadonlyMap<number, string>,
  at: string,
): Promise<void> {
  for (const [year, days] of years)
    await onConflictUpdate(
      db,
      db.insertInto('counted_calendar_year').values({ year, days, counted_at: at }),
      ['year'],
      { days, counted_at: at },
    ).execute();
}

/**
 * The next petitions by id, whole rows, whose counts a change of calendar may move: every open one,
 * and those changed last since `endedSince` (a case that ended then may have counted its clocks
 * into the changed days); with `changedSince`, of those only the ones changed since then.
 */
export async function petitionsToRecount(
  db: Db,
  after: string,
  endedSince: string,
  limit: number,
  changedSince?: string,
) {
  let query = db
    .selectFrom('petition')
    .select(PETITION_COLUMNS)
    .where((eb) => eb.or([eb('state', 'in', [...OPEN_STATES]), eb('updated_at', '>=', endedSince)]));
  // Only those written since then (what an instance may have counted with a calendar it had).
  if (changedSince) query = query.where('updated_at', '>=', changedSince);
  return query.where('id', '>', after).orderBy('id').limit(limit).execute();
}
