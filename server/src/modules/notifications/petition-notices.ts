import type { NotificationEvent } from '@xinfang/shared/schemas/notifications';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { MessageFacts } from './catalog';
import type { Notifier } from './notifier';

/**
 * For modules outside the lifecycle that need to tell a petitioner something about their petition
 * (written notices and their delivery, say: a reminder that an answer was not collected): one call,
 * inside the caller's transaction, with the petition's number and owner looked up here.
 */
export type PetitionNotices = ReturnType<typeof createPetitionNotices>;

export function createPetitionNotices(notifier: Notifier) {
  async function notifyPetitioner(
    trx: Transaction<DB>,
    input: {
      petitionId: string;
      event: NotificationEvent;
      now: Date;
      facts?: Partial<MessageFacts>;
      /** Set for a reminder a job may try to send twice. */
      dedupeKey?: string;
    },
  ): Promise<boolean> {
    const petition = await trx
      .selectFrom('petition')
      .select(['id', 'number', 'petitioner_id'])
      .where('id', '=', input.petitionId)
      .executeTakeFirst();
    if (!petition) return false;
    const told = await notifier.notify(
      trx,
      [
        {
          recipient: { type: 'petitioner', id: petition.petitioner_id },
          event: input.event,
          facts: {
            number: petition.number,
            petitionId: petition.id,
            at: input.now.toISOString(),
            ...input.facts,
          },
          ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}),
        },
      ],
      input.now,
    );
    return told > 0;
  }
  return { notifyPetitioner };
}
