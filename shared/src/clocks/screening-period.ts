import type { Calendar } from './calendar';
import { addDays, beijingDate, type DateString, dayOfWeek, type Instant } from './dates';
import { nextWorkingDay } from './periods';

/**
 * The rhythm of risk screening (矛盾纠纷排查) and its nil reports (零报告): every unit reports once a
 * week — its new disputes, or that there is nothing to report. A week is an ISO week, Monday to
 * Sunday in Beijing (`2026-W49`); its report is due by the end of the week's last working day (the
 * first working day after, when a holiday takes the whole week).
 */
export type ScreeningPeriod = string;

const PERIOD_PATTERN = /^(\d{4})-W(\d{2})$/;

/** The ISO week a Beijing date falls in. */
export function screeningPeriodOf(date: DateString): ScreeningPeriod {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 3 - ((dayOfWeek(date) + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayOfYear(thursday) - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function currentScreeningPeriod(now: Instant): ScreeningPeriod {
  return screeningPeriodOf(beijingDate(now));
}

/** Monday and Sunday of the week, or null for a malformed or impossible period. */
export function screeningPeriodBounds(period: ScreeningPeriod): { from: DateString; to: DateString } | null {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const from = addDays(jan4, -((dayOfWeek(jan4) + 6) % 7) + (week - 1) * 7);
  if (week < 1 || screeningPeriodOf(from) !== period) return null;
  return { from, to: addDays(from, 6) };
}

/** The day a week's report is due: its last working day, or the first working day after it. */
export function screeningReportDue(period: ScreeningPeriod, calendar: Calendar): DateString | null {
  const bounds = screeningPeriodBounds(period);
  if (!bounds) return null;
  for (let day = bounds.to; day >= bounds.from; day = addDays(day, -1)) {
    if (calendar.isWorkingDay(day)) return day;
  }
  return nextWorkingDay(addDays(bounds.to, 1), calendar);
}

function dayOfYear(date: DateString): number {
  return (
    Math.round(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000,
    ) + 1
  );
}
