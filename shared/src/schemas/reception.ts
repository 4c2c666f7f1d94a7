import { type Static, Type } from 'typebox';
import { ID_MAX } from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { StringEnum } from './string-enum';

/**
 * Leaders' reception days (领导接访日, Art 18): published days with their place, topics and time
 * slots, which anyone may read; a petitioner books one slot (one active booking at a time) and may
 * cancel it; the desk records whether the person came.
 */
const DateSchema = CalendarDateSchema({ examples: ['2026-12-10'] });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:00'] });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const ReceptionSlotSchema = Type.Object({
  from: Time,
  to: Time,
  capacity: Type.Integer({ minimum: 1, maximum: 50 }),
});

export const ReceptionSlotViewSchema = Type.Object({
  index: Type.Integer(),
  from: Time,
  to: Time,
  /** Places in all, as published (the desk starts a change from them). */
  capacity: Type.Integer(),
  /** Places still free. */
  left: Type.Integer(),
  /** The slot is over (Beijing time): nobody can book it or come to it any more. */
  ended: Type.Boolean(),
});

export const ReceptionDaySchema = Type.Object({
  id: Type.String(),
  date: DateSchema,
  /** The leader receiving: a name and the unit, as published. */
  leader: Type.String(),
  unit: Type.String(),
  place: Type.String(),
  topics: Type.String(),
  slots: Type.Array(ReceptionSlotViewSchema),
  /**
   * False once the leader's account is disabled or no longer holds a leader's role: the day is
   * not listed to the public and takes no booking; the desk and those who booked see it flagged.
   */
  leaderActive: Type.Boolean(),
  /**
   * Why the desk cancelled the day, once it did: it is not listed to the public and takes no
   * booking, and those who had booked were told; null while the day is to take place.
   */
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  /** Sent back with a change: a change made meanwhile refuses the stale one. */
  version: Type.Integer(),
  /**
   * When and why the desk last changed the day (its date, times, place or leader), so those who
   * booked see that it moved; null when it is as first published.
   */
  changedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  changeReason: Type.Union([Type.String(), Type.Null()]),
});
export type ReceptionDay = Static<typeof ReceptionDaySchema>;

export const ReceptionDayListSchema = Type.Object({ items: Type.Array(ReceptionDaySchema) });
export type ReceptionDayList = Static<typeof ReceptionDayListSchema>;

export const NewReceptionDaySchema = Type.Object({
  leaderId: Type.String({ minLength: 1, maxLength: ID_MAX }),
  date: DateSchema,
  place: Text(200),
  topics: Text(500),
  slots: Type.Array(ReceptionSlotSchema, { minItems: 1, maxItems: 24 }),
});
export type NewReceptionDay = Static<typeof NewReceptionDaySchema>;

/** The desk cancels a published day, with a reason its petitioners are told in plain words. */
export const CancelReceptionDaySchema = Type.Object({ reason: Text(200) });
export type CancelReceptionDay = Static<typeof CancelReceptionDaySchema>;

/**
 * The desk changes a day still to come (改期/调整): the day as it is to be — its leader kept when
 * none is named — the version it last read, and a reason those who booked are told. A booking
 * keeps its time where the changed day still holds it, else moves to the nearest slot with places.
 */
export const ChangeReceptionDaySchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Text(200),
  leaderId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
  date: DateSchema,
  place: Text(200),
  topics: Text(500),
  slots: Type.Array(ReceptionSlotSchema, { minItems: 1, maxItems: 24 }),
});
export type ChangeReceptionDay = Static<typeof ChangeReceptionDaySchema>;

/** `received`: the leader received the person, and the visit was registered as a case. */
export const BOOKING_STATUSES = ['active', 'cancelled', 'attended', 'no_show', 'received'] as const;

export const NewBookingSchema = Type.Object({
  slot: Type.Integer({ minimum: 0, maximum: 23 }),
  /**
   * The day's version the person read: the slot's time, the date, the place and the leader are
   * those of that version, so a day the desk changed meanwhile refuses the booking (409) rather
   * than booking whatever is at that position now.
   */
  version: Type.Integer({ minimum: 1 }),
  /** What the person wants to talk about, in a sentence. */
  topic: Text(500),
});
export type NewBooking = Static<typeof NewBookingSchema>;

export const BookingSchema = Type.Object({
  id: Type.String(),
  day: ReceptionDaySchema,
  slot: Type.Integer(),
  from: Time,
  to: Time,
  topic: Type.String(),
  status: StringEnum(BOOKING_STATUSES),
  /** The case the visit was registered as, once received. */
  petitionId: Type.Union([Type.String(), Type.Null()]),
  petitionNumber: Type.Union([Type.String(), Type.Null()]),
  /**
   * The desk changed the day and the booking could not be kept (no slot of the changed day had a
   * place left: earlier bookings took them): it ended, not by the person.
   */
  notKept: Type.Boolean(),
  /**
   * The desk changed the day and moved this booking to another date, time, place or leader, and
   * the person has not yet said whether they still come (「按新时间来」 or 「不来了」). It still
   * holds its place: the person may simply come.
   */
  awaitingAnswer: Type.Boolean(),
  /** The person said they come at the time the last change moved them to. */
  confirmed: Type.Boolean(),
  /**
   * The day is over and the desk recorded nothing for this booking (came, not come, a visit): it
   * no longer holds the person, who may book another day (已过期). The desk may still record it.
   */
  expired: Type.Boolean(),
  /**
   * For the desk only: from the day itself, on every booking holding a place, who it is, to tell
   * the person at the door from the others of the slot; before the day, only on a booking awaiting
   * an answer, who to call. The phone is masked; each read is audited.
   */
  contact: Type.Optional(
    Type.Object({
      realName: Type.Union([Type.String(), Type.Null()]),
      phone: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Booking = Static<typeof BookingSchema>;

/**
 * A person's answer to a booking a change moved: they come at the new time, or not (the booking
 * is cancelled and its place freed). With the day's version the page read: a day changed again
 * since refuses the answer (409), and the page shows the new time.
 */
export const MoveAnswerSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  come: Type.Boolean(),
});
export type MoveAnswer = Static<typeof MoveAnswerSchema>;

export const BookingListSchema = Type.Object({ items: Type.Array(BookingSchema) });
export type BookingList = Static<typeof BookingListSchema>;

export const AttendanceSchema = Type.Object({ attended: Type.Boolean() });
