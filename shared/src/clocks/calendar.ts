import { type DateString, dayNumber, daysBetween, isDateString, weekdayOf, yearOf } from './dates';
import { OFFICIAL_CALENDAR_YEARS } from './official-calendar';
import { STATUTORY_HOLIDAY_YEARS, statutoryHolidayYear } from './statutory-holidays';

/**
 * The working-day calendar (民法典 Art 201–203 via 信访工作条例 Art 23 ¶3): weekends and public
 * holidays are rest days, except the make-up working days (调休) the State Council announces each
 * year. The schedule is data. A year without its notice rests on weekends and on the holidays the
 * law itself fixes (statutory-holidays.ts; weekends only past that table), with no make-up days,
 * and `covers(year)` says it has no notice, so a clock counted through it is flagged provisional.
 */
export interface CalendarYear {
  year: number;
  /** Holiday blocks as announced, both ends inclusive. */
  holidays: readonly { name: string; from: DateString; to: DateString }[];
  /** Weekend days that are working days (调休). */
  makeUpWorkdays: readonly DateString[];
}

export interface Calendar {
  /**
   * Years with an official schedule, ascending: a new array for every calendar made, so that what
   * was counted with one calendar can tell it from the next.
   */
  readonly years: readonly number[];
  /**
   * Whether the year has its official schedule (otherwise weekends and the statutory holidays are
   * its rest days, and no weekend is worked).
   */
  covers(year: number): boolean;
  isWorkingDay(date: DateString): boolean;
  /** The same for a day number (`dayNumber`), for counting periods a day at a time. */
  isWorkingDayNumber(day: number): boolean;
  /** The holiday's name when the date is in an announced (without a notice, statutory) holiday. */
  holidayName(date: DateString): string | null;
}

/**
 * A calendar from the shipped official years plus `extraYears`; an extra year replaces a shipped
 * year of the same number, so a correction needs no release either.
 */
export function createCalendar(extraYears: readonly CalendarYear[] = []): Calendar {
  const byYear = new Map<number, CalendarYear>();
  for (const year of [...OFFICIAL_CALENDAR_YEARS, ...extraYears]) byYear.set(year.year, checkYear(year));
  // A year without its notice rests on the statutory holidays. They go first: where a notice's
  // block reaches into such a year (元旦 from 31 December), the notice names the day.
  const statutory = STATUTORY_HOLIDAY_YEARS.filter((year) => !byYear.has(year)).flatMap(
    (year) => statutoryHolidayYear(year) ?? [],
  );
  // By day number: periods are counted a day at a time (periods.ts).
  const holidays = new Map<number, string>();
  const makeUp = new Set<number>();
  for (const year of [...statutory, ...byYear.values()]) {
    for (const block of year.holidays) {
      const last = dayNumber(block.to);
      for (let day = dayNumber(block.from); day <= last; day += 1) holidays.set(day, block.name);
    }
    for (const day of year.makeUpWorkdays) makeUp.add(dayNumber(day));
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const isWorkingDayNumber = (day: number) => {
    if (makeUp.has(day)) return true;
    if (holidays.has(day)) return false;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  };
  return {
    years,
    covers: (year) => byYear.has(year),
    isWorkingDay: (date) => isWorkingDayNumber(dayNumber(date)),
    isWorkingDayNumber,
    holidayName: (date) => holidays.get(dayNumber(date)) ?? null,
  };
}

/**
 * One calendar object over whichever calendar `current` answers, so that holders of it count with
 * a new one at once (the server's, after an upload). Its `years` are the current calendar's.
 */
export function liveCalendar(current: () => Calendar): Calendar {
  return {
    get years() {
      return current().years;
    },
    covers: (year) => current().covers(year),
    isWorkingDay: (date) => current().isWorkingDay(date),
    isWorkingDayNumber: (day) => current().isWorkingDayNumber(day),
    holidayName: (date) => current().holidayName(date),
  };
}

/** The calendar with the official schedules shipped in this package. */
export const defaultCalendar: Calendar = createCalendar();

function checkYear(year: CalendarYear): CalendarYear {
  const inYear = (date: DateString) => isDateString(date) && yearOf(date) === year.year;
  for (const block of year.holidays) {
    const valid = isDateString(block.from) && isDateString(block.to);
    if (!valid || daysBetween(block.from, block.to) < 0 || !(inYear(block.from) || inYear(block.to))) {
      throw new RangeError(`calendar ${year.year}: bad holiday block ${block.from}..${block.to}`);
    }
  }
  for (const day of year.makeUpWorkdays) {
    if (!inYear(day)) throw new RangeError(`calendar ${year.year}: bad make-up working day ${day}`);
  }
  return year;
}
