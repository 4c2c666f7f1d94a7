import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** Sets or revises a case's resolution plan (化解方案); revisions are in the audit log. */
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
