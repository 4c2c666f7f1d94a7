import { beijingDate, beijingTimeOfDay } from '@xinfang/shared/clocks';
import type { Notice } from '../notifications/notifier';

/** A slot as a day keeps it. */
export interface SlotPlan {
  from: string;
  to: string;
  capacity: number;
}

/**
 * A day has begun once its first slot has started (Beijing time), or it is past: from then on
 * people are on their way or already received, and the day can no longer be changed.
 */
export function dayBegun(date: string, slots: readonly SlotPlan[], now: Date): boolean {
  const today = beijingDate(now.toISOString());
  if (date !== today) return date < today;
  const time = beijingTimeOfDay(now.toISOString());
  return slots.some((s) => s.from <= time);
}

/** Minutes from midnight of an `HH:MM` time. */
function minutes(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The slot with places whose start is nearest `from` (minutes); at equal distance the later. */
function nearestWithRoom(
  slots: readonly Pick<SlotPlan, 'from'>[],
  from: number,
  hasRoom: (index: number) => boolean,
): number | undefined {
  let best: { index: number; start: number } | undefined;
  for (const [index, slot] of slots.entries()) {
    const start = minutes(slot.from);
    if (!hasRoom(index)) continue;
    const nearer = best === undefined || Math.abs(start - from) < Math.abs(best.start - from);
    const asNearLater =
      best !== undefined && Math.abs(start - from) === Math.abs(best.start - from) && start > best.start;
    if (nearer || asNearLater) best = { index, start };
  }
  return best?.index;
}

/** A booking placed on the changed day: the index of the slot it now holds. */
export interface Placed<B> {
  booking: B;
  slot: number;
}

/**
 * Where the active bookings of a changed day go (`bookings` earliest first; their `slot` is the
 * index in `before`). A person booked a time, not a position on the desk's list, so a booking
 * follows its time:
 * 1. to a slot of the changed day with the same time (same start and end), then
 * 2. to one with the same start time;
 * 3. a booking whose time is gone, or whose slot has fewer places than were booked, goes to the
 *    nearest slot by start time that still has places (at equal distance the later one: the
 *    person can still come later than planned, maybe not earlier) — better a place with the
 *    leader at another time, told plainly, than none; the person may cancel it;
 * 4. only when no slot has a place left is it dropped (the notice says the places ran short).
 * Each step takes the bookings earliest first, and a later step never takes a place an earlier
 * one gave: first come, first kept, and a time still held is kept before anyone is moved to it.
 */
export function placeBookings<B extends { slot: number }>(
  bookings: readonly B[],
  before: readonly Pick<SlotPlan, 'from' | 'to'>[],
  after: readonly SlotPlan[],
): { kept: Placed<B>[]; dropped: B[] } {
  const taken = after.map(() => 0);
  const placed: (number | undefined)[] = bookings.map(() => undefined);
  const hasRoom = (index: number) => (taken[index] ?? 0) < (after[index]?.capacity ?? 0);
  const step = (pick: (was: Pick<SlotPlan, 'from' | 'to'>) => number | undefined) => {
    bookings.forEach((booking, order) => {
      const was = before[booking.slot];
      const slot = placed[order] === undefined && was ? pick(was) : undefined;
      if (slot === undefined) return;
      placed[order] = slot;
      taken[slot] = (taken[slot] ?? 0) + 1;
    });
  };
  const withRoom = (match: (s: SlotPlan) => boolean) => {
    const index = after.findIndex((s, i) => match(s) && hasRoom(i));
    return index < 0 ? undefined : index;
  };
  step((was) => withRoom((s) => s.from === was.from && s.to === was.to));
  step((was) => withRoom((s) => s.from === was.from));
  step((was) => nearestWithRoom(after, minutes(was.from), hasRoom));
  const kept: Placed<B>[] = [];
  const dropped: B[] = [];
  bookings.forEach((booking, order) => {
    const slot = placed[order];
    if (slot === undefined) dropped.push(booking);
    else kept.push({ booking, slot });
  });
  return { kept, dropped };
}

/**
 * What a changed day is for one booking: `leader`, the new leader's name when the leader changed
 * (a person booked to raise a matter with that leader, Art 18); `unchanged` when its date, time,
 * place and leader all stay (only the topics, or other slots, changed).
 */
export interface DayChange {
  was: string;
  date: string;
  place: string;
  reason: string;
  leader: string | null;
  unchanged: boolean;
}

/**
 * The notice a booked petitioner gets of a changed day: it followed, at the time it now holds
 * (`slot`: maybe another than booked), or it could not be kept (`slot`: the time it had).
 */
export function changeNotice(
  booking: { id: string; petitioner_id: string },
  change: DayChange,
  slot: Pick<SlotPlan, 'from' | 'to'> | undefined,
  kept: boolean,
  version: number,
  at: string,
): Notice {
  return {
    recipient: { type: 'petitioner', id: booking.petitioner_id },
    event: 'reception_day_changed',
    facts: {
      number: null,
      petitionId: null,
      at,
      date: change.date,
      text: change.reason,
      receptionChange: {
        was: change.was,
        from: slot?.from ?? '',
        to: slot?.to ?? '',
        place: change.place,
        kept,
        ...(change.leader === null ? {} : { leader: change.leader }),
        ...(change.unchanged ? { unchanged: true } : {}),
      },
    },
    // One notice per booking and change: a later change tells the person again.
    dedupeKey: `reception_day_changed:${booking.id}:${version}`,
  };
}

/** What a booking holds of its day: the date, the time, the place and the leader receiving. */
export interface Appointment {
  date: string;
  from: string;
  to: string;
  place: string;
  leaderId: string;
}

/**
 * Whether a change moved a booking it kept: its date, time, place or leader is not what it held.
 * A moved booking waits for the person to say whether they still come (they booked one time with
 * one leader, Art 18); one whose appointment stands (only the topics, or other slots, changed) is
 * not asked. The notice says 「改到…」 for exactly these.
 */
export function appointmentMoved(was: Appointment, now: Appointment): boolean {
  return (
    was.date !== now.date ||
    was.from !== now.from ||
    was.to !== now.to ||
    was.place !== now.place ||
    was.leaderId !== now.leaderId
  );
}

/** What a person's answer to a moved booking does. */
export type MoveAnswerOutcome = 'stale' | 'ended' | 'repeat' | 'apply';

/**
 * An answer (「按新时间来」 or 「不来了」) is to the day as the person read it: a day changed again
 * since is `stale` (409: they read the new time first). A booking no longer active is `ended`,
 * unless it is the same answer again — cancelled by the person, asked to cancel: a `repeat`, as is
 * a confirmation of a booking with no move waiting; both answer the booking as it is, once.
 */
export function moveAnswerOutcome(
  booking: { status: string; movedAt: string | null },
  dayVersion: number,
  seenVersion: number,
  come: boolean,
): MoveAnswerOutcome {
  if (dayVersion !== seenVersion) return 'stale';
  if (booking.status !== 'active') return !come && booking.status === 'cancelled' ? 'repeat' : 'ended';
  return come && booking.movedAt === null ? 'repeat' : 'apply';
}
