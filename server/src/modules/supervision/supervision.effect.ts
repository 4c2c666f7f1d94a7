import type { EventOf, Petition, PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Notifier } from '../notifications/notifier';
import { staffAudience } from '../notifications/staff-audience';

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
 * returns it — open again, due again, and the supervised unit is told.
 */
export function createSupervisionEffect(deps: { notifier: Pick<Notifier, 'notify'> }) {
  return async function supervisionEffect(trx: Trx, change: SupervisedChange): Promise<void> {
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
        if (dueAgain) await tellReturned(trx, deps.notifier, change, event);
      }
    }
  };
}

function notice(trx: Trx, petitionId: string, no: number) {
  return trx.updateTable('supervision_notice').where('petition_id', '=', petitionId).where('no', '=', no);
}

/**
 * A returned answer is owed again: the supervised unit's staff who answer are told, as when the
 * notice first came, with the new date (the notifications effect knows no `supervision_reviewed`).
 */
async function tellReturned(
  trx: Trx,
  notifier: Pick<Notifier, 'notify'>,
  change: SupervisedChange,
  event: EventOf<'supervision_reviewed'>,
): Promise<void> {
  const issued = change.after.events.find(
    (e): e is EventOf<'supervision_issued'> => e.type === 'supervision_issued' && e.data.no === event.data.no,
  );
  if (!issued) return;
  const unitId = issued.data.unit.id;
  const unit = await trx.selectFrom('org_unit').select('name').where('id', '=', unitId).executeTakeFirst();
  const recipients = await staffAudience(trx, change.after, [
    { unitId, roles: ['reception', 'handler', 'unit_head'] },
  ]);
  await notifier.notify(
    trx,
    recipients.map((id) => ({
      recipient: { type: 'staff' as const, id },
      event: 'supervision_notice' as const,
      facts: {
        number: change.facts.number,
        petitionId: change.after.id,
        at: event.at,
        date: event.data.dueDate,
        unitName: unit?.name ?? null,
      },
    })),
    change.now,
  );
}
