import type { Calendar } from './calendar';
import { isCalendarYear } from './calendar-years';
import { addDays, beijingDate, type DateString, dayOfWeek, type Instant, isDateString } from './dates';
import { nextWorkingDay } from './periods';

/**
 * The rhythm of risk screening (矛盾纠纷排查) and its nil reports (零报告): every unit reports once a
 * week — its new disputes, or that there is nothing to report. A week is an ISO week, Monday to
 * Sunday in Beijing (`2026-W49`); its report is due by the end of the week's last working day (the
 * first working day after, when a holiday takes the whole week).
 *
 * During a sensitive period the office declares (敏感时期, e.g. 全国两会) the rhythm tightens: each
 * of its days is a period of its own (`2026-03-05`), due that same day, weekends and holidays
 * included. A week keeps only its days outside sensitive periods; a week with none is not a period.
 */
export type ScreeningPeriod = string;

/** A sensitive period: its name and its first and last days, inclusive. */
export interface SensitivePeriod {
  name: string;
  from: DateString;
  to: DateString;
}

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

function sensitiveOn(date: DateString, sensitive: readonly SensitivePeriod[]): SensitivePeriod | undefined {
  return sensitive.find((s) => s.from <= date && date <= s.to);
}

/** Whether two sensitive periods share a day (the office may not declare overlapping ones). */
export function sensitivePeriodsOverlap(a: SensitivePeriod, b: SensitivePeriod): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The period a Beijing date falls in: its own day during a sensitive period, else its ISO week. */
export function screeningPeriodOf(
  date: DateString,
  sensitive: readonly SensitivePeriod[] = [],
): ScreeningPeriod {
  if (sensitiveOn(date, sensitive)) return date;
  return isoWeekOf(date);
}

export function currentScreeningPeriod(
  now: Instant,
  sensitive: readonly SensitivePeriod[] = [],
): ScreeningPeriod {
  return screeningPeriodOf(beijingDate(now), sensitive);
}

/** Whether the period is one day of a sensitive period (reported daily). */
export function isDailyPeriod(period: ScreeningPeriod): boolean {
  return isDateString(period);
}

/**
 * The days a period covers, oldest first, or null for a malformed or impossible period: a day
 * outside every sensitive period, or a week whose days are all sensitive.
 */
export function screeningPeriodDays(
  period: ScreeningPeriod,
  sensitive: readonly SensitivePeriod[] = [],
): DateString[] | null {
  if (isDailyPeriod(period)) return sensitiveOn(period, sensitive) ? [period] : null;
  const week = weekBounds(period);
  if (!week) return null;
  const days: DateString[] = [];
  for (let day = week.from; day <= week.to; day = addDays(day, 1)) {
    if (!sensitiveOn(day, sensitive)) days.push(day);
  }
  return days.length > 0 ? days : null;
}

/** The first and last day a period covers, or null (see `screeningPeriodDays`). */
export function screeningPeriodBounds(
  period: ScreeningPeriod,
  sensitive: readonly SensitivePeriod[] = [],
): { from: DateString; to: DateString } | null {
  const days = screeningPeriodDays(period, sensitive);
  return days ? { from: days[0] as DateString, to: days[days.length - 1] as DateString } : null;
}

/**
 * The day a period's report is due: a sensitive day's on that day; a week's on the last working
 * day it covers, or the first working day after it.
 */
export function screeningReportDue(
  period: ScreeningPeriod,
  calendar: Calendar,
  sensitive: readonly SensitivePeriod[] = [],
): DateString | null {
  const days = screeningPeriodDays(period, sensitive);
  if (!days) return null;
  if (isDailyPeriod(period)) return period;
  const working = days.filter((day) => calendar.isWorkingDay(day));
  const last = days[days.length - 1] as DateString;
  return working[working.length - 1] ?? nextWorkingDay(addDays(last, 1), calendar);
}

function isoWeekOf(date: DateString): ScreeningPeriod {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 3 - ((dayOfWeek(date) + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayOfYear(thursday) - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week of the calendar's years, or null. */
function weekBounds(period: ScreeningPeriod): { from: DateString; to: DateString } | null {
  const match = WEEK_PATTERN.exec(period);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  // Year 999 would be written `999-01-04` below, no date at all (a 500).
  if (!isCalendarYear(year)) return null;
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const from = addDays(jan4, -((dayOfWeek(jan4) + 6) % 7) + (week - 1) * 7);
  if (week < 1 || isoWeekOf(from) !== period) return null;
  return { from, to: addDays(from, 6) };
}

function dayOfYear(date: DateString): number {
  return (
    Math.round(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000,
    ) + 1
  );
}
