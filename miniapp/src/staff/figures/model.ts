import { beijingDate } from '@xinfang/shared/clocks';
import type { FigurePeriod } from '@xinfang/shared/figures';
import { percentText } from '@xinfang/shared/figures';
import type {
  LedgerFilter,
  PreventionCount,
  UnitTableCell,
  UnitTableColumn,
  UnitTableRow,
} from '@xinfang/shared/schemas/figures';
import type { SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import { staffCopy } from '@/copy/staff';
import type { ReportRequest } from '@/services/reports';

export { changeText, percentText } from '@xinfang/shared/figures';

/** The periods a person picks from: this month, this quarter, this year (Beijing dates, to today). */
export type PeriodPreset = 'month' | 'quarter' | 'year';

export function presetPeriod(preset: PeriodPreset, now: Date): FigurePeriod {
  const today = beijingDate(now.toISOString());
  const [year, month] = [today.slice(0, 4), Number(today.slice(5, 7))];
  const firstMonth = preset === 'month' ? month : preset === 'quarter' ? month - ((month - 1) % 3) : 1;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: today };
}

const BOOLEAN_KEYS = ['subtree', 'overdue', 'repeat', 'collective', 'late'] as const;

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

/** The report a person picks on the figures page: its kind, year, and month or quarter. */
export interface ReportChoice {
  kind: 'annual' | 'month' | 'quarter';
  year: number;
  month: number;
  quarter: 1 | 2 | 3 | 4;
}

/**
 * The report a person most likely wants: this year's so far, and this month's and quarter's — but
 * in January last year's whole report and last month's (December's) bulletin, as the annual report
 * (Art 41) and the bulletins are written once their period has ended.
 */
export function initialReportChoice(now: Date): ReportChoice {
  const today = beijingDate(now.toISOString());
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (month === 1) return { kind: 'annual', year: year - 1, month: 12, quarter: 4 };
  return { kind: 'annual', year, month, quarter: Math.ceil(month / 3) as ReportChoice['quarter'] };
}

/** The years offered: this one and the two before (the annual report is written in January). */
export function reportYears(now: Date): number[] {
  const year = Number(beijingDate(now.toISOString()).slice(0, 4));
  return [year, year - 1, year - 2];
}

/** The months of a year offered for a bulletin: those begun by today (later ones have no figures). */
export function reportMonths(year: number, now: Date): number[] {
  const today = beijingDate(now.toISOString());
  const last = year < Number(today.slice(0, 4)) ? 12 : Number(today.slice(5, 7));
  return Array.from({ length: last }, (_, i) => i + 1);
}

/** The quarters of a year offered for a bulletin: those begun by today. */
export function reportQuarters(year: number, now: Date): ReportChoice['quarter'][] {
  const months = reportMonths(year, now).length;
  return ([1, 2, 3, 4] as const).filter((q) => (q - 1) * 3 < months);
}

/** A choice changed, its month and quarter kept to those offered for its year. */
export function chooseReport(previous: ReportChoice, change: Partial<ReportChoice>, now: Date): ReportChoice {
  const next = { ...previous, ...change };
  const months = reportMonths(next.year, now);
  const quarters = reportQuarters(next.year, now);
  return {
    ...next,
    month: Math.min(next.month, months.length),
    quarter: quarters.includes(next.quarter) ? next.quarter : (quarters[quarters.length - 1] ?? 1),
  };
}

export function reportRequest(choice: ReportChoice): ReportRequest {
  const { kind, year } = choice;
  if (kind === 'annual') return { kind, year };
  return kind === 'month'
    ? { kind: 'bulletin', year, month: choice.month }
    : { kind: 'bulletin', year, quarter: choice.quarter };
}

/**
 * What a failed download says: one that broke off (the server aborts an export that fails part-way,
 * or the network went) says so plainly; any other failure, its own message.
 */
export function downloadFailure(error: unknown, otherwise: (error: unknown) => string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'NETWORK_ERROR' || code === 'TIMEOUT' ? staffCopy.figures.downloadBroken : otherwise(error);
}

/** How the table of units is ordered: as the org tree lists them, or by a column. */
export type UnitSort = { column: 'unit' } | { column: UnitTableColumn; direction: 'desc' | 'asc' };

/**
 * The rows of the table of units in the order asked: by a column's value, the units with no
 * value (a rate of nothing counted) last either way, ties in the org tree's order.
 */
export function sortUnitRows(rows: readonly UnitTableRow[], sort: UnitSort): UnitTableRow[] {
  if (sort.column === 'unit') return [...rows];
  const { column } = sort;
  const sign = sort.direction === 'desc' ? -1 : 1;
  const cellValue = (row: UnitTableRow) => row.cells.find((c) => c.column === column)?.value ?? null;
  return rows
    .map((row, index) => ({ row, index, value: cellValue(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      return (a.value - b.value) * sign || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** A cell as the table prints it: a count, or a rate as a percentage (— if nothing was counted). */
export function unitCellText(cell: UnitTableCell, rate: boolean): string {
  return rate ? percentText(cell.value) : String(cell.value ?? 0);
}

/** The columns of the 督办通报 table, in the order printed. */
export const SUPERVISION_COLUMNS = [
  'yellow',
  'red',
  'acknowledged',
  'issued',
  'onTime',
  'late',
  'overdue',
  'returned',
  'cases',
] as const;
export type SupervisionColumn = (typeof SUPERVISION_COLUMNS)[number];

export interface SupervisionCell {
  column: SupervisionColumn;
  label: string;
  value: string;
  /** A line under the number: the reds by level, how long 签收 took. */
  detail: string | null;
}

/** A unit's 督办 figures as the table prints them, one cell per column. */
export function supervisionCells(row: SupervisionFiguresRow): SupervisionCell[] {
  const text = staffCopy.figures.supervision;
  const { median, longest } = row.acknowledgeDays;
  const values: Record<SupervisionColumn, [string, string | null]> = {
    yellow: [String(row.yellow), null],
    red: [String(row.red), row.redLevels.length > 0 ? text.levels(row.redLevels) : null],
    acknowledged: [
      text.acknowledged(row.redAcknowledged, row.red),
      median !== null && longest !== null ? text.days(median, longest) : null,
    ],
    issued: [String(row.notices.issued), null],
    onTime: [String(row.notices.answeredOnTime), null],
    late: [String(row.notices.answeredLate), null],
    overdue: [String(row.notices.overdue), null],
    returned: [String(row.notices.returned), null],
    cases: [String(row.casesSupervised), null],
  };
  return SUPERVISION_COLUMNS.map((column) => ({
    column,
    label: text.columns[column],
    value: values[column][0],
    detail: values[column][1],
  }));
}

/**
 * Leaders' reception days (Art 18) in one plain line — days held, people who came, cases
 * registered — or nothing when the period had no reception day booked.
 */
export function receptionLine(prevention: readonly PreventionCount[]): string | null {
  const value = (figure: PreventionCount['figure']) =>
    prevention.find((p) => p.figure === figure)?.value ?? 0;
  if (value('reception.days') === 0 && value('reception.booked') === 0) return null;
  return staffCopy.figures.receptionLine(
    value('reception.days'),
    value('reception.came'),
    value('reception.cases'),
  );
}
