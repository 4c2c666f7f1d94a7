import type { Insertable, Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB, ReceptionBookingTable, ReceptionDayTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Bookings that hold a place: waiting, or the person came. */
const HOLDING = ['active', 'attended'] as const;

function days(db: Db) {
  return db
    .selectFrom('reception_day as d')
    .innerJoin('staff_account as l', 'l.id', 'd.leader_id')
    .innerJoin('org_unit as u', 'u.id', 'd.unit_id')
    .select([
      'd.id',
      'd.date',
      'd.place',
      'd.topics',
      'd.slots',
      'l.display_name as leader',
      'u.name as unit',
    ]);
}
export type DayRow = Awaited<ReturnType<ReturnType<typeof days>['execute']>>[number];

export async function upcomingDays(db: Db, from: string): Promise<DayRow[]> {
  return days(db).where('d.date', '>=', from).orderBy('d.date').orderBy('d.id').limit(100).execute();
}

export async function findDays(db: Db, ids: readonly string[]): Promise<DayRow[]> {
  if (ids.length === 0) return [];
  return days(db)
    .where('d.id', 'in', [...ids])
    .execute();
}

/** The unit a reception day is held by, or undefined when there is no such day. */
export async function findDayUnitId(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('reception_day').select('unit_id').where('id', '=', id).executeTakeFirst();
  return row?.unit_id;
}

/** Places taken per day and slot. */
export async function takenPlaces(db: Db, dayIds: readonly string[]): Promise<Map<string, number>> {
  const taken = new Map<string, number>();
  if (dayIds.length === 0) return taken;
  const rows = await db
    .selectFrom('reception_booking')
    .select(['reception_day_id', 'slot'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reception_day_id', 'in', [...dayIds])
    .where('status', 'in', [...HOLDING])
    .groupBy(['reception_day_id', 'slot'])
    .execute();
  for (const r of rows) taken.set(`${r.reception_day_id}#${r.slot}`, Number(r.n));
  return taken;
}

export async function insertDay(trx: Transaction<DB>, row: Insertable<ReceptionDayTable>): Promise<void> {
  await trx.insertInto('reception_day').values(row).execute();
}

/** Makes concurrent bookings of one day wait for each other (SQLite has one writer already). */
export async function lockDay(trx: Transaction<DB>, id: string): Promise<void> {
  if (dialectOf(trx) === 'mysql') {
    await trx.selectFrom('reception_day').select('id').where('id', '=', id).forUpdate().execute();
  }
}

export async function insertBooking(
  trx: Transaction<DB>,
  row: Insertable<ReceptionBookingTable>,
): Promise<void> {
  await trx.insertInto('reception_booking').values(row).execute();
}

export async function bookingsOf(db: Db, by: { petitionerId?: string; id?: string; dayId?: string }) {
  let q = db.selectFrom('reception_booking').selectAll();
  if (by.petitionerId) q = q.where('petitioner_id', '=', by.petitionerId);
  if (by.id) q = q.where('id', '=', by.id);
  if (by.dayId) q = q.where('reception_day_id', '=', by.dayId);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(50).execute();
}

/** The case numbers of the visits bookings became. */
export async function petitionNumbers(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('petition')
    .select(['id', 'number'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * A booking whose person the leader received ends as `received`, with the visit's case: from
 * active, or from attended when the desk recorded the arrival first. False when it was neither.
 */
export async function receiveBooking(
  trx: Transaction<DB>,
  id: string,
  dayId: string,
  petitionId: string,
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('reception_booking')
    .set({ status: 'received', active_key: null, petition_id: petitionId, updated_at: at })
    .where('id', '=', id)
    .where('reception_day_id', '=', dayId)
    .where('status', 'in', ['active', 'attended'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends an active booking (cancelled, attended, no-show); false when it was not active. */
export async function endBooking(
  trx: Transaction<DB>,
  id: string,
  status: 'cancelled' | 'attended' | 'no_show',
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('reception_booking')
    .set({ status, active_key: null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
