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
 * quarter's 环比 is the previous quarter), otherwise the same number of days.
 */
export function previousPeriod(period: FigurePeriod): FigurePeriod {
  const months = wholeMonths(period);
  if (months !== null) {
    const from = shiftMonths(period.from, -months);
    return { from, to: addDays(period.from, -1) };
  }
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
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

function shiftMonths(date: DateString, months: number): DateString {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}${date.slice(7)}`;
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
