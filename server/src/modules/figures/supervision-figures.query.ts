import {
  addDays,
  beijingDate,
  type Calendar,
  startOfBeijingDay,
  workingDaysAfter,
} from '@xinfang/shared/clocks';
import { comparedPeriods, type FigurePeriod } from '@xinfang/shared/figures';
import type { SupervisionFigures, SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { FigureScope } from './figures.query';
import { subtreeUnits } from './figures.query';

/**
 * The 督办 figures of a scope for a period (Art 41's 通报 of how units handle petitions): per unit
 * of the subtree, the escalation steps raised to it and the 督办单 issued to it — counted on the
 * day raised or issued, so a period's figures do not change with later periods' work — and the
 * total. Counted by grouped queries on the indexed unit and day columns; only the 签收 delays are
 * finished here, from the counts per hour raised and hour acknowledged, because working days need
 * the calendar. A period reaching past today is counted up to today; one not begun is refused.
 */
export async function supervisionFiguresOf(
  db: Kysely<DB>,
  scope: FigureScope,
  asked: FigurePeriod,
  calendar: Calendar,
  now = new Date(),
): Promise<SupervisionFigures> {
  const today = beijingDate(now.toISOString());
  const period = comparedPeriods(asked, today)?.period;
  if (!period)
    throw new AppError('VALIDATION_FAILED', '统计期间尚未开始', [
      { path: '/querystring', message: 'begins after today' },
    ]);
  const units = scope.subtree
    ? await subtreeUnits(db, scope)
    : [{ id: scope.unit.id, name: scope.unit.name }];
  const ids = units.map((u) => u.id);
  const within = { ids, from: startOfBeijingDay(period.from), to: startOfBeijingDay(addDays(period.to, 1)) };
  const [steps, receipts, notices, returns, cases] = await Promise.all([
    stepCounts(db, within),
    receiptCounts(db, within),
    noticeCounts(db, within, today),
    returnCounts(db, within),
    casesSupervised(db, within),
  ]);
  const rowOf = (unitId: string, label: string, of: (id: string) => boolean, total?: number) =>
    tally(
      { unitId, label },
      {
        steps: steps.filter((r) => of(r.unit_id)),
        receipts: receipts.filter((r) => of(r.unit_id)),
        notices: notices.filter((r) => of(r.unit_id)),
        returns: returns.filter((r) => of(r.unit_id)),
      },
      calendar,
      total,
    );
  const rows = units
    .map((u) => rowOf(u.id, u.name, (id) => id === u.id))
    .filter((row) => row.yellow + row.red + row.notices.issued > 0);
  return {
    unit: { id: scope.unit.id, name: scope.unit.name },
    subtree: scope.subtree,
    period,
    today,
    rows: worstFirst(rows),
    total: rowOf(scope.unit.id, '合计', () => true, cases),
  };
}

interface Within {
  ids: readonly string[];
  /** The first instant of the period, and the first after it. */
  from: string;
  to: string;
}

/** The grouped counts one row of figures is made from. */
export interface Grouped {
  steps: readonly { unit_id: string; level: number; n: number }[];
  /** Acknowledged red steps by the UTC hour raised and the UTC hour acknowledged (`YYYY-MM-DDTHH`). */
  receipts: readonly { unit_id: string; raised: string; acknowledged: string; n: number }[];
  notices: readonly NoticeCounts[];
  returns: readonly { unit_id: string; n: number }[];
}

interface NoticeCounts {
  unit_id: string;
  issued: number;
  on_time: number;
  late: number;
  waiting: number;
  overdue: number;
  ended: number;
  cases: number;
}

/**
 * One row from its grouped counts: `casesSupervised` is the distinct cases of the total, counted
 * on their own (a case supervised at two units is one case), or the unit's own.
 */
export function tally(
  unit: { unitId: string; label: string },
  grouped: Grouped,
  calendar: Calendar,
  casesOfTotal?: number,
): SupervisionFiguresRow {
  const levels = new Map<number, number>();
  for (const s of grouped.steps) levels.set(s.level, (levels.get(s.level) ?? 0) + s.n);
  const redLevels = [...levels]
    .filter(([level]) => level >= 1)
    .sort(([a], [b]) => a - b)
    .map(([level, steps]) => ({ level, steps }));
  const days = grouped.receipts.map((r) => ({
    days: workingDaysAfter(hourDate(r.raised), hourDate(r.acknowledged), calendar),
    n: r.n,
  }));
  const sum = (key: Exclude<keyof NoticeCounts, 'unit_id'>) =>
    grouped.notices.reduce((total, r) => total + r[key], 0);
  return {
    ...unit,
    yellow: levels.get(0) ?? 0,
    red: redLevels.reduce((total, l) => total + l.steps, 0),
    redLevels,
    redAcknowledged: days.reduce((total, d) => total + d.n, 0),
    acknowledgeDays: {
      median: weightedMedian(days),
      longest: days.length ? Math.max(...days.map((d) => d.days)) : null,
    },
    notices: {
      issued: sum('issued'),
      answeredOnTime: sum('on_time'),
      answeredLate: sum('late'),
      waiting: sum('waiting'),
      overdue: sum('overdue'),
      ended: sum('ended'),
      returned: grouped.returns.reduce((total, r) => total + r.n, 0),
    },
    casesSupervised: casesOfTotal ?? sum('cases'),
  };
}

/** The Beijing date of an hour given in UTC: Beijing is a whole eight hours ahead. */
const hourDate = (utcHour: string) => beijingDate(`${utcHour}:00:00.000Z`);

/** The middle of the values counted `n` times each; the mean of the two middle ones for an even count. */
export function weightedMedian(values: readonly { days: number; n: number }[]): number | null {
  const sorted = [...values].filter((v) => v.n > 0).sort((a, b) => a.days - b.days);
  const count = sorted.reduce((total, v) => total + v.n, 0);
  if (count === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const v of sorted) {
      seen += v.n;
      if (index < seen) return v.days;
    }
    return sorted[sorted.length - 1]?.days ?? 0;
  };
  return (at(Math.floor((count - 1) / 2)) + at(Math.floor(count / 2))) / 2;
}

