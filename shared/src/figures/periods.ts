import { isCalendarYear } from '../clocks/calendar-years';
import { addDays, type DateString, daysBetween } from '../clocks/dates';

/** A period of whole Beijing days, both ends included. */
export interface FigurePeriod {
  from: DateString;
  to: DateString;
}

/**
 * 同比: the same months a year earlier for a period of whole months (February 2025's is the whole
 * of February 2024, its 29th included; a quarter's and a year's likewise), otherwise the same days
 * a year earlier (29 February becomes the 28th).
 */
export function sameTimeLastYear(period: FigurePeriod): FigurePeriod {
  if (wholeMonths(period) !== null) {
    return { from: shiftMonths(period.from, -12), to: addDays(shiftMonths(addDays(period.to, 1), -12), -1) };
  }
  return { from: yearEarlier(period.from), to: yearEarlier(period.to) };
}

/**
 * 环比: the period just before, as long as this one — whole months before whole months (a
 * quarter's 环比 is the previous quarter). A month, a quarter or a year to date (from its 1st to a
 * day within it) is compared with the same days of the month, quarter or year before (上月同期,
 * 上季度同期: 1–10 March with 1–10 February), the day taken back to that month's last when it has
 * fewer; `months` names the length when the period was cut short (`comparedPeriods`). Any other
 * period, with the same number of days just before it.
 */
export function previousPeriod(period: FigurePeriod, months = monthsOf(period)): FigurePeriod {
  if (months === null) {
    const length = daysBetween(period.from, period.to) + 1;
    return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
  }
  const from = shiftMonths(period.from, -months);
  const to = isMonthEnd(period.to)
    ? addDays(shiftMonths(addDays(period.to, 1), -months), -1)
    : shiftMonths(period.to, -months);
  return { from, to };
}

/** The periods the figures count and compare: the period up to today, 同比 and 环比. */
export interface ComparedPeriods {
  period: FigurePeriod;
  previousYear: FigurePeriod;
  previousPeriod: FigurePeriod;
}

/**
 * A period reaching past today is counted up to today (Beijing): a limit falling due later has not
 * been missed yet (Art 22, 23, 34), and a year so far is compared with the same days of the year
 * before, not with all of it (同比 of the days; 环比 of a whole-month period asked for, the same days
 * of the period before). Null when the period has not begun.
 */
export function comparedPeriods(asked: FigurePeriod, today: DateString): ComparedPeriods | null {
  if (asked.from > today) return null;
  const period = asked.to > today ? { from: asked.from, to: today } : asked;
  return {
    period,
    previousYear: sameTimeLastYear(period),
    previousPeriod: previousPeriod(period, monthsOf(asked)),
  };
}

/**
 * How many months a period starting on a 1st stands for: its whole months, or for one ending
 * within a month the month, quarter or year it begins (the shortest that holds it), else the
 * months it touches. Null for a period starting on any other day.
 */
function monthsOf(period: FigurePeriod): number | null {
  const whole = wholeMonths(period);
  if (whole !== null) return whole;
  if (!period.from.endsWith('-01')) return null;
  const month = Number(period.from.slice(5, 7));
  for (const length of [1, 3, 12])
    if ((month - 1) % length === 0 && period.to < shiftMonths(period.from, length)) return length;
  return monthIndex(period.to) - monthIndex(period.from) + 1;
}

function monthIndex(date: DateString): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function isMonthEnd(date: DateString): boolean {
  return addDays(date, 1).endsWith('-01');
}

function yearEarlier(date: DateString): DateString {
  const year = Number(date.slice(0, 4)) - 1;
  const rest = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${String(year).padStart(4, '0')}${rest}`;
}

/** The number of months when the period runs from a 1st to the last day of a month, else null. */
function wholeMonths(period: FigurePeriod): number | null {
  if (!period.from.endsWith('-01') || addDays(period.to, 1).slice(8) !== '01') return null;
  const next = addDays(period.to, 1);
  const months =
    (Number(next.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 +
    Number(next.slice(5, 7)) -
    Number(period.from.slice(5, 7));
  return months > 0 ? months : null;
}

/** The same day `months` later (earlier, when negative), the 29th–31st taken back to the month's last. */
function shiftMonths(date: DateString, months: number): DateString {
  const index = monthIndex(date) + months;
  const last = Number(addDays(firstOfMonth(index + 1), -1).slice(8));
  return `${firstOfMonth(index).slice(0, 8)}${String(Math.min(Number(date.slice(8)), last)).padStart(2, '0')}`;
}

function firstOfMonth(index: number): DateString {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** A whole year, 1 January to 31 December (the annual report, Art 41). */
export function yearPeriod(year: number): FigurePeriod {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/**
 * A bulletin's period: a month (`2026-03`) or a quarter (`2026-Q1`) of the calendar's years; null
 * when it is neither (its 同比 a year earlier must be a year too: year 0 had none).
 */
export function bulletinPeriod(spec: string): FigurePeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(spec);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(spec);
  const [year, first, months] = month
    ? [month[1] as string, Number(month[2]), 1]
    : quarter
      ? [quarter[1] as string, (Number(quarter[2]) - 1) * 3 + 1, 3]
      : [null, 0, 0];
  if (year === null || !isCalendarYear(Number(year))) return null;
  const from = `${year}-${String(first).padStart(2, '0')}-01`;
  const next =
    first + months > 12
      ? `${String(Number(year) + 1).padStart(4, '0')}-01-01`
      : `${year}-${String(first + months).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}
