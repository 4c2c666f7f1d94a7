import { type Calendar, nextDueAmong, type OpenClock, runningClocksOf } from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';

/** Far-future stand-in for "no deadline running", so that lists sort such petitions last. */
export const NO_DUE = '9999-12-31T23:59:59.999Z';

/** The due instant of the petition's first running statutory deadline, for sorting inboxes. */
export function nextDueAt(petition: Petition, calendar: Calendar, now: Date): string {
  return nextDeadlineAmong(runningClocksOf(petition), calendar, now);
}

/** `nextDueAt` from the clocks still running (`runningClocksOf`), when they are at hand. */
export function nextDeadlineAmong(running: readonly OpenClock[], calendar: Calendar, now: Date): string {
  return (
    nextDueAmong(running, calendar, now.toISOString(), (clock) => clock.kind === 'deadline')?.due ?? NO_DUE
  );
}