/**
 * Worst first: the answers owed past their date (overdue now, or given late), then red steps,
 * answers sent back, yellow steps; ties in the org tree's order.
 */
export function worstFirst(rows: readonly SupervisionFiguresRow[]): SupervisionFiguresRow[] {
  const keys = (r: SupervisionFiguresRow) => [
    r.notices.overdue + r.notices.answeredLate,
    r.red,
    r.notices.returned,
    r.yellow,
  ];
  return rows
    .map((row, index) => ({ row, index, keys: keys(row) }))
    .sort((a, b) => {
      for (let i = 0; i < a.keys.length; i += 1) {
        const d = (b.keys[i] ?? 0) - (a.keys[i] ?? 0);
        if (d !== 0) return d;
      }
      return a.index - b.index;
    })
    .map((entry) => entry.row);
}

// MySQL answers COUNT and SUM as numbers or decimal strings: every count passes through Number.
const n = (value: unknown) => Number(value ?? 0);

/** The steps raised in the period, per unit and level; withdrawn ones (a red moved later) left out. */
async function stepCounts(db: Kysely<DB>, within: Within): Promise<Grouped['steps']> {
  const rows = await db
    .selectFrom('escalation')
    .select(['unit_id', 'level', (eb) => eb.fn.countAll().as('n')])
    .where('unit_id', 'in', within.ids)
    .where('reached_at', '>=', within.from)
    .where('reached_at', '<', within.to)
    .where('withdrawn_at', 'is', null)
    .groupBy(['unit_id', 'level'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, level: n(r.level), n: n(r.n) }));
}

