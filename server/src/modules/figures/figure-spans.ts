import { addDays, type DateString } from '@xinfang/shared/clocks';
import type { FigurePeriod } from '@xinfang/shared/figures';

/** A period as the rollups read it: its whole months (YYYY-MM, inclusive) and the days left over. */
export interface FigureSpans {
  months: { from: string; to: string } | null;
  days: FigurePeriod[];
}

/**
 * Splits a period into the whole months inside it, read from the monthly rollups, and the days
 * before and after them, read from the daily ones: a month, quarter or year reads months only.
 */
export function spansOf(period: FigurePeriod): FigureSpans {
  const firstMonthStart = period.from.endsWith('-01') ? period.from : nextMonthStart(period.from);
  const lastMonthEnd = isMonthEnd(period.to) ? period.to : addDays(`${period.to.slice(0, 8)}01`, -1);
  if (firstMonthStart > lastMonthEnd) return { months: null, days: [period] };
  const days: FigurePeriod[] = [];
  if (period.from < firstMonthStart) days.push({ from: period.from, to: addDays(firstMonthStart, -1) });
  if (lastMonthEnd < period.to) days.push({ from: addDays(lastMonthEnd, 1), to: period.to });
  return { months: { from: firstMonthStart.slice(0, 7), to: lastMonthEnd.slice(0, 7) }, days };
}

function nextMonthStart(date: DateString): DateString {
  return `${addDays(`${date.slice(0, 8)}28`, 4).slice(0, 8)}01`;
}

function isMonthEnd(date: DateString): boolean {
  return addDays(date, 1).endsWith('-01');
}
