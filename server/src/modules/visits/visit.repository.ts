import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, GrassrootsVisitTable } from '../../db/schema';
import { withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertVisit(trx: Db, row: Insertable<GrassrootsVisitTable>): Promise<void> {
  await trx.insertInto('grassroots_visit').values(row).execute();
}

/** Visits to the units of a subtree, latest date first. */
export async function listVisits(
  db: Db,
  filter: { unitPath: string; status?: 'planned' | 'held' | 'cancelled'; id?: string },
) {
  let q = db
    .selectFrom('grassroots_visit as v')
    .innerJoin('org_unit as u', 'u.id', 'v.unit_id')
    .innerJoin('staff_account as l', 'l.id', 'v.leader_id')
    .selectAll('v')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      'l.display_name as leader_name',
      'l.unit_id as leader_unit_id',
    ])
    .where(withinPath('u.path', filter.unitPath));
  if (filter.status) q = q.where('v.status', '=', filter.status);
  if (filter.id) q = q.where('v.id', '=', filter.id);
  return q.orderBy('v.date', 'desc').orderBy('v.id', 'desc').limit(200).execute();
}
export type VisitRow = Awaited<ReturnType<typeof listVisits>>[number];

/** Marks a planned visit held; false when it was held already. */
export async function holdVisit(
  trx: Transaction<DB>,
  id: string,
  held: { summary: string; people: number; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('grassroots_visit')
    .set({ status: 'held', summary: held.summary, people: held.people, held_at: held.at })
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function linkVisitCase(
  trx: Transaction<DB>,
  visitId: string,
  petitionId: string,
): Promise<void> {
  await trx
    .insertInto('grassroots_visit_case')
    .values({ visit_id: visitId, petition_id: petitionId })
    .execute();
}

/** The petitions each visit produced, with number and title. */
export async function visitCases(db: Db, visitIds: readonly string[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('grassroots_visit_case as c')
    .innerJoin('petition as p', 'p.id', 'c.petition_id')
    .select(['c.visit_id', 'p.id', 'p.number', 'p.title'])
    .where('c.visit_id', 'in', [...visitIds])
    .orderBy('p.received_at')
    .execute();
}

/** Cancels a planned visit; false when it was held or cancelled already. */
export async function cancelVisit(
  trx: Transaction<DB>,
  id: string,
  cancelled: { reason: string; by: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('grassroots_visit')
    .set({
      status: 'cancelled',
      cancel_reason: cancelled.reason,
      cancelled_by: cancelled.by,
      cancelled_at: cancelled.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
