import { beijingDate, daysBetween } from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { EnqueueNotification } from '../modules/documents/delivery-notifications';
import { undeliveredAnswers } from '../modules/documents/pending-deliveries.query';

/** An answer is worth a reminder once it has waited this long, and again this often. */
export const REMIND_AFTER_DAYS = 3;
export const REMIND_EVERY_DAYS = 7;

/**
 * Reminds the issuing unit's office of written answers still undelivered (Art 35, 36: until the
 * petitioner has received it, the case cannot move on): first after three days, then weekly. Each
 * reminder is recorded (`delivery_reminder`) in the transaction that enqueues it, so a run that is
 * repeated, or runs on two instances, reminds once.
 */
export async function runDeliveryReminders(
  db: Kysely<DB>,
  now: Date,
  enqueue: EnqueueNotification,
): Promise<{ reminded: number }> {
  const today = beijingDate(now.toISOString());
  const rows = await undeliveredAnswers(db)
    .select(['d.id', 'd.petition_id', 'd.issuing_unit_id', 'd.issued_at'])
    .where('d.issued_at', '<=', new Date(now.getTime() - REMIND_AFTER_DAYS * 86_400_000).toISOString())
    .orderBy('d.issued_at')
    .execute();
  let reminded = 0;
  for (const row of rows) {
    const sent = await db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('delivery_reminder')
        .select('sent_on')
        .where('document_id', '=', row.id)
        .orderBy('sent_on', 'desc')
        .executeTakeFirst();
      if (last && daysBetween(last.sent_on, today) < REMIND_EVERY_DAYS) return false;
      const inserted = await trx
        .insertInto('delivery_reminder')
        .ignore()
        .values({ document_id: row.id, sent_on: today })
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 1n) === 0) return false;
      await enqueue(trx, {
        event: 'delivery_pending',
        petitionId: row.petition_id,
        documentId: row.id,
        unitId: row.issuing_unit_id,
        ageDays: daysBetween(beijingDate(row.issued_at), today),
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return { reminded };
}
