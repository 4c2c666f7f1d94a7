import { beijingDate } from '@xinfang/shared/clocks';
import type { FigurePeriod } from '@xinfang/shared/figures';
import type { LedgerFilter } from '@xinfang/shared/schemas/figures';

export { changeText, percentText } from '@xinfang/shared/figures';

/** The periods a person picks from: this month, this quarter, this year (Beijing dates, to today). */
export type PeriodPreset = 'month' | 'quarter' | 'year';

export function presetPeriod(preset: PeriodPreset, now: Date): FigurePeriod {
  const today = beijingDate(now.toISOString());
  const [year, month] = [today.slice(0, 4), Number(today.slice(5, 7))];
  const firstMonth = preset === 'month' ? month : preset === 'quarter' ? month - ((month - 1) % 3) : 1;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: today };
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
