import type { Calendar } from './calendar';
import type { Clock } from './clock';
import { beijingDate, compareInstants, type DateString, daysBetween, type Instant } from './dates';
import { addWorkingDays } from './periods';

/**
 * Working days before the due day from which a running deadline is due soon: the window of the
 * yellow flag (escalation.ts), so that an inbox never calls a case calm while its unit is warned.
 */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * `paused`: running, but stopped while a hearing is held (Art 36): neither due soon nor overdue.
 * `stopped`: ended by something other than what it waits for (a withdrawal, …): no verdict.
 */
export const CLOCK_STATUSES = [
  'running',
  'due_soon',
  'overdue',
  'met',
  'missed',
  'stopped',
  'paused',
] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export function isRunning(clock: Clock): boolean {
  return clock.finishedAt === null;
}

/** Running, its last pause not ended: the re-examination waiting for its hearing (Art 36). */
export function isPaused(clock: Pick<Clock, 'finishedAt' | 'paused'>): boolean {
  return clock.finishedAt === null && clock.paused.at(-1)?.to === null;
}

/** Whole Beijing days since the running pause began (0 on its first day); null if not paused. */
export function pausedDays(clock: Pick<Clock, 'finishedAt' | 'paused'>, now: Instant): number | null {
  const pause = clock.paused.at(-1);
  if (!pause || !isPaused(clock)) return null;
  return Math.max(0, daysBetween(beijingDate(pause.from), beijingDate(now)));
}

/** Running and past the end of its due day. */
export function overdue(clock: Clock, now: Instant): boolean {
  return isRunning(clock) && compareInstants(now, clock.due) > 0;
}

/**
 * Whether a due day lies within `workingDays` working days after `today` (or before it): the one
 * window in which a deadline is due soon, for the inbox and for the yellow flag alike.
 */
export function withinWorkingDays(
  dueDate: DateString,
  today: DateString,
  calendar: Calendar,
  workingDays = DUE_SOON_WORKING_DAYS,
): boolean {
  return dueDate <= addWorkingDays(today, workingDays, calendar);
}

/** Running, not paused, not overdue, and due within `workingDays` working days of today. */
export function dueSoon(
  clock: Clock,
  now: Instant,
  calendar: Calendar,
  workingDays = DUE_SOON_WORKING_DAYS,
): boolean {
  return (
    isRunning(clock) &&
    !isPaused(clock) &&
    !overdue(clock, now) &&
    withinWorkingDays(clock.dueDate, beijingDate(now), calendar, workingDays)
  );
}

/** A paused clock says so before anything else: its due date moves a day each day it waits. */
export function clockStatus(clock: Clock, now: Instant, calendar: Calendar): ClockStatus {
  if (!isRunning(clock)) return clock.met === null ? 'stopped' : clock.met ? 'met' : 'missed';
  if (isPaused(clock)) return 'paused';
  if (overdue(clock, now)) return 'overdue';
  return dueSoon(clock, now, calendar) ? 'due_soon' : 'running';
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
