import type { Booking, BookingList, NewBooking, ReceptionDayList } from '@xinfang/shared/schemas/reception';
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
