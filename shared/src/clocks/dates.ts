/**
 * Instants and China calendar days. Instants are ISO-8601 UTC strings; a day is a Beijing date
 * (`YYYY-MM-DD`, fixed +08:00, no DST), because the statute's days are the days of the place where
 * the petition is handled (民法典 Art 201–203 count whole days).
 */

/** An ISO-8601 UTC instant, e.g. `2026-10-01T02:00:00.000Z`. */
export type Instant = string;
/** A Beijing calendar date, `YYYY-MM-DD`. */
export type DateString = string;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** 400 Gregorian years, and the day 0000-03-01 counts from to 1970-01-01. */
const DAYS_PER_ERA = 146_097;
const EPOCH_DAY = 719_468;
// Hours 00–23 and seconds 00–59, like the API's schemas: no 24:00, no leap second.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isInstant(value: unknown): value is Instant {
  return typeof value === 'string' && INSTANT_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

export function isDateString(value: unknown): value is DateString {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const parsed = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return parsed.toISOString().slice(0, 10) === value;
}

/** The Beijing date on which an instant falls. */
export function beijingDate(instant: Instant): DateString {
  return dateOfDayNumber(beijingDayNumber(instant));
}

/** The Beijing wall-clock time of an instant, `HH:MM`. */
export function beijingTimeOfDay(instant: Instant): string {
  return new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(11, 16);
}

/**
 * The day number (`dayNumber`) of the Beijing date on which an instant falls. An instant in
 * `toISOString`'s own form is read by its digits — its UTC date, or the next one from 16:00 UTC
 * (midnight in Beijing) — as a list counts a clock per line; any other form is parsed.
 */
export function beijingDayNumber(instant: Instant): number {
  if (isCanonical(instant)) {
    const day = civilDayNumber(digits(instant, 0, 4), digits(instant, 5, 2), digits(instant, 8, 2));
    return digits(instant, 11, 2) >= 16 ? day + 1 : day;
  }
  return Math.floor((Date.parse(instant) + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The last instant of a Beijing day (23:59:59.999 +08:00), as a UTC instant. */
export function endOfBeijingDay(date: DateString): Instant {
  return endOfBeijingDayNumber(dayNumber(date));
}

/** The same for a day number: 15:59:59.999 UTC on that date. */
export function endOfBeijingDayNumber(day: number): Instant {
  return `${dateOfDayNumber(day)}T15:59:59.999Z`;
}

/** The first instant of a Beijing day (00:00 +08:00), as a UTC instant. */
export function startOfBeijingDay(date: DateString): Instant {
  return new Date(dateToUtcMs(date) - BEIJING_OFFSET_MS).toISOString();
}

export function addDays(date: DateString, days: number): DateString {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateString, to: DateString): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: DateString): number {
  return weekdayOf(dayNumber(date));
}

/** 0 = Sunday … 6 = Saturday, of a day number (day 0, 1970-01-01, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Days since 1970-01-01 of a date, by the proleptic Gregorian calendar's arithmetic rather than
 * through a Date: clocks count days one at a time, and a Date parse and print per day was most of
 * a list's clock time (docs/benchmarks.md). Years run from March here, so a leap day ends a year.
 */
export function dayNumber(date: DateString): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return civilDayNumber(Number(match[1]), Number(match[2]), Number(match[3]));
}

function civilDayNumber(civilYear: number, month: number, dayOfMonth: number): number {
  const year = civilYear - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_DAY;
}

/** The number written in `count` decimal digits of `text` from `at`. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The date of a day number: the inverse of `dayNumber`. */
export function dateOfDayNumber(day: number): DateString {
  const { year, month, dayOfMonth } = civilDate(day);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/** The year of a day number, without writing its date out. */
export function yearOfDayNumber(day: number): number {
  return civilDate(day).year;
}

function civilDate(day: number): { year: number; month: number; dayOfMonth: number } {
  const shifted = day + EPOCH_DAY;
  const era = Math.floor(shifted / DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

export function yearOf(date: DateString): number {
  return Number(date.slice(0, 4));
}

/**
 * Negative, zero or positive as `a` is before, equal to or after `b`. Instants in `toISOString`'s
 * own form (what the server writes: 24 characters, milliseconds, `Z`) order as text, so a list of
 * clocks is sorted without parsing each one; any other form is parsed.
 */
export function compareInstants(a: Instant, b: Instant): number {
  if (isCanonical(a) && isCanonical(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}

function isCanonical(instant: Instant): boolean {
  return instant.length === 24 && instant.charCodeAt(19) === 46 && instant.charCodeAt(23) === 90;
}

function dateToUtcMs(date: DateString): number {
  return dayNumber(date) * DAY_MS;
}
