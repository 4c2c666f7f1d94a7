import { beijingDate } from '@xinfang/shared/clocks';
import {
  CHANNEL_LABELS,
  comparedPeriods,
  FIGURE_METRICS,
  type FigureMetric,
  type FigurePeriod,
  KIND_LABELS,
  metricLabel,
  RATE_NAMES,
  RATES,
  rateValue,
} from '@xinfang/shared/figures';
import { CHANNELS, PETITION_KINDS } from '@xinfang/shared/lifecycle';
import type { BreakdownEntry, Count, Figures, LedgerFilter } from '@xinfang/shared/schemas/figures';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { pathIds, withinPath } from '../../db/subtree';
import { AppError } from '../../errors';
import { spansOf } from './figure-spans';
import { preventionOf } from './prevention.query';

/** The unit the figures are for, and whether the units below it are included. */
export interface FigureScope {
  unit: { id: string; name: string; path: string };
  subtree: boolean;
}

export interface SumRow {
  metric: string;
  channel: string;
  kind: string;
  categoryCode: string;
  unitId: string;
  value: number;
}

/** A filter on sum rows, and the ledger filter that lists the same petitions. */
interface Slice {
  keep: (row: SumRow) => boolean;
  ledger: Partial<LedgerFilter>;
}

/**
 * The figures of a unit (and below) for a period, with the same figures a year before (同比) and
 * for the period before (环比): counts, the petitions received by channel, kind, category and unit,
 * and every rate of `shared`. Read from the rollups only — grouped sums of whole months and of the
 * days around them, for each of the three periods; the prevention work beside them is counted live
 * (prevention.query.ts), its open disputes past their deadline as of `now`.
 *
 * A period reaching past today (Beijing, as of `now`) is counted up to today, and the answer's
 * `period` says so: a limit falling due later is not missed yet (Art 22, 23, 34), and a year so
 * far is compared with the same days before (`comparedPeriods`). One not begun is refused.
 */
export async function figuresOf(
  db: Kysely<DB>,
  scope: FigureScope,
  asked: FigurePeriod,
  now = new Date(),
): Promise<Figures> {
  const periods = comparedPeriods(asked, beijingDate(now.toISOString()));
  if (!periods)
    throw new AppError('VALIDATION_FAILED', '统计期间尚未开始', [
      { path: '/querystring', message: 'begins after today' },
    ]);
  const { period, previousYear: lastYear, previousPeriod: before } = periods;
  const subtree = scope.subtree ? await subtreeUnits(db, scope) : [];
  const unitIds = scope.subtree ? subtree.map((u) => u.id) : [scope.unit.id];
  const [current, year, prev, prevention] = await Promise.all([
    sums(db, unitIds, period),
    sums(db, unitIds, lastYear),
    sums(db, unitIds, before),
    preventionOf(db, unitIds, periods, now),
  ]);
  const base: LedgerFilter = {
    from: period.from,
    to: period.to,
    unitId: scope.unit.id,
    ...(scope.subtree ? {} : { subtree: false }),
  };
  const total = (rows: SumRow[], metric: string, keep: Slice['keep']) =>
    rows.reduce((sum, r) => (r.metric === metric && keep(r) ? sum + r.value : sum), 0);
  const count = (metric: FigureMetric, slice: Slice = { keep: () => true, ledger: {} }) => ({
    value: total(current, metric, slice.keep),
    previousYear: total(year, metric, slice.keep),
    previousPeriod: total(prev, metric, slice.keep),
    ledger: { ...base, figure: metric, ...slice.ledger },
  });
  const counts: Count[] = FIGURE_METRICS.map((metric) => ({
    metric,
    label: metricLabel(metric),
    ...count(metric),
  }));
  const byMetric = new Map(counts.map((c) => [c.metric, c]));
  const entry = (key: string, label: string, slice: Slice): BreakdownEntry => ({
    key,
    label,
    ...count('received', slice),
  });

  const categories = await db.selectFrom('category').select(['code', 'name']).orderBy('sort_order').execute();
  const seen = new Set(
    [...current, ...year, ...prev].filter((r) => r.metric === 'received').map((r) => r.categoryCode),
  );
  const units = scope.subtree ? unitColumns(scope, subtree) : [];

  return {
    unit: { id: scope.unit.id, name: scope.unit.name },
    subtree: scope.subtree,
    period,
    previousYear: lastYear,
    previousPeriod: before,
    counts,
    breakdowns: {
      channel: CHANNELS.map((c) =>
        entry(c, CHANNEL_LABELS[c], { keep: (r) => r.channel === c, ledger: { channel: c } }),
      ),
      kind: PETITION_KINDS.map((k) =>
        entry(k, KIND_LABELS[k], { keep: (r) => r.kind === k, ledger: { kind: k } }),
      ),
      category: categories
        .filter((c) => seen.has(c.code))
        .map((c) =>
          entry(c.code, c.name, { keep: (r) => r.categoryCode === c.code, ledger: { categoryCode: c.code } }),
        ),
      unit: units.map((u) =>
        entry(u.id, u.label, {
          keep: (r) => u.unitIds.has(r.unitId),
          ledger: { unitId: u.id, subtree: u.subtree },
        }),
      ),
    },
    rates: RATE_NAMES.map((rate) => {
      const definition = RATES[rate];
      const numerator = byMetric.get(definition.numerator) as Count;
      const denominator = byMetric.get(definition.denominator) as Count;
      return {
        rate,
        label: definition.label,
        formula: definition.formula,
        basis: definition.basis,
        value: rateValue(numerator.value, denominator.value),
        previousYear: rateValue(numerator.previousYear, denominator.previousYear),
        previousPeriod: rateValue(numerator.previousPeriod, denominator.previousPeriod),
        numerator,
        denominator,
      };
    }),
    prevention,
  };
}

