import type { Clock } from './clock';
import { beijingDate, compareInstants, daysBetween, type Instant } from './dates';

/** Days before the due date from which a running clock counts as due soon. */
export const DUE_SOON_DAYS = 3;

/** `stopped`: ended by something other than what it waits for (a withdrawal, …): no verdict. */
export const CLOCK_STATUSES = ['running', 'due_soon', 'overdue', 'met', 'missed', 'stopped'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export function isRunning(clock: Clock): boolean {
  return clock.finishedAt === null;
}

/** Running and past the end of its due day. */
export function overdue(clock: Clock, now: Instant): boolean {
  return isRunning(clock) && compareInstants(now, clock.due) > 0;
}

/** Running, not overdue, and due within `days` calendar days of today (Beijing). */
export function dueSoon(clock: Clock, now: Instant, days = DUE_SOON_DAYS): boolean {
  return isRunning(clock) && !overdue(clock, now) && daysBetween(beijingDate(now), clock.dueDate) <= days;
}

export function clockStatus(clock: Clock, now: Instant, days = DUE_SOON_DAYS): ClockStatus {
  if (!isRunning(clock)) return clock.met === null ? 'stopped' : clock.met ? 'met' : 'missed';
  if (overdue(clock, now)) return 'overdue';
  return dueSoon(clock, now, days) ? 'due_soon' : 'running';
}

/**
 * The running clock due first, for sorting lists: by default staff deadlines only; pass
 * `['deadline', 'window']` to include the petitioner's windows (their next date to act).
 */
export function nextDue(
  clocks: readonly Clock[],
  kinds: readonly Clock['kind'][] = ['deadline'],
): Clock | null {
  let first: Clock | null = null;
  for (const clock of clocks) {
    if (!isRunning(clock) || !kinds.includes(clock.kind)) continue;
    if (first === null || compareInstants(clock.due, first.due) < 0) first = clock;
  }
  return first;
}
