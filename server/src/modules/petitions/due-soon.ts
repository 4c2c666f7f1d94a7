import {
  addWorkingDays,
  beijingDate,
  type Calendar,
  DUE_SOON_WORKING_DAYS,
  endOfBeijingDay,
} from '@xinfang/shared/clocks';

/**
 * 即将到期 in SQL, as `dueSoon` (shared/clocks/status.ts) says it of a clock and the yellow flag
 * warns of it: a nearest deadline (`petition.next_due_at`, the end of its Beijing due day) from
 * now to the end of the day `DUE_SOON_WORKING_DAYS` working days ahead — before a long holiday
 * that is more than a week of calendar days. A deadline paused for its hearing (Art 36) is never in
 * that column (next-due.ts), so a case waiting for one is due soon only by another deadline.
 */
export function dueSoonWindow(now: Date, calendar: Calendar): { from: string; to: string } {
  const at = now.toISOString();
  return { from: at, to: endOfBeijingDay(addWorkingDays(beijingDate(at), DUE_SOON_WORKING_DAYS, calendar)) };
}
