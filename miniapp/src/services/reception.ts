import type { SubmitPetitionBody, Submitted } from '@xinfang/shared/schemas/petitions';
import type {
  Booking,
  BookingList,
  CancelReceptionDay,
  MoveAnswer,
  NewBooking,
  NewReceptionDay,
  ReceptionDay,
  ReceptionDayList,
} from '@xinfang/shared/schemas/reception';
import { api } from './instance';

/** Leaders' reception days (Art 18): the published days, and a petitioner's own bookings. */

export function receptionDays(): Promise<ReceptionDayList> {
  return api.get<ReceptionDayList>('/api/reception-days', { auth: false });
}

/** Not retried automatically: the server refuses a second active booking anyway. */
export function bookSlot(dayId: string, body: NewBooking): Promise<Booking> {
  return api.post<Booking>(`/api/reception-days/${encodeURIComponent(dayId)}/bookings`, body, {
    retry: false,
  });
}

export function myBookings(): Promise<BookingList> {
  return api.get<BookingList>('/api/me/bookings');
}

export function cancelBooking(id: string): Promise<Booking> {
  return api.post<Booking>(`/api/me/bookings/${encodeURIComponent(id)}/cancel`, undefined, { retry: false });
}

/**
 * The answer to a booking a change moved: coming at the new time, or not (cancelled). The same
 * answer again answers the booking as it is, so a retry is safe; a day changed since is a 409.
 */
export function answerMovedBooking(id: string, body: MoveAnswer): Promise<Booking> {
  return api.post<Booking>(`/api/me/bookings/${encodeURIComponent(id)}/answer`, body);
}

/** The desk: the days of its subtree from today on, a day whose leader can no longer receive flagged. */
export function deskReceptionDays(): Promise<ReceptionDayList> {
  return api.get<ReceptionDayList>('/api/reception-days/desk');
}

/** The desk publishes a leader's day, once per key (a retry is answered with the first day). */
export function publishReceptionDay(body: NewReceptionDay, idempotencyKey: string): Promise<ReceptionDay> {
  return api.post<ReceptionDay>('/api/reception-days', body, { idempotencyKey });
}

/** The desk cancels a day with a reason; cancelling it again changes nothing, so it may be retried. */
export function cancelReceptionDay(dayId: string, body: CancelReceptionDay): Promise<ReceptionDay> {
  return api.post<ReceptionDay>(`/api/reception-days/${encodeURIComponent(dayId)}/cancel`, body);
}

/**
 * The desk: a day's bookings (slot, topic, status); the name and masked phone only of those a
 * change moved who have not answered (the server audits that read).
 */
export function dayBookings(dayId: string): Promise<BookingList> {
  return api.get<BookingList>(`/api/reception-days/${encodeURIComponent(dayId)}/bookings`);
}

/** The desk: the full phone of a person a change moved who has not answered (the server audits it). */
export function movedPersonPhone(dayId: string, bookingId: string): Promise<{ phone: string | null }> {
  return api.post<{ phone: string | null }>(
    `/api/reception-days/${encodeURIComponent(dayId)}/bookings/${encodeURIComponent(bookingId)}/phone`,
    undefined,
  );
}

/** The desk records whether the person came; not retried: it is recorded once. */
export function recordAttendance(dayId: string, bookingId: string, attended: boolean): Promise<Booking> {
  return api.post<Booking>(
    `/api/reception-days/${encodeURIComponent(dayId)}/bookings/${encodeURIComponent(bookingId)}/attendance`,
    { attended },
    { retry: false },
  );
}

/** The leader received the person: the visit registered from the booking, once per key. */
export function registerBookedVisit(
  dayId: string,
  bookingId: string,
  body: SubmitPetitionBody,
  idempotencyKey: string,
): Promise<Submitted> {
  return api.post<Submitted>(
    `/api/reception-days/${encodeURIComponent(dayId)}/bookings/${encodeURIComponent(bookingId)}/visit`,
    body,
    { idempotencyKey },
  );
}
