import { beijingDate } from '@xinfang/shared/clocks';
import {
  comparedPeriods,
  type FigureMetric,
  type FigurePeriod,
  metricLabel,
  RATES,
  rateValue,
} from '@xinfang/shared/figures';
import {
  type LedgerFilter,
  MET_ON_TIME,
  type OwedLimit,
  UNIT_TABLE_COLUMNS,
  type UnitTable,
  type UnitTableCell,
  type UnitTableColumn,
  type UnitTableRow,
} from '@xinfang/shared/schemas/figures';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type FigureScope, type SumRow, subtreeUnits, sums, unitColumns } from './figures.query';

/** How a column is counted: one metric, a rate of `shared`, or a limit owed less those met on time. */
type Definition =
  | { count: FigureMetric; label: string }
  | { rate: keyof typeof RATES }
  | { late: OwedLimit; label: string };

const DEFINITIONS: Readonly<Record<UnitTableColumn, Definition>> = {
  received: { count: 'received', label: metricLabel('received') },
  timely_acceptance: { rate: 'timely_acceptance' },
  'on_time.first': { rate: 'on_time.first' },
  'participation.first': { rate: 'participation.first' },
  'satisfaction.first': { rate: 'satisfaction.first' },
  repeat: { count: 'repeat', label: '重信重访' },
  collective: { count: 'collective', label: metricLabel('collective') },
  level_skipping: { count: 'level_skipping', label: metricLabel('level_skipping') },
  // Art 34: the answers falling due in the period and not given by then (late, still open, or
  // withdrawn after the limit) — the 未按期办结 of the bulletins; its ledger lists them (`late`).
  'late.first': { late: 'owed.first', label: '超期件' },
};

const labelOf = (d: Definition) => ('rate' in d ? RATES[d.rate].label : d.label);

/**
 * The table of units side by side (各单位对比) for a period: the scope's own cases (本级) and each
 * unit directly below it with everything under that, one row each, and their total — which is the
 * unit's own figures (`figuresOf`). Read from the same rollup sums as the figures, once for the
 * period; every cell carries the ledger filter of the cases behind it. A handler's scope is their
 * own unit alone: one row.
 */
export async function unitTableOf(
  db: Kysely<DB>,
  scope: FigureScope,
  asked: FigurePeriod,
  now = new Date(),
): Promise<UnitTable> {
  const periods = comparedPeriods(asked, beijingDate(now.toISOString()));
  if (!periods)
    throw new AppError('VALIDATION_FAILED', '统计期间尚未开始', [
      { path: '/querystring', message: 'begins after today' },
    ]);
  const { period } = periods;
  const subtree = scope.subtree ? await subtreeUnits(db, scope) : [];
  const units = scope.subtree
    ? unitColumns(scope, subtree)
    : [{ id: scope.unit.id, label: scope.unit.name, subtree: false, unitIds: new Set([scope.unit.id]) }];
  const rows = await sums(
    db,
    units.flatMap((u) => [...u.unitIds]),
    period,
  );
  const rowOf = (unitId: string, label: string, unitSubtree: boolean, unitIds: ReadonlySet<string>) =>
    tableRow(
      rows.filter((r) => unitIds.has(r.unitId)),
      { unitId, label, subtree: unitSubtree },
      { from: period.from, to: period.to, unitId, ...(unitSubtree ? {} : { subtree: false }) },
    );
  return {
    unit: { id: scope.unit.id, name: scope.unit.name },
    subtree: scope.subtree,
    period,
    columns: UNIT_TABLE_COLUMNS.map((column) => {
      const definition = DEFINITIONS[column];
      return { column, label: labelOf(definition), rate: 'rate' in definition };
    }),
    rows: units.map((u) => rowOf(u.id, u.label, u.subtree, u.unitIds)),
    total: rowOf(scope.unit.id, '合计', scope.subtree, new Set(units.flatMap((u) => [...u.unitIds]))),
  };
}

/** One row's cells from its units' rollup sums. */
function tableRow(
  rows: readonly SumRow[],
  unit: Omit<UnitTableRow, 'cells'>,
  base: LedgerFilter,
): UnitTableRow {
  const n = (metric: FigureMetric) => rows.reduce((sum, r) => (r.metric === metric ? sum + r.value : sum), 0);
  const cell = (column: UnitTableColumn): UnitTableCell => {
    const definition = DEFINITIONS[column];
    if ('count' in definition)
      return { column, value: n(definition.count), ledger: { ...base, figure: definition.count } };
    if ('rate' in definition) {
      const { numerator, denominator } = RATES[definition.rate];
      const [top, bottom] = [n(numerator), n(denominator)];
      return {
        column,
        value: rateValue(top, bottom),
        numerator: top,
        denominator: bottom,
        ledger: { ...base, figure: denominator },
      };
    }
    const owed = n(definition.late);
    return {
      column,
      value: owed - n(MET_ON_TIME[definition.late]),
      denominator: owed,
      ledger: { ...base, figure: definition.late, late: true },
    };
  };
  return { ...unit, cells: UNIT_TABLE_COLUMNS.map(cell) };
}