/**
 * The rollups of the units summed over the period, per metric, channel, kind, category and unit:
 * its whole months from the monthly rollups, the days around them from the daily ones.
 */
export async function sums(
  db: Kysely<DB>,
  unitIds: readonly string[],
  period: FigurePeriod,
): Promise<SumRow[]> {
  const spans = spansOf(period);
  const reads = spans.days.map((days) =>
    db
      .selectFrom('figure_rollup as r')
      .select(SUM_COLUMNS)
      .where('r.day', '>=', days.from)
      .where('r.day', '<=', days.to)
      .where('r.unit_id', 'in', unitIds)
      .groupBy(GROUPS)
      .execute(),
  );
  if (spans.months) {
    const months = spans.months;
    reads.push(
      db
        .selectFrom('figure_rollup_month as r')
        .select(SUM_COLUMNS)
        .where('r.month', '>=', months.from)
        .where('r.month', '<=', months.to)
        .where('r.unit_id', 'in', unitIds)
        .groupBy(GROUPS)
        .execute(),
    );
  }
  const summed = new Map<string, SumRow>();
  for (const r of (await Promise.all(reads)).flat()) {
    const key = [r.metric, r.channel, r.kind, r.category_code, r.unit_id].join('\u0000');
    // MySQL answers SUM as a decimal string.
    const value = Number(r.n) + (summed.get(key)?.value ?? 0);
    summed.set(key, {
      metric: r.metric,
      channel: r.channel,
      kind: r.kind,
      categoryCode: r.category_code,
      unitId: r.unit_id,
      value,
    });
  }
  return [...summed.values()];
}

const SUM_COLUMNS = [
  'r.metric',
  'r.channel',
  'r.kind',
  'r.category_code',
  'r.unit_id',
  sql<number>`sum(${sql.ref('r.value')})`.as('n'),
] as const;
const GROUPS = ['r.metric', 'r.channel', 'r.kind', 'r.category_code', 'r.unit_id'] as const;

/** Every unit in the scope's subtree, the shallowest first, in the org tree's order. */
export async function subtreeUnits(db: Kysely<DB>, scope: FigureScope) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path', 'sort_order', 'code'])
    .where(withinPath('path', scope.unit.path))
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** The unit itself (本级) and each unit directly below it with everything under that. */
export function unitColumns(scope: FigureScope, rows: Awaited<ReturnType<typeof subtreeUnits>>) {
  const depth = pathIds(scope.unit.path).length;
  const own = {
    id: scope.unit.id,
    label: `${scope.unit.name}（本级）`,
    subtree: false,
    unitIds: new Set([scope.unit.id]),
  };
  const children = rows
    .filter((r) => pathIds(r.path).length === depth + 1)
    .map((r) => ({ id: r.id, label: r.name, subtree: true, unitIds: new Set<string>() }));
  const childOf = new Map(children.map((c) => [c.id, c]));
  for (const row of rows) {
    const child = childOf.get(pathIds(row.path)[depth] ?? '');
    child?.unitIds.add(row.id);
  }
  return [own, ...children];
}
