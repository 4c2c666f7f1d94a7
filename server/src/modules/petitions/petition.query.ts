import type { Calendar } from '@xinfang/shared/clocks';
import { OPEN_STATES } from '@xinfang/shared/lifecycle';
import type { PetitionListQuery, PetitionPage } from '@xinfang/shared/schemas/petitions';
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { accuserShown } from '../../access/accuser-firewall';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { pathIds, pathOf, withinPath } from '../../db/subtree';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { type InboxQueue, isOverdue, QUEUE_STATES, standingQueues } from './inbox-queues';
import type { InboxCounts } from './inbox-tally';
import { tallyCounts } from './inbox-tally.repository';
import { summaries } from './petition.read';
import { hydrate, SUMMARY_COLUMNS } from './petition.repository';

type PetitionQuery = SelectQueryBuilder<DB, 'petition', object>;

const DUE_SOON_MS = 3 * 24 * 3600_000;

/** Orders of a list: nearest deadline first, newest first, or longest waiting first. */
const SORTS = {
  due: { column: 'next_due_at', direction: 'asc' },
  received: { column: 'received_at', direction: 'desc' },
  oldest: { column: 'received_at', direction: 'asc' },
} as const satisfies Record<
  NonNullable<PetitionListQuery['sort']>,
  { column: string; direction: 'asc' | 'desc' }
>;
const NUMBER = /^XF(\d{4})-?(\d{1,6})$/i;
const PHONE = /^(\+?86)?1[3-9]\d{9}$/;

/** A search term that is a phone number: it travels only in a POST body, never in a URL. */
export function isPhoneSearch(search: string | undefined): boolean {
  return search !== undefined && PHONE.test(search.replace(/[\s-]/g, ''));
}

/**
 * Lists of petitions: a petitioner's own, newest first; a staff inbox over their subtree (minus
 * the petitions they are recused from), nearest deadline first — both by keyset pagination, so a
 * page never repeats or skips a row when new petitions arrive.
 */
