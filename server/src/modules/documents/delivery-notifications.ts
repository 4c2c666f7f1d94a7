import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { IntegrationLogger } from '../../integrations/logger';

/**
 * What the documents tell people through the notification outbox (#13): for now one event, an
 * answer still undelivered after some days, for the office of the unit that issued it. Ids only:
 * the outbox looks up who to tell and how.
 */
export interface DeliveryPendingNotification {
  event: 'delivery_pending';
  petitionId: string;
  documentId: string;
  /** The unit that issued the answer: its office delivers it. */
  unitId: string;
  ageDays: number;
}

/** Writes a notification into the outbox, in the caller's transaction. */
export type EnqueueNotification = (
  trx: Transaction<DB>,
  notification: DeliveryPendingNotification,
) => Promise<void>;

/**
 * The stand-in until the notification outbox lands: each reminder is written to the log, plainly
 * marked as not sent. It carries ids only, no personal data.
 */
export function logNotifications(logger: IntegrationLogger): EnqueueNotification {
  return async (_trx, notification) => {
    logger.warn(
      { provider: 'logNotifications', ...notification },
      `[DEV NOTIFICATION — not sent] ${notification.event}: answer ${notification.documentId} of petition ${notification.petitionId} undelivered for ${notification.ageDays} days`,
    );
  };
}
