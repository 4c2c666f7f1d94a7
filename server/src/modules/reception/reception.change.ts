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

/**
 * Where the active bookings of a changed day go. A booking keeps its slot by position (the first
 * slot's bookings stay with the new first slot); where the new slot has fewer places, the earliest
 * bookings keep theirs — first come, first kept — and the later ones, like those of a slot no
 * longer held, are dropped. `bookings` come earliest first.
 */
export function placeBookings<B extends { slot: number }>(
  bookings: readonly B[],
  slots: readonly Pick<SlotPlan, 'capacity'>[],
): { kept: B[]; dropped: B[] } {
  const taken = slots.map(() => 0);
  const kept: B[] = [];
  const dropped: B[] = [];
  for (const booking of bookings) {
    const capacity = slots[booking.slot]?.capacity ?? 0;
    if ((taken[booking.slot] ?? 0) < capacity) {
      taken[booking.slot] = (taken[booking.slot] ?? 0) + 1;
      kept.push(booking);
    } else dropped.push(booking);
  }
  return { kept, dropped };
}

/** The notice a booked petitioner gets of a changed day: it followed, or it could not be kept. */
export function changeNotice(
  booking: { id: string; petitioner_id: string; slot: number },
  change: { was: string; date: string; place: string; slots: readonly SlotPlan[]; reason: string },
  kept: boolean,
  version: number,
  at: string,
): Notice {
  const slot = change.slots[booking.slot];
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
      },
    },
    // One notice per booking and change: a later change tells the person again.
    dedupeKey: `reception_day_changed:${booking.id}:${version}`,
  };
}
