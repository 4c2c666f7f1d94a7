import { OPEN_STATES } from '@xinfang/shared/lifecycle';
import type { PetitionListQuery } from '@xinfang/shared/schemas/petitions';
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import { preparedBy } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { QUEUE_STATES } from './inbox-queues';
import { SUMMARY_COLUMNS } from './petition.repository';

type Db = Kysely<DB> | Transaction<DB>;
export type PetitionQuery = SelectQueryBuilder<DB, 'petition', object>;

/** Orders of a list: nearest deadline first, newest first, or longest waiting first. */
export const SORTS = {
  due: { column: 'next_due_at', direction: 'asc' },
  received: { column: 'received_at', direction: 'desc' },
  oldest: { column: 'received_at', direction: 'asc' },
} as const satisfies Record<
  NonNullable<PetitionListQuery['sort']>,
  { column: string; direction: 'asc' | 'desc' }
>;
export type Sort = keyof typeof SORTS;
export type PageQueue = NonNullable<PetitionListQuery['queue']>;

/**
 * What a list page's statement compares with, by name. A condition is in the statement exactly
 * when its value is present, so the names present (with the order and the queue) are the
 * statement's shape and every value is a parameter: one statement per shape is built and compiled
 * once (`preparedBy`), where Kysely took ~6% of an inbox request to build it each time.
 */
export interface PageValues {
  /** A petitioner's own petitions. */
  owner?: string;
  /** Petitions seen by a unit of the caller's subtree: the subtree's path range. */
  subtreeFrom?: string;
  subtreeTo?: string;
  /** Staff see none of the petitions they are recused from (Art 28). */
  recusedStaff?: string;
  /** 我承办的: the staff member's open cases (Art 24). */
  handler?: string;
  /** The instant a deadline must be past: the overdue queue, or the overdue filter. */
  overdueAt?: string;
  soonFrom?: string;
  soonTo?: string;
  state?: string;
  kind?: string;
  channel?: string;
  category?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Narrowed to a unit's subtree (never wider than the caller's own scope). */
  unitFrom?: string;
  unitTo?: string;
  number?: string;
  titleLike?: string;
  /** The sort key and id of the last line of the previous page. */
  afterKey?: string;
  afterId?: string;
  /** One more than a page, to tell whether another follows. */
  limit: number;
}

/** The conditions' values, before the page's size is known. */
export type PageConditions = Omit<PageValues, 'limit'>;

/**
 * Petitions seen by a unit of the subtree whose paths lie in [from, to): a correlated scalar
 * subquery per petition, so that the database walks the list's sort index and stops after one
 * page. With `IN` (or `EXISTS`, which MariaDB turns into the same semi-join) both SQLite and
 * MariaDB collected and sorted every petition of the subtree first: 1.5–2.8 s per inbox page for
 * a mine at 100,000 petitions, against a few milliseconds now (docs/benchmarks.md). The price: a
 * subtree that sees almost no petitions walks the whole index.
 */
