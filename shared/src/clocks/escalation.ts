import type { Petition } from '../lifecycle/petition';
import type { UnitRef } from '../lifecycle/units';
import type { Calendar } from './calendar';
import type { Clock } from './clock';
import { addDays, beijingDate, type DateString, type Instant } from './dates';
import type { ClockName } from './definitions';
import { DUE_SOON_WORKING_DAYS, isPaused, overdue, withinWorkingDays } from './status';

/**
 * Automatic escalation of a staff deadline (信访工作条例 Art 38–40: supervision of delay). Each
 * running deadline climbs a ladder of levels, each reached once:
 * - level 0, yellow: due within `dueSoonWorkingDays` working days — a flag for the holder;
 * - level 1, red: overdue — raised to the holder unit's head;
 * - level n ≥ 2, red: overdue by (n − 1) × `upAfterWorkingDays` working days — raised n − 1 levels
 *   above the holder unit, up to the root.
 * A pure function of the petition, its clocks, the calendar and now: the server records each step
 * the first time it sees it, one record per clock run, level and due date. Red levels are never
 * raised twice in a run; a yellow is raised again when the step's `dueDate` is later than any
 * recorded with it (an approved extension moved the deadline, Art 34), so the new date is warned of.
 * A stopped clock (a pause still running: the re-examination waiting for its hearing, Art 36)
 * neither warns nor climbs: its due date moves a day each day, nothing is due and nobody is late.
 */
export interface EscalationPolicy {
  /** Working days before the due day from which a deadline is flagged yellow. */
  dueSoonWorkingDays: number;
  /** Working days overdue after which a red flag climbs one more level. */
  upAfterWorkingDays: number;
}

/** The yellow flag's window is the inbox's 即将到期 (status.ts): one number for both. */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  dueSoonWorkingDays: DUE_SOON_WORKING_DAYS,
  upAfterWorkingDays: 5,
};

export type EscalationFlag = 'yellow' | 'red';

export interface EscalationStep {
  /** `clock:ref:start` — one running clock, however its due date moves. */
  clockKey: string;
  clock: ClockName;
  dueDate: DateString;
  level: number;
  flag: EscalationFlag;
  /** Who is told: the holder unit (levels 0 and 1), or the unit `level − 1` above it. */
  unit: UnitRef;
}

/** The key of one run of a clock: its name, the supervision notice's number, and its start. */
export function clockKey(clock: Pick<Clock, 'name' | 'ref' | 'start'>): string {
  return `${clock.name}:${clock.ref ?? ''}:${clock.start}`;
}

/** The unit that must meet a deadline: reception's for triage, the supervised unit's, else the handler's. */
export function deadlineHolder(petition: Petition, clock: Pick<Clock, 'name' | 'ref'>): UnitRef {
  if (clock.name === 'triage' || clock.name === 'notice') return petition.units.receiving;
  if (clock.name === 'supervision_answer') {
    const notice = petition.events.findLast(
      (e) => e.type === 'supervision_issued' && e.data.no === clock.ref,
    );
    if (notice?.type === 'supervision_issued') return notice.data.unit;
  }
  return petition.units.handling ?? petition.units.receiving;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: DateString, to: DateString, calendar: Calendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
    if (calendar.isWorkingDay(day)) count += 1;
  return count;
}

/** One rung of the ladder a running deadline has reached: its level, flag, and the unit told. */
export interface EscalationRung {
  level: number;
  flag: EscalationFlag;
  unit: UnitRef;
}

/**
 * The rungs a running deadline due on `dueDate` and held by `holder` has reached on `today`:
 * yellow within `dueSoonWorkingDays` working days, red once `overdue`, one level higher every
 * `upAfterWorkingDays` working days late, up to the root. Shared by cases and screening items.
 */
export function ladderOf(
  deadline: { dueDate: DateString; overdue: boolean },
  holder: UnitRef,
  today: DateString,
  calendar: Calendar,
  policy: EscalationPolicy,
): EscalationRung[] {
  if (!deadline.overdue)
    return withinWorkingDays(deadline.dueDate, today, calendar, policy.dueSoonWorkingDays)
      ? [{ level: 0, flag: 'yellow', unit: holder }]
      : [];
  const rungs: EscalationRung[] = [{ level: 1, flag: 'red', unit: holder }];
  const late = workingDaysAfter(deadline.dueDate, today, calendar);
  const climbs = Math.min(Math.floor(late / policy.upAfterWorkingDays), holder.path.length - 1);
  for (let up = 1; up <= climbs; up += 1) {
    const path = holder.path.slice(0, holder.path.length - up);
    rungs.push({ level: up + 1, flag: 'red', unit: { id: path.at(-1) as string, path } });
  }
  return rungs;
}

/** Every step the petition's running deadlines not paused (`isPaused`) have reached by `now`. */
export function escalationsOf(
  petition: Petition,
  clocks: readonly Clock[],
  calendar: Calendar,
  now: Instant,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationStep[] {
  const today = beijingDate(now);
  return clocks.flatMap((clock) =>
    clock.kind !== 'deadline' || clock.finishedAt !== null || isPaused(clock)
      ? []
      : ladderOf(
          { dueDate: clock.dueDate, overdue: overdue(clock, now) },
          deadlineHolder(petition, clock),
          today,
          calendar,
          policy,
        ).map((rung) => ({ clockKey: clockKey(clock), clock: clock.name, dueDate: clock.dueDate, ...rung })),
  );
}
