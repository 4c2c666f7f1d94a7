import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { SensitivePeriodView } from '@xinfang/shared/schemas/screening';
import { staffCopy } from '@/copy/staff';

/**
 * A sensitive period binds every unit of the group, so only a supervisor of the group itself (the
 * unit with none above it, as the server finds it) declares or withdraws one; the capability alone
 * is every supervisor's, a section's too, whom the server refuses.
 */
export function isTopUnit(units: readonly Pick<OrgUnit, 'id' | 'parentId'>[], unitId: string): boolean {
  return units.some((u) => u.id === unitId && u.parentId === null);
}

/** A period as the office's list shows it: withdrawn here, with the reason; or still withdrawable. */
export interface PeriodRow {
  period: SensitivePeriodView;
  withdrawal: string | null;
  withdrawable: boolean;
}

/**
 * One withdrawn before it began is left out of the list; one withdrawn under way ends that day and
 * carries the reason. A withdrawal just made on this page shows from the reason kept here
 * (`withdrawn`, by id) until the list is read again. One already over (`to` before `today`,
 * Beijing) is history.
 */
export function periodRows(
  periods: readonly SensitivePeriodView[],
  withdrawn: Readonly<Record<string, string>>,
  today: string,
): PeriodRow[] {
  return periods.map((period) => {
    const withdrawal = period.withdrawalReason ?? withdrawn[period.id] ?? null;
    return { period, withdrawal, withdrawable: withdrawal === null && period.to >= today };
  });
}

/** The reason is required (the server refuses a blank one); the words for its field, or null. */
export function withdrawalReasonProblem(reason: string): string | null {
  return reason.trim() === '' ? staffCopy.screening.sensitiveWithdrawReasonMissing : null;
}
