import type { Calendar } from '@xinfang/shared/clocks';
import type { PetitionListQuery, PetitionPage } from '@xinfang/shared/schemas/petitions';
import type { Kysely } from 'kysely';
import { accuserShown } from '../../access/accuser-firewall';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { pathIds, pathOf, pathRange } from '../../db/subtree';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { dueSoonWindow } from './due-soon';
import { isOverdue, standingQueues } from './inbox-queues';
import type { InboxCounts } from './inbox-tally';
import { tallyCounts } from './inbox-tally.repository';
import { summaries } from './petition.read';
import {
  type PageConditions,
  type PageValues,
  type PetitionQuery,
  pageQuery,
  runPage,
  SORTS,
  withinSubtree,
} from './petition-page.query';

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

  /** Who may see what: a petitioner their own; staff their subtree, less their recusals. */
  function scope(principal: Principal): PageConditions {
    if (principal.kind === 'petitioner') return { owner: principal.id };
    const range = subtreeRange(principal);
    return range
      ? { subtreeFrom: range.from, subtreeTo: range.to, recusedStaff: principal.id }
      : { recusedStaff: principal.id };
  }

  /** The filters' values; only those present go in, as the statement's shape is their names. */
  function filtered(v: PageConditions, filter: PetitionListQuery, now: Date, principal: Principal) {
    const at = now.toISOString();
    if (filter.queue === 'mine') v.handler = principal.kind === 'staff' ? principal.id : '';
    if (filter.state) v.state = filter.state;
    if (filter.kind) v.kind = filter.kind;
    if (filter.channel) v.channel = filter.channel;
    if (filter.categoryCode) v.category = filter.categoryCode;
    // The overdue queue and the overdue filter are one condition.
    if (filter.queue === 'overdue' || filter.due === 'overdue') v.overdueAt = at;
    if (filter.due === 'soon') {
      // The yellow flag's window in working days (a hearing's paused clock is in no window).
      const soon = dueSoonWindow(now, calendar);
      v.soonFrom = soon.from;
      v.soonTo = soon.to;
    }
    if (filter.receivedFrom) v.receivedFrom = new Date(filter.receivedFrom).toISOString();
    if (filter.receivedTo) v.receivedTo = new Date(filter.receivedTo).toISOString();
  }

  /** Narrows to petitions seen by a unit's subtree; false when there is no such unit. */
  async function unitFilter(v: PageConditions, unitId: string | undefined): Promise<boolean> {
    if (!unitId) return true;
    const unit = await db.selectFrom('org_unit').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!unit) return false;
    const range = pathRange(pathOf(pathIds(unit.path)));
    v.unitFrom = range.from;
    v.unitTo = range.to;
    return true;
  }

  /**
   * A number (`XF2026-000123`), a phone number (by its keyed hash, for staff: returned as a
   * condition to add, or null when no one holds the number) or words of the title.
   */
  async function searched(
    v: PageConditions,
    search: string | undefined,
    context: RequestContext,
    principal: Principal,
  ): Promise<((query: PetitionQuery) => PetitionQuery) | undefined | null> {
    if (!search) return undefined;
    const term = search.replace(/[\s-]/g, '');
    const number = NUMBER.exec(search.trim());
    if (number) {
      v.number = `XF${number[1]}-${(number[2] ?? '').padStart(6, '0')}`;
      return undefined;
    }
    if (principal.kind === 'staff' && PHONE.test(term)) {
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
      return (query) =>
        query
          .where(
            'petition.petitioner_id',
            'in',
            holders.map((h) => h.id),
          )
          .where(accuserShown(principal));
    }
    v.titleLike = `%${search.replace(/[%_\\]/g, '')}%`;
    return undefined;
  }

  async function list(
    context: RequestContext,
    principal: Principal,
    filter: PetitionListQuery,
  ): Promise<PetitionPage> {
    const limit = filter.limit ?? 20;
    const sort = filter.sort ?? (principal.kind === 'staff' ? 'due' : 'received');
    const queue = filter.queue ?? 'all';
    const v = scope(principal);
    filtered(v, filter, context.now, principal);
    const narrow = (await unitFilter(v, filter.unitId))
      ? await searched(v, filter.search, context, principal)
      : null;
    if (narrow === null) return { items: [], nextCursor: null };
    if (filter.cursor) [v.afterKey, v.afterId] = decodeCursor(filter.cursor, 2) as [string, string];
    const values: PageValues = { ...v, limit: limit + 1 };
    const rows = narrow
      ? await pageQuery(db, values, sort, queue, narrow).execute()
      : await runPage(db, values, sort, queue);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const key = SORTS[sort].column;
    return {
      items: await summaries(db, principal, page, context.now, calendar),
      nextCursor: rows.length > limit && last ? encodeCursor([last[key], last.id]) : null,
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
    const scope = subtreeRange(staff);
    const all = db.selectFrom('petition');
    const recused = await (scope ? withinSubtree(all, scope.from, scope.to) : all)
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

/** The path range of a staff member's subtree; none for the root, which sees every petition. */
function subtreeRange(staff: StaffPrincipal): { from: string; to: string } | null {
  return staff.unit.path.length > 1 ? pathRange(pathOf(staff.unit.path)) : null;
}
