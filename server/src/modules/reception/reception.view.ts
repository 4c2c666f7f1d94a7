import { beijingDate, beijingTimeOfDay } from '@xinfang/shared/clocks';
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, ReceptionBookingTable } from '../../db/schema';
import type { SlotPlan } from './reception.change';
import { type DayRow, findDays, leaderActive, petitionNumbers, takenPlaces } from './reception.repository';

type Db = Kysely<DB> | Transaction<DB>;

/** The slots a day keeps, in the order the desk published them. */
export function slotsOf(day: { slots: string }): SlotPlan[] {
  return JSON.parse(day.slots) as SlotPlan[];
}

/** A slot of a day is over once its end has passed in Beijing (a day before today: all of them). */
export function slotEnded(date: string, slot: Pick<SlotPlan, 'to'>, now: Date): boolean {
  const today = beijingDate(now.toISOString());
  return date < today || (date === today && slot.to <= beijingTimeOfDay(now.toISOString()));
}

/** Days as anyone reads them: each slot with its places left and whether it is over. */
export async function dayViews(db: Db, rows: DayRow[], now: Date): Promise<ReceptionDay[]> {
  const taken = await takenPlaces(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    leader: r.leader,
    unit: r.unit,
    place: r.place,
    topics: r.topics,
    leaderActive: leaderActive(r),
    cancelReason: r.cancel_reason,
    version: r.version,
    changedAt: r.changed_at,
    changeReason: r.change_reason,
    slots: slotsOf(r).map((s, index) => ({
      index,
      from: s.from,
      to: s.to,
      capacity: s.capacity,
      left: Math.max(0, s.capacity - (taken.get(`${r.id}#${index}`) ?? 0)),
      ended: slotEnded(r.date, s, now),
    })),
  }));
}

/** One day as anyone reads it (it exists: the caller just wrote or found it). */
export async function dayView(db: Db, id: string, now: Date): Promise<ReceptionDay> {
  return (await dayViews(db, await findDays(db, [id]), now))[0] as ReceptionDay;
}

/** Bookings with their day, their times and the case a visit became. */
export async function bookingViews(
  db: Db,
  rows: Selectable<ReceptionBookingTable>[],
  now: Date,
): Promise<Booking[]> {
  const numbers = await petitionNumbers(
    db,
    rows.flatMap((r) => (r.petition_id ? [r.petition_id] : [])),
  );
  const days = new Map(
    (await dayViews(db, await findDays(db, [...new Set(rows.map((r) => r.reception_day_id))]), now)).map(
      (d) => [d.id, d],
    ),
  );
  const today = beijingDate(now.toISOString());
  return rows.flatMap((r) => {
    const day = days.get(r.reception_day_id);
    // A booking that did not follow a change of its day keeps the times it had.
    const slot = r.slot_from && r.slot_to ? { from: r.slot_from, to: r.slot_to } : day?.slots[r.slot];
    if (!day || !slot) return [];
    const expired = r.status === 'active' && day.date < today;
    return [
      {
        id: r.id,
        day,
        slot: r.slot,
        from: slot.from,
        to: slot.to,
        topic: r.topic,
        status: r.status,
        petitionId: r.petition_id,
        petitionNumber: r.petition_id ? (numbers.get(r.petition_id) ?? null) : null,
        notKept: r.dropped_at != null,
        // Once the day is over there is nothing left to ask the person.
        awaitingAnswer: r.status === 'active' && r.moved_at != null && !expired,
        confirmed: r.status === 'active' && r.moved_at == null && r.confirmed_at != null,
        expired,
        createdAt: r.created_at,
      },
    ];
  });
}
