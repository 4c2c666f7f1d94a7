/**
 * The years the product counts days in: those the working-day calendar can hold an official
 * schedule for (an administrator uploads one for 2000–2100). A date, instant or period a request
 * names must fall in them. Earlier or later years are no real case's, and the day arithmetic was
 * never meant for them: a year below 1000 printed with fewer than four digits, and 同比 of year 0
 * is year −1, both a 500.
 */
export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2100;

/** The same years as a regular expression's source, for the schemas' patterns. */
export const CALENDAR_YEAR_PATTERN = '(?:20\\d\\d|2100)';

export function isCalendarYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR;
}
