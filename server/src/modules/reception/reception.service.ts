import { createMoveAnswers } from './reception.answer';
import { createReceptionBookings } from './reception.booking';
import { createDayChanges } from './reception.day-change';
import { createReceptionDays } from './reception.days';
import type { ReceptionServiceDeps } from './reception.deps';
import { createReceptionDesk } from './reception.desk';

export type { ReceptionServiceDeps } from './reception.deps';

/**
 * Leaders' reception days (Art 18), one part a file: the days as published and listed
 * (reception.days.ts), a petitioner's booking (reception.booking.ts), the desk on the day
 * (reception.desk.ts), a day cancelled or changed (reception.day-change.ts), and a moved person's
 * answer whether they still come (reception.answer.ts).
 */
export function createReceptionService(deps: ReceptionServiceDeps) {
  const days = createReceptionDays(deps);
  const bookings = createReceptionBookings(deps);
  const desk = createReceptionDesk(deps);
  const changes = createDayChanges(deps);
  const answers = createMoveAnswers(deps);
  return {
    upcoming: days.upcoming,
    upcomingForDesk: days.upcomingForDesk,
    publish: days.publish,
    change: changes.change,
    cancelDay: changes.cancel,
    book: bookings.book,
    mine: bookings.mine,
    cancel: bookings.end,
    answerMove: answers.answer,
    attend: desk.attend,
    receive: desk.receive,
    bookingsOfDay: desk.bookingsOfDay,
    phoneToAsk: desk.phoneToAsk,
  };
}
