import type { Petition, PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

/** What the effect reads of a lifecycle change: the write path's `PetitionChange` fits it as it is. */
export interface SupervisedChange {
  after: Petition;
  events: readonly PetitionEvent[];
  facts: { number: string };
  now: Date;
}

/**
 * The supervision list's part of every lifecycle change (Art 40), in the change's own transaction
 * so the list never disagrees with the events: a notice issued becomes a row of the list; an
 * answer marks it answered and waiting for the issuing unit's review; the review approves it, or
 * returns it, open and due again (who is told of each step: the notifications effect).
 */
export async function supervisionEffect(trx: Trx, change: SupervisedChange): Promise<void> {
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
      // A new answer (after a return, too) waits for a review of its own.
      await notice(trx, change.after.id, event.data.no)
        .set({
          answered_at: event.at,
          answered_by: event.actorId,
          review: null,
          reviewed_by: null,
          reviewed_at: null,
          review_note: null,
        })
        .execute();
    } else if (event.type === 'supervision_reviewed') {
      // Set only when the answer was returned: the date a new one is due.
      const dueAgain = event.data.dueDate;
      await notice(trx, change.after.id, event.data.no)
        .set({
          review: event.data.decision,
          review_note: event.data.note,
          reviewed_by: event.actorId,
          reviewed_at: event.at,
          ...(dueAgain ? { answered_at: null, answered_by: null, due_date: dueAgain } : {}),
        })
        .execute();
    }
  }
}

function notice(trx: Trx, petitionId: string, no: number) {
  return trx.updateTable('supervision_notice').where('petition_id', '=', petitionId).where('no', '=', no);
}
