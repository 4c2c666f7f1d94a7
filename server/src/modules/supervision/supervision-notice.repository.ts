import type { ReviewSupervisionBody } from '@xinfang/shared/schemas/supervision';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

/** When a 督办单 was answered (null: not yet). The notice must exist. */
export async function noticeAnsweredAt(trx: Trx, petitionId: string, no: number): Promise<string | null> {
  const row = await trx
    .selectFrom('supervision_notice')
    .select('answered_at')
    .where('petition_id', '=', petitionId)
    .where('no', '=', no)
    .executeTakeFirstOrThrow();
  return row.answered_at;
}

/** Records the supervisor's review of a notice not reviewed yet; false when it was. */
export async function reviewNotice(
  trx: Trx,
  notice: { petitionId: string; no: number },
  review: ReviewSupervisionBody & { by: string; at: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable('supervision_notice')
    .set({
      review: review.decision,
      review_note: review.note ?? null,
      reviewed_by: review.by,
      reviewed_at: review.at,
    })
    .where('petition_id', '=', notice.petitionId)
    .where('no', '=', notice.no)
    .where('review', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
