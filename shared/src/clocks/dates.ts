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
  return new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a Beijing day (23:59:59.999 +08:00), as a UTC instant. */
export function endOfBeijingDay(date: DateString): Instant {
  return new Date(dateToUtcMs(date) + DAY_MS - BEIJING_OFFSET_MS - 1).toISOString();
}

/** The first instant of a Beijing day (00:00 +08:00), as a UTC instant. */
export function startOfBeijingDay(date: DateString): Instant {
  return new Date(dateToUtcMs(date) - BEIJING_OFFSET_MS).toISOString();
}

export function addDays(date: DateString, days: number): DateString {
  return new Date(dateToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateString, to: DateString): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: DateString): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

export function yearOf(date: DateString): number {
  return Number(date.slice(0, 4));
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return Date.parse(a) - Date.parse(b);
}

function dateToUtcMs(date: DateString): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}
