import type { FigureFact, FigureMetric, SuggestionFact } from '@xinfang/shared/figures';
import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf, onConflictUpdate } from '../../db/dialect';
import { prepared, rowInserter } from '../../db/prepared';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** The petition's columns a rollup is keyed by beside day, unit and metric. */
export interface RollupDimensions {
  channel: string;
  kind: string;
  categoryCode: string;
}

const UNDIVIDED: RollupDimensions = { channel: '', kind: '', categoryCode: '' };

/**
 * The dimensions a metric's rollups keep. Only the petitions received are broken down by channel,
 * kind and category (the figures' breakdowns); every other metric is summed per unit alone, which
 * keeps a year's rollups a few thousand rows at any volume (issue 14: p95 ≤ 100 ms at 1,000,000).
 */
export function rollupDimensions(metric: string, petition: RollupDimensions): RollupDimensions {
  return metric === 'received'
    ? { channel: petition.channel, kind: petition.kind, categoryCode: petition.categoryCode }
    : UNDIVIDED;
}

export interface PetitionFigureRow extends RollupDimensions {
  receivedAt: string;
}

export async function figureRowOf(db: Db, petitionId: string): Promise<PetitionFigureRow | null> {
  const row = await db
    .selectFrom('petition')
    .select(['channel', 'kind', 'category_code', 'received_at'])
    .where('id', '=', petitionId)
    .executeTakeFirst();
  return row
    ? { channel: row.channel, kind: row.kind, categoryCode: row.category_code, receivedAt: row.received_at }
    : null;
}

/**
 * 重复信访: the petition is linked as the same matter to one of the same person's petitions that
 * came in before it (links are kept both ways; the earlier petition of a pair is not the repeat).
 */
export async function isRepeat(db: Db, petitionId: string, receivedAt: string): Promise<boolean> {
  const row = await db
    .selectFrom('petition_link as l')
    .innerJoin('petition as o', 'o.id', 'l.linked_id')
    .select('l.linked_id')
    .where('l.petition_id', '=', petitionId)
    .where((eb) =>
      eb.or([
        eb('o.received_at', '<', receivedAt),
        eb.and([eb('o.received_at', '=', receivedAt), eb('o.id', '<', petitionId)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The suggestions to improve work issued from a petition, as the figures count them. */
export async function suggestionsOf(db: Db, petitionId: string): Promise<SuggestionFact[]> {
  const rows = await db
    .selectFrom('improvement_suggestion')
    .select(['issued_at', 'adoption', 'decided_at'])
    .where('petition_id', '=', petitionId)
    .execute();
  return rows.map((r) => ({ issuedAt: r.issued_at, adoption: r.adoption, decidedAt: r.decided_at }));
}

/**
 * The facts stored for a petition, read to be replaced. On MySQL a locking read: it sees what
 * another transaction committed since this one began, and holds it until this one ends. Two
 * submissions received no later than a stored petition (in its millisecond, or registered with an
 * earlier date) can both make it a repeat: with a plain read each inserted its fact, and the second
 * failed on the key (CI, Galera, a burst of one person's submissions). SQLite has one writer.
 */
export async function storedFacts(trx: Transaction<DB>, petitionId: string): Promise<FigureFact[]> {
  const query = trx
    .selectFrom('figure_fact')
    .select(['metric', 'day', 'unit_id', 'value'])
    .where('petition_id', '=', petitionId);
  const rows = await (dialectOf(trx) === 'mysql' ? query.forUpdate() : query).execute();
  return rows.map((r) => ({
    metric: r.metric as FigureMetric,
    day: r.day,
    unitId: r.unit_id,
    value: Number(r.value),
  }));
}

/** One rollup row's change: `delta` added to the sum under this key. */
export interface RollupDelta extends RollupDimensions {
  metric: string;
  day: string;
  unitId: string;
  delta: number;
}

/**
 * The same deltas summed per month (`day` holds the month, YYYY-MM): the monthly rollups that a
 * period of whole months reads instead of its days.
 */
export function monthlyDeltas(deltas: readonly RollupDelta[]): RollupDelta[] {
  const months = new Map<string, RollupDelta>();
  for (const d of deltas) {
    const month = { ...d, day: d.day.slice(0, 7) };
    const key = rollupKey(month);
    const sum = months.get(key);
    months.set(key, sum ? { ...sum, delta: sum.delta + d.delta } : month);
  }
  return [...months.values()].filter((d) => d.delta !== 0);
}

/**
 * Replaces a petition's changed facts and moves the daily and monthly rollups by the difference.
 * Rollup rows are touched in key order, so two changes that share keys never wait on each other
 * crosswise (MySQL).
 */
export async function replaceFacts(
  trx: Transaction<DB>,
  petitionId: string,
  removed: readonly FigureFact[],
  added: readonly FigureFact[],
  deltas: readonly RollupDelta[],
): Promise<void> {
  if (removed.length > 0) {
    await trx
      .deleteFrom('figure_fact')
      .where('petition_id', '=', petitionId)
      .where(
        'metric',
        'in',
        removed.map((f) => f.metric),
      )
      .execute();
  }
  await insertFacts(
    trx,
    added.map((f) => ({
      petition_id: petitionId,
      metric: f.metric,
      day: f.day,
      unit_id: f.unitId,
      value: f.value,
    })),
  );
  for (const d of inKeyOrder(deltas))
    await addToDay(trx, d.metric, d.day, d.unitId, d.channel, d.kind, d.categoryCode, d.delta);
  for (const d of inKeyOrder(monthlyDeltas(deltas)))
    await addToMonth(trx, d.metric, d.day, d.unitId, d.channel, d.kind, d.categoryCode, d.delta);
}

// Prepared: every lifecycle change runs them (db/prepared.ts).
const insertFacts = rowInserter('figure_fact');
const addToDay = prepared(
  (
    db,
    metric: string,
    day: string,
    unitId: string,
    channel: string,
    kind: string,
    category: string,
    delta: number,
  ) =>
    onConflictUpdate(
      db,
      db.insertInto('figure_rollup').values({
        metric,
        day,
        unit_id: unitId,
        channel,
        kind,
        category_code: category,
        value: delta,
      }),
      ['day', 'unit_id', 'metric', 'channel', 'kind', 'category_code'],
      { value: sql<number>`${sql.ref('figure_rollup.value')} + ${delta}` },
    ),
);
const addToMonth = prepared(
  (
    db,
    metric: string,
    month: string,
    unitId: string,
    channel: string,
    kind: string,
    category: string,
    delta: number,
  ) =>
    onConflictUpdate(
      db,
      db.insertInto('figure_rollup_month').values({
        metric,
        month,
        unit_id: unitId,
        channel,
        kind,
        category_code: category,
        value: delta,
      }),
      ['month', 'unit_id', 'metric', 'channel', 'kind', 'category_code'],
      { value: sql<number>`${sql.ref('figure_rollup_month.value')} + ${delta}` },
    ),
);

function inKeyOrder(deltas: readonly RollupDelta[]): RollupDelta[] {
  return [...deltas].sort((a, b) => compare(rollupKey(a), rollupKey(b)));
}

/** The rollup key in the primary key's order. */
export function rollupKey(k: Omit<RollupDelta, 'delta'>): string {
  return [k.day, k.unitId, k.metric, k.channel, k.kind, k.categoryCode].join('\u0000');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
