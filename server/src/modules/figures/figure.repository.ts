import type { FigureFact, FigureMetric, SuggestionFact } from '@xinfang/shared/figures';
import type { Petition } from '@xinfang/shared/lifecycle';
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf, onConflictUpdate, proposedValue } from '../../db/dialect';
import { preparedBy, rowInserter } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { eventOf } from '../petitions/event-row';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Counting a petition again on MySQL. REPEATABLE READ reads from the snapshot of the transaction's
 * first plain read, so a count from it erased what another change committed since: a suggestion
 * issued, a link made, a case assigned at the same moment (an audit: 7 of 10 assignments counted).
 * Every transaction that counts a petition holds its row (`lockPetitions`; the write path's update
 * takes it), and reads what the count rests on with locking reads, which see the last committed
 * rows whenever the snapshot was taken. SQLite has one writer: its reads stay plain.
 */
function locking<Q extends { forUpdate(): Q }>(db: Db, query: Q): Q {
  return dialectOf(db) === 'mysql' && db.isTransaction ? query.forUpdate() : query;
}

/** Holds the petitions' rows until the commit (MySQL; in id order, so lockers never cross). */
export async function lockPetitions(trx: Transaction<DB>, ids: readonly string[]): Promise<void> {
  if (dialectOf(trx) !== 'mysql' || ids.length === 0) return;
  await trx
    .selectFrom('petition')
    .select('id')
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * The petitions as last committed, their rows locked (MySQL): the lifecycle and its events as a
 * count reads them. Unit paths are as stored: the figures count units by id.
 */
export async function latestPetitions(
  trx: Transaction<DB>,
  ids: readonly string[],
): Promise<{ petition: Petition; row: PetitionFigureRow }[]> {
  if (ids.length === 0) return [];
  const rows = await locking(
    trx,
    trx
      .selectFrom('petition')
      .select(['id', 'lifecycle', 'channel', 'kind', 'category_code', 'received_at'])
      .where('id', 'in', [...ids])
      .orderBy('id'),
  ).execute();
  const events = await locking(
    trx,
    trx
      .selectFrom('petition_event')
      .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
      .where('petition_id', 'in', [...ids])
      .orderBy('petition_id')
      .orderBy('seq'),
  ).execute();
  return rows.map((r) => {
    const petition = JSON.parse(r.lifecycle) as Petition;
    // As `hydrate`: rows written before Art 24's 承办人 was kept have no handler.
    petition.handlerId ??= null;
    petition.events = events.filter((e) => e.petition_id === r.id).map(eventOf);
    return {
      petition,
      row: { channel: r.channel, kind: r.kind, categoryCode: r.category_code, receivedAt: r.received_at },
    };
  });
}

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
  const row = await locking(
    db,
    db
      .selectFrom('petition')
      .select(['channel', 'kind', 'category_code', 'received_at'])
      .where('id', '=', petitionId),
  ).executeTakeFirst();
  return row
    ? { channel: row.channel, kind: row.kind, categoryCode: row.category_code, receivedAt: row.received_at }
    : null;
}

/**
 * 重复信访: the petition is linked as the same matter to one of the same person's petitions that
 * came in before it (links are kept both ways; the earlier petition of a pair is not the repeat).
 */
export async function isRepeat(db: Db, petitionId: string, receivedAt: string): Promise<boolean> {
  if (dialectOf(db) === 'mysql' && db.isTransaction) return isRepeatLocking(db, petitionId, receivedAt);
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

/**
 * `isRepeat` from the links as last committed, without locking the linked petitions: a lock on
 * each would make two linked cases acted on at once wait on each other crosswise. A petition's
 * receipt never changes, so the snapshot's is good; only when it lacks one (newer than the
 * snapshot) are they read locked.
 */
async function isRepeatLocking(db: Db, petitionId: string, receivedAt: string): Promise<boolean> {
  const links = await db
    .selectFrom('petition_link')
    .select('linked_id')
    .where('petition_id', '=', petitionId)
    .forUpdate()
    .execute();
  if (links.length === 0) return false;
  const ids = links.map((l) => l.linked_id);
  const receipts = (locked: boolean) => {
    const query = db.selectFrom('petition').select(['id', 'received_at']).where('id', 'in', ids);
    return (locked ? query.forUpdate() : query).execute();
  };
  const seen = await receipts(false);
  const others = seen.length < ids.length ? await receipts(true) : seen;
  return others.some(
    (o) => o.received_at < receivedAt || (o.received_at === receivedAt && o.id < petitionId),
  );
}

/** The suggestions to improve work issued from a petition, as the figures count them. */
export async function suggestionsOf(db: Db, petitionId: string): Promise<SuggestionFact[]> {
  const rows = await locking(
    db,
    db
      .selectFrom('improvement_suggestion')
      .select(['issued_at', 'adoption', 'decided_at'])
      .where('petition_id', '=', petitionId),
  ).execute();
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
  const rows = await locking(
    trx,
    trx
      .selectFrom('figure_fact')
      .select(['metric', 'day', 'unit_id', 'value'])
      .where('petition_id', '=', petitionId),
  ).execute();
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
 * Replaces a petition's changed facts (a fact is a metric on a day) and moves the daily and monthly
 * rollups by the difference, each in one statement. Rollup rows are touched in key order, so two
 * changes that share keys never wait on each other crosswise (MySQL).
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
      .where((eb) => eb.or(removed.map((f) => eb.and([eb('metric', '=', f.metric), eb('day', '=', f.day)]))))
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
  const days = inKeyOrder(deltas);
  if (days.length > 0)
    await addToDays(
      trx,
      days.map((d) => ({ metric: d.metric, day: d.day, ...rest(d) })),
    );
  const months = inKeyOrder(monthlyDeltas(deltas));
  if (months.length > 0)
    await addToMonths(
      trx,
      months.map((d) => ({ metric: d.metric, month: d.day, ...rest(d) })),
    );
}

/** A rollup row's columns after its metric and its day (or month). */
function rest(d: RollupDelta) {
  return {
    unit_id: d.unitId,
    channel: d.channel,
    kind: d.kind,
    category_code: d.categoryCode,
    value: d.delta,
  };
}

// Prepared per number of rows: every lifecycle change runs them (db/prepared.ts). One statement
// for all of a change's days and one for its months, however many metrics it moves.
const insertFacts = rowInserter('figure_fact');
const addToDays = preparedBy(
  (rows: readonly Insertable<DB['figure_rollup']>[]) => String(rows.length),
  (db, rows) =>
    onConflictUpdate(
      db,
      db.insertInto('figure_rollup').values(rows as Insertable<DB['figure_rollup']>[]),
      ['day', 'unit_id', 'metric', 'channel', 'kind', 'category_code'],
      { value: sql<number>`${sql.ref('figure_rollup.value')} + ${proposedValue(db, 'value')}` },
    ),
);
const addToMonths = preparedBy(
  (rows: readonly Insertable<DB['figure_rollup_month']>[]) => String(rows.length),
  (db, rows) =>
    onConflictUpdate(
      db,
      db.insertInto('figure_rollup_month').values(rows as Insertable<DB['figure_rollup_month']>[]),
      ['month', 'unit_id', 'metric', 'channel', 'kind', 'category_code'],
      { value: sql<number>`${sql.ref('figure_rollup_month.value')} + ${proposedValue(db, 'value')}` },
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