export function createPetitionQueries(deps: { db: Kysely<DB>; pii: PiiCipher; calendar: Calendar }) {
  const { db, pii, calendar } = deps;

  /** Petitions the caller may see: their own, or those seen by a unit of their subtree. */
  function scoped(principal: Principal): PetitionQuery {
    const query = db.selectFrom('petition');
    if (principal.kind === 'petitioner') return query.where('petition.petitioner_id', '=', principal.id);
    return withinSubtree(query, principal.unit.path).where(({ eb, selectFrom }) =>
      eb(
        'petition.id',
        'not in',
        selectFrom('petition_recusal')
          .select('petition_recusal.petition_id')
          .where('petition_recusal.staff_id', '=', principal.id),
      ),
    );
  }

  /**
   * Petitions seen by a unit of the subtree at `path`: a correlated scalar subquery per petition,
   * so that the database walks the list's sort index and stops after one page. With `IN` (or `EXISTS`, which MariaDB turns into the same
   *   semi-join) both SQLite and MariaDB collected and sorted every petition of the subtree first:
   *   1.5–2.8 s per inbox page for a mine at 100,000 petitions, against a few milliseconds now
   *   (docs/benchmarks.md). The price: a subtree that sees almost no petitions walks the whole index.
   */
  function withinSubtree(query: PetitionQuery, path: readonly string[]): PetitionQuery {
    if (path.length === 1) return query; // the root of the organisation sees every petition
    const range = withinPath('org_unit.path', pathOf(path));
    return query.where(({ eb, selectFrom }) =>
      eb(
        selectFrom('petition_unit')
          .innerJoin('org_unit', 'org_unit.id', 'petition_unit.unit_id')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('petition_unit.petition_id', '=', 'petition.id')
          .where(range),
        '>',
        0,
      ),
    );
  }

  function filtered(
    query: PetitionQuery,
    filter: PetitionListQuery,
    now: Date,
    principal: Principal,
  ): PetitionQuery {
    let q = query;
    const at = now.toISOString();
    const queue = filter.queue;
    if (queue === 'mine') q = mine(q, principal);
    else if (queue && queue !== 'all') q = q.where((eb) => inQueue(eb, queue, at));
    if (filter.state) q = q.where('petition.state', '=', filter.state);
    if (filter.kind) q = q.where('petition.kind', '=', filter.kind);
    if (filter.channel) q = q.where('petition.channel', '=', filter.channel);
    if (filter.categoryCode) q = q.where('petition.category_code', '=', filter.categoryCode);
    if (filter.due === 'overdue') q = q.where('petition.next_due_at', '<', at);
    if (filter.due === 'soon') {
      q = q
        .where('petition.next_due_at', '>=', at)
        .where('petition.next_due_at', '<=', new Date(now.getTime() + DUE_SOON_MS).toISOString());
    }
    if (filter.receivedFrom)
      q = q.where('petition.received_at', '>=', new Date(filter.receivedFrom).toISOString());
    if (filter.receivedTo)
      q = q.where('petition.received_at', '<', new Date(filter.receivedTo).toISOString());
    return q;
  }

  /** Narrows to petitions seen by a unit's subtree (never wider than the caller's own scope). */
  async function unitFilter(query: PetitionQuery, unitId: string | undefined): Promise<PetitionQuery | null> {
    if (!unitId) return query;
    const unit = await db.selectFrom('org_unit').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!unit) return null;
    return withinSubtree(query, pathIds(unit.path));
  }

  /** A number (`XF2026-000123`) or a phone number (by its keyed hash, for staff). */
  async function searched(
    query: PetitionQuery,
    search: string | undefined,
    context: RequestContext,
    principal: Principal,
  ) {
    const staff = principal.kind === 'staff';
    if (!search) return query;
    const term = search.replace(/[\s-]/g, '');
    const number = NUMBER.exec(search.trim());
    if (number)
      return query.where('petition.number', '=', `XF${number[1]}-${(number[2] ?? '').padStart(6, '0')}`);
    if (staff && PHONE.test(term)) {
      // Whoever signed in with the phone, and the people registered at a desk with it.
      const phoneHash = pii.lookupHash('phone', term);
      const holders = await db
        .selectFrom('petitioner_account')
        .select('id')
        .where((eb) => eb.or([eb('phone_hash', '=', phoneHash), eb('contact_phone_hash', '=', phoneHash)]))
        .execute();
      await recordAudit(
        db,
        context.actor,
        { action: 'petition.search_by_phone', outcome: 'success', details: { found: holders.length > 0 } },
        context.now,
      );
      if (holders.length === 0) return null;
      // Art 30: a search by phone must not tell staff of an accused unit who accused it.
      return query
        .where(
          'petition.petitioner_id',
          'in',
          holders.map((h) => h.id),
        )
        .where(accuserShown(principal));
    }
    return query.where('petition.title', 'like', `%${search.replace(/[%_\\]/g, '')}%`);
  }

  async function list(
    context: RequestContext,
    principal: Principal,
    filter: PetitionListQuery,
  ): Promise<PetitionPage> {
    const limit = filter.limit ?? 20;
    const sort = SORTS[filter.sort ?? (principal.kind === 'staff' ? 'due' : 'received')];
    let query: PetitionQuery | null = filtered(scoped(principal), filter, context.now, principal);
    query = await unitFilter(query, filter.unitId);
    if (query) query = await searched(query, filter.search, context, principal);
    if (!query) return { items: [], nextCursor: null };

    const column = `petition.${sort.column}` as const;
    const after = sort.direction === 'asc' ? '>' : '<';
    if (filter.cursor) {
      const [first, id] = decodeCursor(filter.cursor, 2) as [string, string];
      query = query.where((eb) =>
        eb.or([eb(column, after, first), eb.and([eb(column, '=', first), eb('petition.id', after, id)])]),
      );
    }
    // The page's ids first, then their rows: the sort then handles narrow index entries, not the
    // wide rows with their lifecycle text (a "deferred join"). CROSS JOIN keeps the page as the
    // outer loop in SQLite, which does not reorder it: with an inner join and the limit bound as
    // a parameter it walked the whole table to probe the page instead (~28 ms against ~1 ms).
    const pageIds = query
      .orderBy(column, sort.direction)
      .orderBy('petition.id', sort.direction)
      .select('petition.id')
      .limit(limit + 1)
      .as('page');
    const rows = await db
      .selectFrom(pageIds)
      .crossJoin('petition')
      .whereRef('petition.id', '=', 'page.id')
      .select(SUMMARY_COLUMNS.map((c) => `petition.${c}` as const))
      .orderBy(column, sort.direction)
      .orderBy('petition.id', sort.direction)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: summaries(principal, await hydrate(db, page), context.now, calendar),
      nextCursor: rows.length > limit && last ? encodeCursor([last[sort.column], last.id]) : null,
    };
  }

  /**
   * How many petitions wait in each queue of a staff inbox: from the tallies kept by the write path
   * for the staff member's unit (inbox-tally.ts), one index range whatever the number of petitions,
   * minus the few petitions they are recused from (Art 28), counted live.
   */
  async function counts(context: RequestContext, staff: StaffPrincipal): Promise<InboxCounts> {
    const at = context.now.toISOString();
    const counts = await tallyCounts(db, { unitId: staff.unit.id, staffId: staff.id }, at);
    const recused = await withinSubtree(db.selectFrom('petition'), staff.unit.path)
      .innerJoin('petition_recusal', 'petition_recusal.petition_id', 'petition.id')
      .select(['petition.state', 'petition.awaiting_approval', 'petition.next_due_at'])
      .where('petition_recusal.staff_id', '=', staff.id)
      .execute();
    for (const row of recused) {
      const facts = {
        state: row.state,
        awaitingApproval: row.awaiting_approval === 1,
        nextDueAt: row.next_due_at,
      };
      counts.all -= 1;
      for (const queue of standingQueues(facts)) counts[queue] -= 1;
      if (isOverdue(facts, at)) counts.overdue -= 1;
    }
    return counts;
  }

  return { list, counts };
}

/** 我承办的: the open cases the staff member answers for (Art 24); a petitioner has none. */
function mine(query: PetitionQuery, principal: Principal): PetitionQuery {
  return query
    .where('petition.handler_id', '=', principal.kind === 'staff' ? principal.id : '')
    .where('petition.state', 'in', [...OPEN_STATES]);
}

/** What puts a petition in an inbox queue (besides `all` and `mine`), as a condition for the lists. */
function inQueue(eb: ExpressionBuilder<DB, 'petition'>, queue: Exclude<InboxQueue, 'mine'>, at: string) {
  switch (queue) {
    case 'triage':
      return eb('petition.state', 'in', [...QUEUE_STATES.triage]);
    case 'handling':
      return eb('petition.state', 'in', [...QUEUE_STATES.handling]);
    case 'approval':
      return eb('petition.awaiting_approval', '=', 1);
    case 'overdue':
      return eb('petition.next_due_at', '<', at);
  }
}
