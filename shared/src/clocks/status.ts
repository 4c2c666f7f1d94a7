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

/**
 * Running, its last pause not ended and begun in time: the re-examination waiting for its hearing
 * (Art 36). One that began after the due day stops nothing (clocks-of.ts, `countPauses`): the
 * limit had run out, so the case is overdue while it waits, everywhere — badge, lists, counters,
 * the digest and the ladder — and a hearing scheduled late hides no lateness.
 */
export function isPaused(clock: Pick<Clock, 'finishedAt' | 'paused' | 'due'>): boolean {
  const pause = clock.paused.at(-1);
  return (
    clock.finishedAt === null &&
    pause !== undefined &&
    pause.to === null &&
    compareInstants(pause.from, clock.due) <= 0
  );
}

/** Whole Beijing days since the running pause began (0 on its first day); null if not paused. */
export function pausedDays(clock: Pick<Clock, 'finishedAt' | 'paused' | 'due'>, now: Instant): number | null {
  const pause = clock.paused.at(-1);
  if (!pause || !isPaused(clock)) return null;
  return Math.max(0, daysBetween(beijingDate(pause.from), beijingDate(now)));
}

/**
 * Running, not paused, and past the end of its due day. (A paused clock's date moves with each day
 * it waits, through rest days too: by the date alone it could read late on a Monday.)
 */
export function overdue(clock: Clock, now: Instant): boolean {
  return isRunning(clock) && !isPaused(clock) && compareInstants(now, clock.due) > 0;
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
 * `['deadline', 'window']` to include the petitioner's windows (their next date to act). A paused
 * clock comes after every clock still counting (`dueBefore`).
 */
export function nextDue(
  clocks: readonly Clock[],
  kinds: readonly Clock['kind'][] = ['deadline'],
): Clock | null {
  let first: Clock | null = null;
  for (const clock of clocks) {
    if (!isRunning(clock) || !kinds.includes(clock.kind)) continue;
    if (first === null || dueBefore(clock, first)) first = clock;
  }
  return first;
}

/**
 * Whether `a` comes before `b` among a petition's next dates: a clock stopped for its hearing (Art
 * 36, `isPaused`) owes nothing while it waits, so it comes after every clock still counting — a
 * list's line, its sort and its 即将到期 name the deadline that runs — and is named only when no
 * other runs. Otherwise the one due first.
 */
export function dueBefore(a: Clock, b: Clock): boolean {
  const paused = isPaused(a);
  return paused === isPaused(b) ? compareInstants(a.due, b.due) < 0 : !paused;
}
