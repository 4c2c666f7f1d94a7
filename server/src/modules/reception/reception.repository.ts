import type { ExpressionBuilder, Insertable, Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB, ReceptionBookingTable, ReceptionDayTable } from '../../db/schema';
import { withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Bookings that hold a place: waiting, or the person came (and perhaps was received already: the
 * leader's time was theirs, and is not offered to another).
 */
export const HOLDING = ['active', 'attended', 'received'] as const;

/** The roles a leader is published with (staff.repository's findActiveLeader), still held. */
const LEADER_ROLES = ['responsible_leader', 'unit_head'] as const;

/** The day's leader can still receive: the account is active and still holds a leader's role. */
function leaderCanReceive(eb: ExpressionBuilder<DB & { l: DB['staff_account'] }, 'l'>) {
  return eb.and([
    eb('l.status', '=', 'active'),
    eb.exists(
      eb
        .selectFrom('staff_role as r')
        .select('r.staff_id')
        .whereRef('r.staff_id', '=', 'l.id')
        .where('r.role', 'in', LEADER_ROLES),
    ),
  ]);
}

function days(db: Db) {
  return db
    .selectFrom('reception_day as d')
    .innerJoin('staff_account as l', 'l.id', 'd.leader_id')
    .innerJoin('org_unit as u', 'u.id', 'd.unit_id')
    .select((eb) => [
      'd.id',
      'd.date',
      'd.place',
      'd.topics',
      'd.slots',
      'l.display_name as leader',
      'u.name as unit',
      'd.cancel_reason',
      'd.version',
      'd.changed_at',
      'd.change_reason',
      leaderCanReceive(eb).as('leader_active'),
    ]);
}
export type DayRow = Awaited<ReturnType<ReturnType<typeof days>['execute']>>[number];

/** Whether the day's leader can still receive (SQLite and MySQL answer a condition as 0 or 1). */
export function leaderActive(row: { leader_active: unknown }): boolean {
  return Number(row.leader_active) === 1;
}

/**
 * Days from a date on: for the public only those to take place (not cancelled, their leader can
 * still receive); for the desk every day of its subtree, the cancelled and leaderless among them.
 */
export async function upcomingDays(
  db: Db,
  from: string,
  scope: { public: true } | { unitPath: string },
): Promise<DayRow[]> {
  let q = days(db).where('d.date', '>=', from);
  q =
    'unitPath' in scope
      ? q.where(withinPath('u.path', scope.unitPath))
      : q.where('d.cancelled_at', 'is', null).where(leaderCanReceive);
  return q.orderBy('d.date').orderBy('d.id').limit(100).execute();
}

export async function findDays(db: Db, ids: readonly string[]): Promise<DayRow[]> {
  if (ids.length === 0) return [];
  return days(db)
    .where('d.id', 'in', [...ids])
    .execute();
}

/**
 * The unit a reception day is held by, its date, slots and version, and whether it was cancelled;
 * undefined when none.
 */
export async function findDayRef(db: Db, id: string) {
  return db
    .selectFrom('reception_day')
    .select(['unit_id', 'leader_id', 'date', 'place', 'topics', 'slots', 'version', 'cancelled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks a day cancelled, once: false when it already was. */
export async function cancelDay(
  trx: Transaction<DB>,
  id: string,
  by: { staffId: string; reason: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('reception_day')
    .set({ cancelled_at: by.at, cancelled_by: by.staffId, cancel_reason: by.reason })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every active booking of a cancelled day; the bookings ended, for telling their people. */
export async function cancelDayBookings(trx: Transaction<DB>, dayId: string, at: string) {
  const rows = await trx
    .selectFrom('reception_booking')
    .select(['id', 'petitioner_id'])
    .where('reception_day_id', '=', dayId)
    .where('status', '=', 'active')
    .execute();
  if (rows.length === 0) return rows;
  await trx
    .updateTable('reception_booking')
    .set({ status: 'cancelled', active_key: null, updated_at: at })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'active')
    .execute();
  return rows;
}

/**
 * Active bookings of days from a date on (the day's date, place, slots and whether its leader
 * can still receive), for the reminders: a reminder the day before, or word that it will not
 * take place.
 */
export async function activeBookingsFrom(db: Db, from: string) {
  return db
    .selectFrom('reception_booking as b')
    .innerJoin('reception_day as d', 'd.id', 'b.reception_day_id')
    .innerJoin('staff_account as l', 'l.id', 'd.leader_id')
    .select((eb) => [
      'b.id',
      'b.petitioner_id',
      'b.slot',
      'd.date',
      'd.place',
      'd.slots',
      leaderCanReceive(eb).as('leader_active'),
    ])
    .where('b.status', '=', 'active')
    .where('d.date', '>=', from)
    .execute();
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

export async function bookingsOf(db: Db, by: { petitionerId?: string; id?: string }) {
  let q = db.selectFrom('reception_booking').selectAll();
  if (by.petitionerId) q = q.where('petitioner_id', '=', by.petitionerId);
  if (by.id) q = q.where('id', '=', by.id);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(50).execute();
}

/**
 * Rows past the day's places a desk list still shows, newest first: those cancelled or not come
 * (one person cancelling and booking again must never push the people coming off the list).
 */
const ENDED_SHOWN = 100;

/**
 * A day's bookings for the desk: every one that holds a place (at most the day's places), by slot
 * and in the order booked, then the latest of the others.
 */
export async function bookingsOfDay(db: Db, dayId: string) {
  const ofDay = db.selectFrom('reception_booking').selectAll().where('reception_day_id', '=', dayId);
  const holding = await ofDay
    .where('status', 'in', [...HOLDING])
    .orderBy('slot')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ended = await ofDay
    .where('status', 'not in', [...HOLDING])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(ENDED_SHOWN)
    .execute();
  return [...holding, ...ended];
}

/**
 * Active bookings of days before a date that still hold their person (`active_key`): nothing was
 * recorded for them on the day, and they must not stop the person booking another day.
 */
export async function pastHolds(db: Db, before: string) {
  return db
    .selectFrom('reception_booking as b')
    .innerJoin('reception_day as d', 'd.id', 'b.reception_day_id')
    .select(['b.id', 'b.reception_day_id'])
    .where('b.status', '=', 'active')
    .where('b.active_key', 'is not', null)
    .where('d.date', '<', before)
    .execute();
}

/** Lets the person of a booking whose day is over book again; the booking stays unrecorded. */
export async function releaseHold(trx: Transaction<DB>, id: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('reception_booking')
    .set({ active_key: null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('active_key', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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

/**
 * Writes a changed day over the version the desk read: false when it was changed or cancelled
 * meanwhile.
 */
export async function changeDay(
  trx: Transaction<DB>,
  id: string,
  version: number,
  day: Pick<ReceptionDayTable, 'leader_id' | 'unit_id' | 'date' | 'place' | 'topics' | 'slots'> & {
    staffId: string;
    reason: string;
    at: string;
  },
): Promise<boolean> {
  const { staffId, reason, at, ...fields } = day;
  const result = await trx
    .updateTable('reception_day')
    .set({
      ...fields,
      version: version + 1,
      changed_at: at,
      changed_by: staffId,
      change_reason: reason,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A day's active bookings, earliest first: the order in which they keep their places. */
export async function activeBookingsOfDay(trx: Transaction<DB>, dayId: string) {
  return trx
    .selectFrom('reception_booking')
    .select(['id', 'petitioner_id', 'slot', 'created_at'])
    .where('reception_day_id', '=', dayId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Ends the bookings a changed day could not keep. */
export async function dropBookings(trx: Transaction<DB>, ids: readonly string[], at: string) {
  if (ids.length === 0) return;
  await trx
    .updateTable('reception_booking')
    .set({ status: 'cancelled', active_key: null, updated_at: at, dropped_at: at })
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
}

/**
 * Keeps the times its bookings had (the slot as it was before the day changed) on the bookings of
 * a slot that do not follow the change (all but `following`): those ended now or before, whose
 * slot number may now stand for another time.
 */
export async function keepBookedTimes(
  trx: Transaction<DB>,
  dayId: string,
  slot: number,
  times: { from: string; to: string },
  following: readonly string[],
) {
  let q = trx
    .updateTable('reception_booking')
    .set({ slot_from: times.from, slot_to: times.to })
    .where('reception_day_id', '=', dayId)
    .where('slot', '=', slot)
    .where('slot_from', 'is', null);
  if (following.length > 0) q = q.where('id', 'not in', [...following]);
  await q.execute();
}

/** Moves the bookings that followed a changed day to the slot they now hold. */
export async function moveBookings(trx: Transaction<DB>, ids: readonly string[], slot: number, at: string) {
  if (ids.length === 0) return;
  await trx
    .updateTable('reception_booking')
    .set({ slot, updated_at: at })
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
}

/**
 * Marks the bookings a change moved as waiting for their people's answer (a move since the last
 * answer asks again); they keep holding their places.
 */
export async function markMoved(trx: Transaction<DB>, ids: readonly string[], at: string) {
  if (ids.length === 0) return;
  await trx
    .updateTable('reception_booking')
    .set({ moved_at: at, confirmed_at: null })
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
}

/** The person comes at the time a change moved them to: false when no move was waiting. */
export async function confirmMoved(trx: Transaction<DB>, id: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('reception_booking')
    .set({ moved_at: null, confirmed_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('moved_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The encrypted phone and the name of the people who booked, for the desk to call them. */
export async function contactsOf(db: Db, petitionerIds: readonly string[]) {
  if (petitionerIds.length === 0) return [];
  return db
    .selectFrom('petitioner_account')
    .select(['id', 'real_name', 'phone_cipher'])
    .where('id', 'in', [...petitionerIds])
    .execute();
}
