import type { Calendar } from './calendar';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from './calendar-years';
import { addDays, type DateString, dateOfDayNumber, dayNumber, dayOfWeek, weekdayOf, yearOf } from './dates';

/** A day whose kind a new calendar year changes: a weekday off, or a weekend worked (调休). */
export interface CalendarChange {
  date: DateString;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Whether the day is a working day under the new calendar (it was the opposite). */
  working: boolean;
  /** The holiday the day belongs to under the new calendar, if any. */
  holiday: string | null;
}

/** Every day of `year` that is a working day under one calendar and a rest day under the other. */
export function calendarChanges(before: Calendar, after: Calendar, year: number): CalendarChange[] {
  const changes: CalendarChange[] = [];
  for (let day = `${year}-01-01`; yearOf(day) === year; day = addDays(day, 1)) {
    const working = after.isWorkingDay(day);
    if (working !== before.isWorkingDay(day))
      changes.push({ date: day, weekday: dayOfWeek(day), working, holiday: after.holidayName(day) });
  }
  return changes;
}

/** The month from which next year's schedule is awaited: the State Council announces it in autumn. */
export const NEXT_YEAR_AWAITED_FROM_MONTH = 11;

/**
 * The year whose official schedule the calendar lacks and should have by `today`: this year at
 * any time (its clocks are counted on weekends only), next year from November. Null when none.
 */
export function missingCalendarYear(calendar: Calendar, today: DateString): number | null {
  const year = yearOf(today);
  if (!calendar.covers(year)) return year;
  const month = Number(today.slice(5, 7));
  return month >= NEXT_YEAR_AWAITED_FROM_MONTH && !calendar.covers(year + 1) ? year + 1 : null;
}

/**
 * What a calendar makes of each year (2000–2100) whose days are not simply weekdays worked and
 * weekends off: the days that break that rule, as `MMDD` for a weekday off and `+MMDD` for a
 * weekend worked, in order. Two calendars count every period alike exactly where these agree; the
 * server keeps them to know which years its stored due dates and figures were counted with.
 */
export function calendarExceptions(calendar: Calendar): Map<number, string> {
  const years = new Map<number, string>();
  for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year += 1) {
    const days: string[] = [];
    const last = dayNumber(`${year}-12-31`);
    for (let day = dayNumber(`${year}-01-01`); day <= last; day += 1) {
      const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
      if (calendar.isWorkingDayNumber(day) === weekend)
        days.push(`${weekend ? '+' : ''}${dateOfDayNumber(day).slice(5).replace('-', '')}`);
    }
    if (days.length > 0) years.set(year, days.join(' '));
  }
  return years;
}
