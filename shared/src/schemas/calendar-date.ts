import { type TStringOptions, Type } from 'typebox';
import { CALENDAR_YEAR_PATTERN } from '../clocks/calendar-years';

/**
 * The one definition of a calendar date in a request or an answer: a Beijing date `YYYY-MM-DD`
 * that exists (format `date`: ajv-formats on the server, TypeBox's own check elsewhere, both know
 * month lengths and leap years, so 2026-02-29 and 2026-12-32 are refused) in the calendar's years.
 * Services compare dates as text, so a day that does not exist was stored and sorted as if it did.
 */
export const CalendarDateSchema = (options: TStringOptions = {}) =>
  Type.String({ format: 'date', pattern: `^${CALENDAR_YEAR_PATTERN}-\\d{2}-\\d{2}$`, ...options });

/** An instant (RFC 3339, the server's `date-time`: a real day and time) in the calendar's years. */
export const CalendarInstantSchema = (options: TStringOptions = {}) =>
  Type.String({ format: 'date-time', pattern: `^${CALENDAR_YEAR_PATTERN}-`, ...options });
