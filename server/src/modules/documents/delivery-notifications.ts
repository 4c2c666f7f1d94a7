import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Transaction } from 'kysely';
import { rolesWith } from '../../access/capabilities';
import type { DB } from '../../db/schema';
import type { Notifier } from '../notifications/notifier';
import { staffAudience } from '../notifications/staff-audience';
import { loadPetition } from '../petitions/petition.repository';

/**
 * What the documents tell people through the notification outbox: an answer still undelivered
 * after some days, for the staff of the unit that issued it who deliver answers. Ids only: who to
 * tell and how is the outbox's to decide.
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

/** Reminders of undelivered answers, as message-centre rows and outbox rows for the issuing unit's staff. */
export function deliveryNotifications(notifier: Notifier, now: () => Date): EnqueueNotification {
  return async (trx, notification) => {
    const loaded = await loadPetition(trx, notification.petitionId);
    if (!loaded) return;
    const roles: readonly StaffRole[] = rolesWith('deliver');
    const staff = await staffAudience(trx, loaded.petition, [{ unitId: notification.unitId, roles }]);
    const at = now();
    await notifier.notify(
      trx,
      staff.map((id) => ({
        recipient: { type: 'staff', id },
        event: notification.event,
        facts: {
          number: loaded.row.number,
          petitionId: notification.petitionId,
          at: at.toISOString(),
          days: notification.ageDays,
        },
        dedupeKey: `delivery_pending:${notification.documentId}:${id}:${notification.ageDays}`,
      })),
      at,
    );
  };
}
