import type { CalendarYear } from '@xinfang/shared/clocks';
import type { Kysely, Transaction } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** The years administrators uploaded, as calendar years. */
export async function loadUploadedYears(db: Db): Promise<CalendarYear[]> {
  const rows = await db.selectFrom('calendar_year').select(['year', 'data']).orderBy('year').execute();
  return rows.map((row) => ({ year: row.year, ...(JSON.parse(row.data) as Omit<CalendarYear, 'year'>) }));
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