/** The red steps raised in the period and acknowledged, per unit, hour raised and hour acknowledged. */
async function receiptCounts(db: Kysely<DB>, within: Within): Promise<Grouped['receipts']> {
  const raised = sql<string>`substr(reached_at, 1, 13)`;
  const acknowledged = sql<string>`substr(acknowledged_at, 1, 13)`;
  const rows = await db
    .selectFrom('escalation')
    .select([
      'unit_id',
      raised.as('raised'),
      acknowledged.as('acknowledged'),
      (eb) => eb.fn.countAll().as('n'),
    ])
    .where('unit_id', 'in', within.ids)
    .where('reached_at', '>=', within.from)
    .where('reached_at', '<', within.to)
    .where('flag', '=', 'red')
    .where('withdrawn_at', 'is', null)
    .where('acknowledged_at', 'is not', null)
    .groupBy(['unit_id', raised, acknowledged])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, raised: r.raised, acknowledged: r.acknowledged, n: n(r.n) }));
}

/**
 * An answer is on time when given by the end of its due date in Beijing (16:00 UTC that day): its
 * UTC date before the due date, or the due date itself before 16:00. Plain string prefixes, so
 * both dialects compare them alike.
 */
const ANSWERED_ON_TIME = sql<boolean>`(substr(answered_at, 1, 10) < due_date or (substr(answered_at, 1, 10) = due_date and substr(answered_at, 12, 2) < '16'))`;

/** The 督办单 issued in the period, per unit, by where each stands now. */
async function noticeCounts(db: Kysely<DB>, within: Within, today: string): Promise<NoticeCounts[]> {
  const rows = await db
    .selectFrom('supervision_notice')
    .select([
      'unit_id',
      (eb) => eb.fn.countAll().as('issued'),
      sql`sum(case when answered_at is not null and ${ANSWERED_ON_TIME} then 1 else 0 end)`.as('on_time'),
      sql`sum(case when answered_at is not null and not ${ANSWERED_ON_TIME} then 1 else 0 end)`.as('late'),
      sql`sum(case when answered_at is null and ended_at is null and due_date >= ${today} then 1 else 0 end)`.as(
        'waiting',
      ),
      sql`sum(case when answered_at is null and ended_at is null and due_date < ${today} then 1 else 0 end)`.as(
        'overdue',
      ),
      sql`sum(case when answered_at is null and ended_at is not null then 1 else 0 end)`.as('ended'),
      (eb) => eb.fn.count('petition_id').distinct().as('cases'),
    ])
    .where('unit_id', 'in', within.ids)
    .where('issued_at', '>=', within.from)
    .where('issued_at', '<', within.to)
    .groupBy('unit_id')
    .execute();
  return rows.map((r) => ({
    unit_id: r.unit_id,
    issued: n(r.issued),
    on_time: n(r.on_time),
    late: n(r.late),
    waiting: n(r.waiting),
    overdue: n(r.overdue),
    ended: n(r.ended),
    cases: n(r.cases),
  }));
}

/**
 * The answers sent back for a new one, of the notices issued in the period: the review events
 * that returned them (the notice's row keeps only its latest review). `data` is the event's JSON;
 * `json_extract` reads the notice number alike on both dialects (MySQL answers it as text, which
 * compares equal to the number).
 */
async function returnCounts(db: Kysely<DB>, within: Within): Promise<Grouped['returns']> {
  const rows = await db
    .selectFrom('supervision_notice as sn')
    .innerJoin('petition_event as ev', 'ev.petition_id', 'sn.petition_id')
    .select(['sn.unit_id', (eb) => eb.fn.countAll().as('n')])
    .where('sn.unit_id', 'in', within.ids)
    .where('sn.issued_at', '>=', within.from)
    .where('sn.issued_at', '<', within.to)
    .where('ev.type', '=', 'supervision_reviewed')
    .where(sql<boolean>`json_extract(ev.data, '$.no') = sn.no`)
    .where('ev.data', 'like', '%"decision":"returned"%')
    .groupBy('sn.unit_id')
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, n: n(r.n) }));
}

/** The distinct cases with a 督办单 issued in the period anywhere in the scope. */
async function casesSupervised(db: Kysely<DB>, within: Within): Promise<number> {
  const row = await db
    .selectFrom('supervision_notice')
    .select((eb) => eb.fn.count('petition_id').distinct().as('n'))
    .where('unit_id', 'in', within.ids)
    .where('issued_at', '>=', within.from)
    .where('issued_at', '<', within.to)
    .executeTakeFirst();
  return n(row?.n);
}
