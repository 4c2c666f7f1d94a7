import { beijingDate } from '@xinfang/shared/clocks';
import { changeOf, type FigurePeriod } from '@xinfang/shared/figures';
import type { LedgerFilter } from '@xinfang/shared/schemas/figures';

/** The periods a person picks from: this month, this quarter, this year (Beijing dates, to today). */
export type PeriodPreset = 'month' | 'quarter' | 'year';

export function presetPeriod(preset: PeriodPreset, now: Date): FigurePeriod {
  const today = beijingDate(now.toISOString());
  const [year, month] = [today.slice(0, 4), Number(today.slice(5, 7))];
  const firstMonth = preset === 'month' ? month : preset === 'quarter' ? month - ((month - 1) % 3) : 1;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: today };
}

/**
 * 同比 / 环比 in words: 「上升 12%」「下降 12%」「持平」, or 「—」 when there is nothing to compare with.
 * Rates change in percentage points (「上升 3.2 个百分点」), as the bulletins say it.
 */
export function changeText(now: number | null, before: number | null, kind: 'count' | 'rate'): string {
  if (now === null || before === null) return '—';
  if (kind === 'rate') {
    const points = Math.round((now - before) * 1000) / 10;
    if (points === 0) return '持平';
    return `${points > 0 ? '上升' : '下降'} ${Math.abs(points)} 个百分点`;
  }
  const ratio = changeOf(now, before);
  if (ratio === null) return '—';
  const percent = Math.round(ratio * 1000) / 10;
  if (percent === 0) return '持平';
  return `${percent > 0 ? '上升' : '下降'} ${Math.abs(percent)}%`;
}

/** A rate as people read it: 「87.5%」, or 「—」 when nothing was counted. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

const BOOLEAN_KEYS = ['subtree', 'overdue', 'repeat', 'collective'] as const;

/** The ledger filter as a query string of the ledger page (and of the API). */
export function filterQuery(filter: LedgerFilter): string {
  return Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** The ledger filter back from a page's query (Taro gives the values still encoded on weapp). */
export function filterOf(params: Record<string, string | undefined>): LedgerFilter {
  const filter: Record<string, string | boolean> = {};
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined || raw === '' || key.startsWith('$')) continue;
    const value = decodeURIComponent(raw);
    filter[key] = (BOOLEAN_KEYS as readonly string[]).includes(key) ? value === 'true' : value;
  }
  return filter as LedgerFilter;
}
