import type { Booking } from '@xinfang/shared/schemas/reception';
import { copy } from '@/copy/zh-CN';

const text = copy.reception;

/**
 * What a booking says of a change of its day (改期/调整): it followed the day, or — ended when the
 * day changed, not by the person — it could not be kept. Null when the day was not changed, or
 * the booking ended otherwise (cancelled by the person before, received…) or its day is over.
 */
export function bookingChangeNote(b: Booking): string | null {
  const reason = b.day.changeReason;
  if (reason === null || b.day.cancelReason !== null) return null;
  if (b.notKept) return text.bookingNotKept(reason);
  if (b.status !== 'active' || b.expired) return null;
  // Moved and not yet answered: the question below says the rest (MovedAnswer).
  return b.awaitingAnswer ? text.bookingMoved(reason) : text.bookingChanged(reason);
}
