import type { PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** What the effect reads of a lifecycle change: the write path's `PetitionChange` fits it as it is. */
export interface SupervisedChange {
  after: { id: string };
  events: readonly PetitionEvent[];
}

/**
 * The supervision list's part of every lifecycle change (Art 40): a notice issued becomes a row of
 * the list, an answer marks it answered and waiting for the supervisor's review — in the change's
 * own transaction, so the list never disagrees with the events.
 */
export async function supervisionEffect(trx: Transaction<DB>, change: SupervisedChange): Promise<void> {
  for (const event of change.events) {
    if (event.type === 'supervision_issued') {
      await trx
        .insertInto('supervision_notice')
        .values({
          petition_id: change.after.id,
          no: event.data.no,
          unit_id: event.data.unit.id,
          issued_by: event.actorId,
          issued_at: event.at,
          concern: event.data.concern,
          due_date: event.data.dueDate,
          answered_at: null,
          answered_by: null,
          review: null,
          reviewed_by: null,
          reviewed_at: null,
          review_note: null,
        })
        .execute();
    } else if (event.type === 'supervision_answered') {
      await trx
        .updateTable('supervision_notice')
        .set({ answered_at: event.at, answered_by: event.actorId })
        .where('petition_id', '=', change.after.id)
        .where('no', '=', event.data.no)
        .execute();
    }
  }
}
