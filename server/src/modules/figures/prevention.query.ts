import { beijingDate, endOfBeijingDay, startOfBeijingDay } from '@xinfang/shared/clocks';
import {
  CONCLUDED_STATES,
  type ComparedPeriods,
  type FigurePeriod,
  PREVENTION_FIGURES,
  PREVENTION_LABELS,
  type PreventionFigure,
} from '@xinfang/shared/figures';
import type { PreventionCount } from '@xinfang/shared/schemas/figures';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { figureUnitIn } from './figure-unit.where';
import { receptionCounts } from './reception-figures.query';

/** The figures counted over a period; the other one, open disputes past their deadline, is counted as of now. */
type PeriodCounts = Record<Exclude<PreventionFigure, 'screening.overdue'>, number>;

/**
 * The prevention figures of the units (a subtree, or one unit alone) for a period, with 同比 and
 * 环比 over the same periods as the other figures (`comparedPeriods`). Counted live: the tables are small and each read is narrowed by an index (screening items
 * by unit, 包案 through the petition, visits by date). A dispute counts for the unit it was found
 * in, a 包案 case for the petition's figure unit (as its other figures), a 下访 for the unit visited
 * and a case met there for both: the visit's unit and the petition's figure unit; a reception day
 * likewise (`reception-figures.query.ts`).
 *
 * Art 30 comes into the cases: a count that rose when someone at the meeting accused the visited
 * unit would tell its leaders so, though their visit list leaves that case out. An accusation
 * counts for the unit that received it, not for the accused unit or the units below it.
 */
export async function preventionOf(
  db: Kysely<DB>,
  unitIds: readonly string[],
  periods: ComparedPeriods,
  now: Date,
): Promise<PreventionCount[]> {
  const today = beijingDate(now.toISOString());
  const [current, year, before, overdue] = await Promise.all([
    countsOf(db, unitIds, periods.period, today),
    countsOf(db, unitIds, periods.previousYear, today),
    countsOf(db, unitIds, periods.previousPeriod, today),
    overdueNow(db, unitIds, today),
  ]);
  return PREVENTION_FIGURES.map((figure) => ({
    figure,
    label: PREVENTION_LABELS[figure],
    // What was overdue a year ago is not kept: no 同比 or 环比 for how things stand now.
    ...(figure === 'screening.overdue'
      ? { value: overdue, previousYear: null, previousPeriod: null }
      : { value: current[figure], previousYear: year[figure], previousPeriod: before[figure] }),
  }));
}

async function countsOf(
  db: Kysely<DB>,
  unitIds: readonly string[],
  period: FigurePeriod,
  today: string,
): Promise<PeriodCounts> {
  const from = startOfBeijingDay(period.from);
  const to = endOfBeijingDay(period.to);
  const [graded, closed, owned, visits, cases, reception] = await Promise.all([
    db
      .selectFrom('screening_item')
      .select((eb) => ['grade', eb.fn.countAll<number>().as('n')])
      .where('unit_id', 'in', unitIds)
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .groupBy('grade')
      .execute(),
    db
      .selectFrom('screening_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', 'in', unitIds)
      .where('closed_at', '>=', from)
      .where('closed_at', '<=', to)
      .executeTakeFirstOrThrow(),
    // Every 包案 stint taken in the period, whatever became of it: a release or a take-over later
    // must not change a period's figure already reported.
    db
      .selectFrom('owned_case as oc')
      .innerJoin('petition as p', 'p.id', 'oc.petition_id')
      .select('p.state')
      .where('oc.taken_at', '>=', from)
      .where('oc.taken_at', '<=', to)
      .where(figureUnitIn(unitIds))
      .execute(),
    heldVisits(db, unitIds, period)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    // By the figure unit, as 包案, rather than by leaving out accusations about the visited unit:
    // the figure unit is always a unit that sees the case, so a unit's figure never counts a case
    // its own visit list hides, and the group above still counts the accusation its list shows.
    heldVisits(db, unitIds, period)
      .innerJoin('grassroots_visit_case as c', 'c.visit_id', 'v.id')
      .innerJoin('petition as p', 'p.id', 'c.petition_id')
      .where(figureUnitIn(unitIds))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    receptionCounts(db, unitIds, period, today),
  ]);
  // MySQL answers COUNT as a string.
  const grade = (g: string) => Number(graded.find((r) => r.grade === g)?.n ?? 0);
  // 已办结 as the `concluded` count has it: a case withdrawn, declined or forwarded is not one.
  const concluded = new Set<string>(CONCLUDED_STATES);
  return {
    'screening.A': grade('A'),
    'screening.B': grade('B'),
    'screening.C': grade('C'),
    'screening.closed': Number(closed.n),
    'owned.taken': owned.length,
    'owned.concluded': owned.filter((r) => concluded.has(r.state)).length,
    'visits.held': Number(visits.n),
    'visits.cases': Number(cases.n),
    ...reception,
  };
}

/** 下访 held in the period, by the day of the visit. */
function heldVisits(db: Kysely<DB>, unitIds: readonly string[], period: FigurePeriod) {
  return db
    .selectFrom('grassroots_visit as v')
    .where('v.date', '>=', period.from)
    .where('v.date', '<=', period.to)
    .where('v.status', '=', 'held')
    .where('v.unit_id', 'in', unitIds);
}

/** Open disputes past their deadline today (the screening list's `overdue`). */
async function overdueNow(db: Kysely<DB>, unitIds: readonly string[], today: string): Promise<number> {
  const row = await db
    .selectFrom('screening_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', unitIds)
    .where('status', '=', 'open')
    .where('deadline', '<', today)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
