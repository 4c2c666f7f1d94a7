import type { Selectable, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB, ResolutionPlanTable } from '../../db/schema';

/**
 * A case's resolution plan as it stands, read for a revision: locked on MySQL so two revisions
 * in a row each name the plan they replaced (SQLite has one writer already).
 */
export async function currentPlan(
  trx: Transaction<DB>,
  petitionId: string,
): Promise<Pick<Selectable<ResolutionPlanTable>, 'plan' | 'updated_by' | 'updated_at'> | undefined> {
  const query = trx
    .selectFrom('resolution_plan')
    .select(['plan', 'updated_by', 'updated_at'])
    .where('petition_id', '=', petitionId);
  return (dialectOf(trx) === 'mysql' ? query.forUpdate() : query).executeTakeFirst();
}

/** Sets or revises a case's resolution plan (化解方案); each revision is in the audit log. */
export async function savePlan(
  trx: Transaction<DB>,
  petitionId: string,
  values: { plan: string; updated_by: string; updated_at: string },
): Promise<void> {
  const updated = await trx
    .updateTable('resolution_plan')
    .set(values)
    .where('petition_id', '=', petitionId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await trx
      .insertInto('resolution_plan')
      .values({ petition_id: petitionId, ...values })
      .execute();
  }
}