export function withinSubtree(query: PetitionQuery, from: string, to: string): PetitionQuery {
  return query.where(({ eb, selectFrom }) =>
    eb(
      selectFrom('petition_unit')
        .innerJoin('org_unit', 'org_unit.id', 'petition_unit.unit_id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('petition_unit.petition_id', '=', 'petition.id')
        .where('org_unit.path', '>=', from)
        .where('org_unit.path', '<', to),
      '>',
      0,
    ),
  );
}

/**
 * One page of a list. `narrow` adds a condition whose shape depends on its values (a search by
 * phone: the holders found and the accuser firewall); a page with one is built and run as is.
 */
export function pageQuery(
  db: Db,
  v: PageValues,
  sort: Sort,
  queue: PageQueue,
  narrow?: (query: PetitionQuery) => PetitionQuery,
) {
  let q: PetitionQuery = db.selectFrom('petition');
  if (v.owner !== undefined) q = q.where('petition.petitioner_id', '=', v.owner);
  if (v.subtreeFrom !== undefined && v.subtreeTo !== undefined)
    q = withinSubtree(q, v.subtreeFrom, v.subtreeTo);
  const recused = v.recusedStaff;
  if (recused !== undefined)
    q = q.where(({ eb, selectFrom }) =>
      eb(
        'petition.id',
        'not in',
        selectFrom('petition_recusal')
          .select('petition_recusal.petition_id')
          .where('petition_recusal.staff_id', '=', recused),
      ),
    );
  if (v.handler !== undefined)
    q = q.where('petition.handler_id', '=', v.handler).where('petition.state', 'in', [...OPEN_STATES]);
  if (queue === 'triage') q = q.where('petition.state', 'in', [...QUEUE_STATES.triage]);
  if (queue === 'handling') q = q.where('petition.state', 'in', [...QUEUE_STATES.handling]);
  if (queue === 'approval') q = q.where('petition.awaiting_approval', '=', 1);
  if (v.overdueAt !== undefined) q = q.where('petition.next_due_at', '<', v.overdueAt);
  if (v.state !== undefined) q = q.where('petition.state', '=', v.state);
  if (v.kind !== undefined) q = q.where('petition.kind', '=', v.kind);
  if (v.channel !== undefined) q = q.where('petition.channel', '=', v.channel);
  if (v.category !== undefined) q = q.where('petition.category_code', '=', v.category);
  if (v.soonFrom !== undefined) q = q.where('petition.next_due_at', '>=', v.soonFrom);
  if (v.soonTo !== undefined) q = q.where('petition.next_due_at', '<=', v.soonTo);
  if (v.receivedFrom !== undefined) q = q.where('petition.received_at', '>=', v.receivedFrom);
  if (v.receivedTo !== undefined) q = q.where('petition.received_at', '<', v.receivedTo);
  if (v.unitFrom !== undefined && v.unitTo !== undefined) q = withinSubtree(q, v.unitFrom, v.unitTo);
  if (v.number !== undefined) q = q.where('petition.number', '=', v.number);
  if (v.titleLike !== undefined) q = q.where('petition.title', 'like', v.titleLike);
  if (narrow) q = narrow(q);

  const { column: name, direction } = SORTS[sort];
  const column = `petition.${name}` as const;
  const { afterKey, afterId } = v;
  if (afterKey !== undefined && afterId !== undefined) {
    const after = direction === 'asc' ? '>' : '<';
    q = q.where((eb) =>
      eb.or([
        eb(column, after, afterKey),
        eb.and([eb(column, '=', afterKey), eb('petition.id', after, afterId)]),
      ]),
    );
  }
  // The page's ids first, then their rows: the sort then handles narrow index entries, not the
  // wide rows with their lifecycle text (a "deferred join"). CROSS JOIN keeps the page as the
  // outer loop in SQLite, which does not reorder it: with an inner join and the limit bound as
  // a parameter it walked the whole table to probe the page instead (~28 ms against ~1 ms).
  const pageIds = q
    .orderBy(column, direction)
    .orderBy('petition.id', direction)
    .select('petition.id')
    .limit(v.limit)
    .as('page');
  return db
    .selectFrom(pageIds)
    .crossJoin('petition')
    .whereRef('petition.id', '=', 'page.id')
    .select(SUMMARY_COLUMNS.map((c) => `petition.${c}` as const))
    .orderBy(column, direction)
    .orderBy('petition.id', direction);
}

const statements = new Map<string, ReturnType<typeof preparedPage>>();

function preparedPage(sort: Sort, queue: PageQueue) {
  return preparedBy(
    (v: PageValues) => Object.keys(v).join(),
    (db, v) => pageQuery(db, v, sort, queue),
  );
}

/** Runs a page's statement, prepared per order, queue and the names of the values present. */
export async function runPage(db: Db, v: PageValues, sort: Sort, queue: PageQueue) {
  const key = `${sort}\u0000${queue}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = preparedPage(sort, queue);
    statements.set(key, statement);
  }
  return (await statement(db, v)).rows;
}
