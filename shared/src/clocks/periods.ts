import type { Calendar } from './calendar';
import {
  addDays,
  beijingDate,
  type DateString,
  dateOfDayNumber,
  dayNumber,
  type Instant,
  yearOf,
} from './dates';

/**
 * Counting a statutory period (民法典 Art 201–203, which the 条例's periods follow): a period in
 * days starts on the day after the event, and if its last day is a rest day it ends on the next
 * working day; a period in working days counts working days only (信访工作条例 Art 23 ¶3).
 */
export type Period = { length: number; unit: 'days' | 'working_days' };

export interface DueDay {
  date: DateString;
  /** False when a day the count passed through lies in a year without an official schedule. */
  calendarComplete: boolean;
}

/** The due date of `period` counted from the day of `start`, plus `extraDays` not counted (pauses). */
export function dueDateOf(start: Instant, period: Period, calendar: Calendar, extraDays = 0): DueDay {
  const startDate = beijingDate(start);
  const due =
    period.unit === 'days'
      ? nextWorkingDay(addDays(startDate, period.length + extraDays), calendar)
      : addWorkingDays(addDays(startDate, extraDays), period.length, calendar);
  return { date: due, calendarComplete: coversRange(startDate, due, calendar) };
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: DateString, calendar: Calendar): DateString {
  let day = dayNumber(date);
  while (!calendar.isWorkingDayNumber(day)) day += 1;
  return dateOfDayNumber(day);
}

/** The `count`-th working day after `date` (not counting `date` itself). */
export function addWorkingDays(date: DateString, count: number, calendar: Calendar): DateString {
  let day = dayNumber(date);
  for (let left = count; left > 0; ) {
    day += 1;
    if (calendar.isWorkingDayNumber(day)) left -= 1;
  }
  return dateOfDayNumber(day);
}

function coversRange(from: DateString, to: DateString, calendar: Calendar): boolean {
  for (let year = yearOf(from); year <= yearOf(to); year += 1) {
    if (!calendar.covers(year)) return false;
  }
  return true;
}
