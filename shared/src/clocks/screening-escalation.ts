import type { UnitRef } from '../lifecycle/units';
import type { Calendar } from './calendar';
import { beijingDate, type DateString, type Instant } from './dates';
import {
  DEFAULT_ESCALATION_POLICY,
  type EscalationPolicy,
  type EscalationRung,
  ladderOf,
} from './escalation';

/** What the ladder needs of a graded risk-screening item (矛盾纠纷排查): its deadline, state and unit. */
export interface ScreeningDeadline {
  deadline: DateString;
  status: 'open' | 'closed';
  /** The unit that registered it and must resolve it. */
  unit: UnitRef;
}

/**
 * The steps an open screening item has reached by `now` on the same ladder as a case's deadlines:
 * yellow to its unit before the deadline, red to the unit's head once the deadline day has ended,
 * and up one level every `upAfterWorkingDays` working days late. A closed item has none.
 */
export function screeningEscalationsOf(
  item: ScreeningDeadline,
  calendar: Calendar,
  now: Instant,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationRung[] {
  if (item.status === 'closed') return [];
  const today = beijingDate(now);
  return ladderOf(
    { dueDate: item.deadline, overdue: today > item.deadline },
    item.unit,
    today,
    calendar,
    policy,
  );
}
