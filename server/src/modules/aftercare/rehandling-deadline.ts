import { addWorkingDays, beijingDate, type Calendar } from '@xinfang/shared/clocks';

/**
 * The day a unit head should decide whether to handle again, after an unsatisfied rating of a
 * suggestion or an accusation (which cannot be appealed): the working days the office set, counted
 * on the current calendar from the day of the rating (Beijing), as the statutory clocks are — so a
 * holiday year uploaded later, or a changed setting, moves the decisions still waiting.
 */
export function rehandlingDueDate(ratedAt: string, workingDays: number, calendar: Calendar): string {
  return addWorkingDays(beijingDate(ratedAt), workingDays, calendar);
}
