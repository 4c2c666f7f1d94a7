import { isTerminal, type Petition, type PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

/** What the effect reads of a lifecycle change: the write path's `PetitionChange` fits it as it is. */
export interface SupervisedChange {
  before: Petition | null;
  after: Petition;
  events: readonly PetitionEvent[];
  facts: { number: string };
  now: Date;
}

/**
 * The supervision list's part of every lifecycle change (Art 40), in the change's own transaction
 * so the list never disagrees with the events: a notice issued becomes a row of the list; an
 * answer marks it answered and waiting for the issuing unit's review; the review approves it, or
 * returns it, open and due again (who is told of each step: the notifications effect). When the
 * case ends, the notices still waiting for an answer or a review end with it.
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
  if (isTerminal(change.after.state) && !(change.before && isTerminal(change.before.state)))
    await endNotices(trx, change.after.id, change.now);
}

/**
 * A case that ends (withdrawn, declined, closed, final…) can no longer answer a 督办单 nor have an
 * answer reviewed (Art 40 acts only while the case is open): its notices still waiting for either
 * end with it, rather than stay open and overdue for ever. An ended case is never reopened — a
 * review, a re-examination or handling again all start from `replied`, before the end — so an
 * ended notice stays ended; should a case ever go on after its end, it is supervised afresh with a
 * new notice.
 */
async function endNotices(trx: Trx, petitionId: string, now: Date): Promise<void> {
  await trx
    .updateTable('supervision_notice')
    .set({ ended_at: now.toISOString() })
    .where('petition_id', '=', petitionId)
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('review', 'is', null), eb('review', '=', 'returned')]))
    .execute();
}

function notice(trx: Trx, petitionId: string, no: number) {
  return trx.updateTable('supervision_notice').where('petition_id', '=', petitionId).where('no', '=', no);
}
