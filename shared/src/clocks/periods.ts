import type { Calendar } from './calendar';
import {
  beijingDayNumber,
  type DateString,
  dateOfDayNumber,
  dayNumber,
  type Instant,
  yearOfDayNumber,
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
  const due = dueDayOf(beijingDayNumber(start), period, calendar, extraDays);
  return { date: dateOfDayNumber(due.day), calendarComplete: due.calendarComplete };
}

/**
 * The same in day numbers (`dayNumber`), for counting many clocks: a list counts one per line, and
 * writing each intermediate date out and parsing it back was most of that count's time.
 */
export function dueDayOf(
  startDay: number,
  period: Period,
  calendar: Calendar,
  extraDays = 0,
): { day: number; calendarComplete: boolean } {
  const day =
    period.unit === 'days'
      ? nextWorkingDayNumber(startDay + period.length + extraDays, calendar)
      : addWorkingDayNumbers(startDay + extraDays, period.length, calendar);
  return { day, calendarComplete: coversRange(startDay, day, calendar) };
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: DateString, calendar: Calendar): DateString {
  return dateOfDayNumber(nextWorkingDayNumber(dayNumber(date), calendar));
}

/** The `count`-th working day after `date` (not counting `date` itself). */
export function addWorkingDays(date: DateString, count: number, calendar: Calendar): DateString {
  return dateOfDayNumber(addWorkingDayNumbers(dayNumber(date), count, calendar));
}

function nextWorkingDayNumber(day: number, calendar: Calendar): number {
  let working = day;
  while (!calendar.isWorkingDayNumber(working)) working += 1;
  return working;
}

function addWorkingDayNumbers(day: number, count: number, calendar: Calendar): number {
  let working = day;
  for (let left = count; left > 0; ) {
    working += 1;
    if (calendar.isWorkingDayNumber(working)) left -= 1;
  }
  return working;
}

function coversRange(fromDay: number, toDay: number, calendar: Calendar): boolean {
  for (let year = yearOfDayNumber(fromDay); year <= yearOfDayNumber(toDay); year += 1) {
    if (!calendar.covers(year)) return false;
  }
  return true;
}
