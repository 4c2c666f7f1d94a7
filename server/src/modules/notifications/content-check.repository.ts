import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { ContentCheckTable, DB } from '../../db/schema';
import { staffSeesPetition } from '../petitions/visibility';

type Db = Kysely<DB> | Transaction<DB>;

export type ContentCheckRow = Selectable<ContentCheckTable>;

/** Content checks in and out. A verdict only ever lands on a check still pending. */

export async function insertCheck(db: Db, row: Insertable<ContentCheckTable>): Promise<void> {
  await db.insertInto('content_check').values(row).execute();
}

export async function findCheck(
  db: Db,
  by: { id: string } | { traceId: string },
): Promise<ContentCheckRow | undefined> {
  const query = db.selectFrom('content_check').selectAll();
  return 'id' in by
    ? query.where('id', '=', by.id).executeTakeFirst()
    : query.where('trace_id', '=', by.traceId).executeTakeFirst();
}

/** Records a photo check's trace id: its verdict will come by push, matched by it. */
export async function rememberTrace(db: Db, checkId: string, traceId: string): Promise<void> {
  await db.updateTable('content_check').set({ trace_id: traceId }).where('id', '=', checkId).execute();
}

/** Sets the outcome of a pending check; false when it was no longer pending. */
export async function settle(
  db: Db,
  id: string,
  outcome: Pick<ContentCheckRow, 'status' | 'checked_at'> &
    Partial<Pick<ContentCheckRow, 'suggest' | 'label' | 'trace_id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('content_check')
    .set(outcome)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Held checks in petitions `staff` may see, with their petition's number, oldest first. Narrowed
 * in the query, before the limit: the organisation's oldest must not crowd out a unit's own.
 */
export async function heldChecks(db: Db, staff: StaffPrincipal, limit: number) {
  return db
    .selectFrom('content_check as c')
    .innerJoin('petition as p', 'p.id', 'c.petition_id')
    .selectAll('c')
    .select('p.number')
    .where('c.status', '=', 'held')
    .where(staffSeesPetition(staff, 'p'))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** The stored photo of a check still waiting for WeChat's verdict. */
export async function photoAwaitingCheck(db: Db, attachmentId: string) {
  return db
    .selectFrom('content_check as c')
    .innerJoin('attachment as a', 'a.id', 'c.subject_ref')
    .select(['a.storage_key', 'a.mime', 'a.petition_id'])
    .where('c.subject', '=', 'photo')
    .where('c.subject_ref', '=', attachmentId)
    .where('c.status', '=', 'pending')
    .executeTakeFirst();
}

/** Releases held content after review; false when it was not held. */
export async function releaseHeld(
  db: Db,
  id: string,
  petitionId: string,
  by: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('content_check')
    .set({ status: 'released', reviewed_by: by, reviewed_at: at })
    .where('id', '=', id)
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The image attachments of a petition. */
export async function photosOf(db: Db, petitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attachment')
    .select('id')
    .where('petition_id', '=', petitionId)
    .where('kind', '=', 'image')
    .execute();
  return rows.map((r) => r.id);
}
