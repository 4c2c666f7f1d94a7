import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf, proposedValue } from '../../db/dialect';
import { preparedBy } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import type { InboxCounts, TallyQueue, TallyRow } from './inbox-tally';
import { sumTallies, tallyKeys } from './inbox-tally';

type Db = Kysely<DB> | Transaction<DB>;

const BATCH = 500;

/** Adds a change's deltas to the tallies, in one statement (rows already in key order). */
export async function applyTallies(db: Db, rows: readonly TallyRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH)
    await addTallies(db, rows.slice(start, start + BATCH));
}

/**
 * The paths of the units whose tallies a change counts under, as they are now and not as the
 * caller's snapshot read them, locked on MySQL until the commit: a unit moving in the tree waits
 * for the change, or the change for the move (see `countInInboxes`).
 */
export async function currentUnitPaths(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const { rows } = await unitPaths(db, [...ids]);
  return new Map(rows.map((u) => [u.id, pathIds(u.path)]));
}

const unitPaths = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) => {
    const query = db.selectFrom('org_unit').select(['id', 'path']).where('id', 'in', ids);
    return dialectOf(db) === 'mysql' ? query.forUpdate() : query;
  },
);

const addTallies = preparedBy(
  (rows: readonly TallyRow[]) => String(rows.length),
  (db, rows) => {
    const insert = db.insertInto('inbox_tally').values([...rows]);
    // The existing count plus the proposed delta.
    const n = sql<number>`${sql.ref('inbox_tally.n')} + ${proposedValue(db, 'n')}`;
    return dialectOf(db) === 'mysql'
      ? insert.onDuplicateKeyUpdate({ n })
      : insert.onConflict((oc) => oc.columns(['unit_id', 'queue', 'due_at']).doUpdateSet({ n }));
  },
);

/**
 * An inbox's counts from its unit's tallies and the staff member's own (`mine`): two index ranges,
 * whatever the number of petitions.
 */
export async function tallyCounts(
  db: Db,
  inbox: { unitId: string; staffId: string },
  now: string,
): Promise<InboxCounts> {
  const rows = await db
    .selectFrom('inbox_tally')
    .select((eb) => ['queue', eb.fn.sum<number>('n').as('n')])
    .where('unit_id', '=', inbox.unitId)
    .where((eb) => eb.or([eb('queue', '<>', 'due'), eb('due_at', '<', now)]))
    .groupBy('queue')
    .execute();
  const counts: InboxCounts = { all: 0, triage: 0, handling: 0, approval: 0, overdue: 0, mine: 0 };
  for (const row of rows) {
    const queue = row.queue as TallyQueue;
    counts[queue === 'due' ? 'overdue' : queue] = Number(row.n ?? 0);
  }
  // Unit and staff ids never coincide: the unit's rows above hold no `mine` count.
  const mine = await db
    .selectFrom('inbox_tally')
    .select('n')
    .where('unit_id', '=', inbox.staffId)
    .where('queue', '=', 'mine')
    .where('due_at', '=', '')
    .executeTakeFirst();
  counts.mine = Number(mine?.n ?? 0);
  return counts;
}

/**
 * Every tally, counted afresh from the petitions and the units that see them (their paths as
 * they are now). For a unit that moved in the tree, and for tests that hold the kept tallies to
 * a recount.
 */
export async function recountTallies(db: Db): Promise<TallyRow[]> {
  const rows: TallyRow[] = [];
  let after = '';
  for (;;) {
    const petitions = await db
      .selectFrom('petition')
      .select(['id', 'state', 'awaiting_approval', 'next_due_at', 'handler_id'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    const last = petitions.at(-1);
    if (!last) break;
    after = last.id;
    const seen = await db
      .selectFrom('petition_unit as pu')
      .innerJoin('org_unit as u', 'u.id', 'pu.unit_id')
      .select(['pu.petition_id', 'u.id', 'u.path'])
      .where(
        'pu.petition_id',
        'in',
        petitions.map((p) => p.id),
      )
      .execute();
    const visible = new Map<string, typeof seen>();
    for (const s of seen) visible.set(s.petition_id, [...(visible.get(s.petition_id) ?? []), s]);
    for (const petition of petitions) {
      rows.push(
        ...tallyKeys({
          state: petition.state,
          awaitingApproval: petition.awaiting_approval === 1,
          nextDueAt: petition.next_due_at,
          handlerId: petition.handler_id,
          visible: (visible.get(petition.id) ?? []).map((u) => ({ id: u.id, path: pathIds(u.path) })),
        }),
      );
    }
  }
  return sumTallies(rows);
}

/** Replaces every tally with a recount (in the caller's transaction). */
export async function rebuildTallies(trx: Transaction<DB>): Promise<void> {
  const rows = await recountTallies(trx);
  await trx.deleteFrom('inbox_tally').execute();
  await applyTallies(trx, rows);
}

/** The tallies as kept (zero rows left out), in key order, for comparing with a recount. */
export async function keptTallies(db: Db): Promise<TallyRow[]> {
  const rows = await db
    .selectFrom('inbox_tally')
    .select(['unit_id', 'queue', 'due_at', 'n'])
    .where('n', '<>', 0)
    .execute();
  return sumTallies(rows.map((r) => ({ ...r, queue: r.queue as TallyQueue })));
}

/**
 * Housekeeping: tallies that count nothing any more (a due date every petition has moved past).
 * Deleted one by one by key and only while still zero, so a write that counts there again meanwhile
 * keeps its row.
 */
export async function purgeEmptyTallies(db: Kysely<DB>): Promise<number> {
  const empty = await db
    .selectFrom('inbox_tally')
    .select(['unit_id', 'queue', 'due_at'])
    .where('n', '=', 0)
    .execute();
  let purged = 0;
  for (const row of empty) {
    const result = await db
      .deleteFrom('inbox_tally')
      .where('unit_id', '=', row.unit_id)
      .where('queue', '=', row.queue)
      .where('due_at', '=', row.due_at)
      .where('n', '=', 0)
      .executeTakeFirst();
    purged += Number(result.numDeletedRows);
  }
  return purged;
}
