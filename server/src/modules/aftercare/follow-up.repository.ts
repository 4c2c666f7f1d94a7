import type { FollowUpStatus } from '@xinfang/shared/schemas/aftercare';
import type { Kysely, Transaction } from 'kysely';
import { caseShown } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { pathOf, withinPath } from '../../db/subtree';
import { staffNotRecused } from '../petitions/visibility';

type Db = Kysely<DB> | Transaction<DB>;

/** One page of a list: after the row the cursor names, at most `limit` rows (one more is read). */
export interface PageAfter<K> {
  after?: K;
  limit: number;
}

function followUps(db: Db) {
  return db
    .selectFrom('follow_up as f')
    .innerJoin('petition as p', 'p.id', 'f.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'f.unit_id')
    .select([
      'f.id',
      'f.petition_id',
      'f.unit_id',
      // The unit's place in the tree now: a unit moved keeps its follow-ups (回访) in its new line.
      'u.path as unit_path',
      'f.due_date',
      'f.created_at',
      'f.method',
      'f.followed_on',
      'f.petitioner_said',
      'f.satisfied',
      'f.recorded_at',
      'p.number',
      'p.title',
      'p.kind',
      'p.concerned_unit_id',
      'p.state',
      'u.name as unit_name',
    ]);
}
export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUps>['execute']>>[number];

/**
 * A page of the follow-ups of a subtree (by the unit's path in the tree as it is now) that `viewer`
 * is not recused from (Art 28), nor kept from as staff of the unit an accusation accuses (Art 30),
 * by status, soonest due first; one row past the page is read to tell whether another page follows.
 */
export async function listFollowUps(
  db: Db,
  viewer: StaffPrincipal,
  by: { path: string; status?: FollowUpStatus; today: string; petitionId?: string },
  page: PageAfter<{ dueDate: string; id: string }>,
): Promise<FollowUpRow[]> {
  let q = followUps(db)
    .where(withinPath('u.path', by.path))
    .where(staffNotRecused(viewer, 'f.petition_id'))
    .where(caseShown(viewer, 'p'));
  if (by.petitionId) q = q.where('f.petition_id', '=', by.petitionId);
  if (by.status === 'done') q = q.where('f.recorded_at', 'is not', null);
  if (by.status === 'open') q = q.where('f.recorded_at', 'is', null).where('f.due_date', '>=', by.today);
  if (by.status === 'overdue') q = q.where('f.recorded_at', 'is', null).where('f.due_date', '<', by.today);
  const after = page.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('f.due_date', '>', after.dueDate),
        eb.and([eb('f.due_date', '=', after.dueDate), eb('f.id', '>', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('f.due_date')
    .orderBy('f.id')
    .limit(page.limit + 1)
    .execute();
}

/**
 * One follow-up, as `viewer` may see it: of a unit of their subtree (as the tree is now), and not
 * of a case they are recused from (Art 28) or kept from (Art 30).
 */
export async function findFollowUp(
  db: Db,
  viewer: StaffPrincipal,
  id: string,
): Promise<FollowUpRow | undefined> {
  return followUps(db)
    .where('f.id', '=', id)
    .where(withinPath('u.path', pathOf(viewer.unit.path)))
    .where(staffNotRecused(viewer, 'f.petition_id'))
    .where(caseShown(viewer, 'p'))
    .executeTakeFirst();
}

/** Records the outcome of an open follow-up; false when it was recorded already. */
export async function recordFollowUp(
  trx: Transaction<DB>,
  id: string,
  outcome: {
    method: 'phone' | 'visit' | 'message';
    followed_on: string;
    petitioner_said: string;
    satisfied: number;
    recorded_by: string;
    recorded_at: string;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('follow_up')
    .set(outcome)
    .where('id', '=', id)
    .where('recorded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Open follow-ups due on or before `until`, for the reminders. */
export async function followUpsDueBy(db: Db, until: string): Promise<FollowUpRow[]> {
  return followUps(db)
    .where('f.recorded_at', 'is', null)
    .where('f.due_date', '<=', until)
    .orderBy('f.due_date')
    .orderBy('f.id')
    .execute();
}

function rehandlingDecisions(db: Db) {
  return db
    .selectFrom('rehandling_decision as r')
    .innerJoin('petition as p', 'p.id', 'r.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.petition_id',
      'r.rated_seq',
      'r.unit_id',
      'u.path as unit_path',
      'r.rated_at',
      'r.rehandle',
      'r.decided_at',
      'p.number',
      'p.title',
      'p.kind',
      'p.concerned_unit_id',
      'u.name as unit_name',
    ]);
}
export type RehandlingRow = Awaited<ReturnType<ReturnType<typeof rehandlingDecisions>['execute']>>[number];

/**
 * A page of the re-handling decisions of a subtree (as the tree is now) that `viewer` is not
 * recused from (Art 28) nor kept from (Art 30), the latest rating first; one row past the page is
 * read to tell whether another page follows.
 */
export async function listRehandling(
  db: Db,
  viewer: StaffPrincipal,
  by: { path: string; waiting?: boolean },
  page: PageAfter<{ ratedAt: string; petitionId: string; ratedSeq: number }>,
): Promise<RehandlingRow[]> {
  let q = rehandlingDecisions(db)
    .where(withinPath('u.path', by.path))
    .where(staffNotRecused(viewer, 'r.petition_id'))
    .where(caseShown(viewer, 'p'));
  if (by.waiting === true) q = q.where('r.rehandle', 'is', null);
  if (by.waiting === false) q = q.where('r.rehandle', 'is not', null);
  const after = page.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('r.rated_at', '<', after.ratedAt),
        eb.and([eb('r.rated_at', '=', after.ratedAt), eb('r.petition_id', '>', after.petitionId)]),
        eb.and([
          eb('r.rated_at', '=', after.ratedAt),
          eb('r.petition_id', '=', after.petitionId),
          eb('r.rated_seq', '>', after.ratedSeq),
        ]),
      ]),
    );
  }
  return q
    .orderBy('r.rated_at', 'desc')
    .orderBy('r.petition_id')
    .orderBy('r.rated_seq')
    .limit(page.limit + 1)
    .execute();
}

/** Every decision still waiting for its unit head, oldest rating first, for the reminders. */
export async function waitingRehandling(db: Db): Promise<RehandlingRow[]> {
  return rehandlingDecisions(db)
    .where('r.rehandle', 'is', null)
    .orderBy('r.rated_at')
    .orderBy('r.petition_id')
    .orderBy('r.rated_seq')
    .execute();
}

/**
 * The staff recused from each of these petitions (Art 28), for the reminders' audiences: read
 * together, not per row — 500 petitions a query, within every dialect's parameter limit.
 */
export async function recusalsOf(
  db: Db,
  petitionIds: readonly string[],
): Promise<Map<string, ReadonlySet<string>>> {
  const ids = [...new Set(petitionIds)];
  const recused = new Map<string, Set<string>>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('petition_recusal')
      .select(['petition_id', 'staff_id'])
      .where('petition_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const staff = recused.get(row.petition_id) ?? new Set<string>();
      staff.add(row.staff_id);
      recused.set(row.petition_id, staff);
    }
  }
  return recused;
}
