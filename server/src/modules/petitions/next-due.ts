import {
  type Calendar,
  isPaused,
  nextDueAmong,
  type OpenClock,
  runningClocksOf,
} from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';

/** Far-future stand-in for "no deadline running", so that lists sort such petitions last. */
export const NO_DUE = '9999-12-31T23:59:59.999Z';

/** The due instant of the petition's first running statutory deadline, for sorting inboxes. */
export function nextDueAt(petition: Petition, calendar: Calendar, now: Date): string {
  return nextDeadlineAmong(runningClocksOf(petition), calendar, now);
}

/**
 * `nextDueAt` from the clocks still running (`runningClocksOf`), when they are at hand. A deadline
 * paused for its hearing (Art 36, `isPaused`) counts no time, so it is no one's next date: the
 * column the lists sort, filter (overdue, 即将到期) and tally by holds the next deadline still
 * counting, or NO_DUE — never a date that moves each day the hearing is awaited.
 */
export function nextDeadlineAmong(running: readonly OpenClock[], calendar: Calendar, now: Date): string {
  const next = nextDueAmong(running, calendar, now.toISOString(), (clock) => clock.kind === 'deadline');
  return next === null || isPaused(next) ? NO_DUE : next.due;
}
