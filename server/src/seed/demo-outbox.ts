import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** What the demo's one undeliverable message says went wrong: plainly a demonstration. */
export const DEMO_DEAD_LETTER_ERROR =
  '演示数据：模拟短信服务商多次拒收（号码停机或有误）。核实号码后可以重新发送。';

/**
 * The demo leaves one SMS undelivered after every try: a petition's acceptance notice (Art 23), so
 * that a new administrator finds the outbox's page (通知发送) with something to send again, and the
 * desk that owes the notice finds it among those that reached nobody (未送达的法定告知). The
 * development providers never fail on their own; this marks it as the real dispatcher would after
 * its last try.
 */
export async function seedDemoDeadLetter(
  db: Kysely<DB>,
  petitionId: string,
  now: Date,
  maxAttempts: number,
): Promise<void> {
  const acceptance = await db
    .selectFrom('outbox as o')
    .innerJoin('notification as n', 'n.id', 'o.notification_id')
    .select('o.id')
    .where('n.petition_id', '=', petitionId)
    .where('n.event', '=', 'accepted')
    .where('o.channel', '=', 'sms')
    .where('o.status', '=', 'pending')
    .executeTakeFirst();
  // None where the notices do not go by SMS (notifications off, no SMS templates): nothing fails.
  if (!acceptance) return;
  await db
    .updateTable('outbox')
    .set({
      status: 'dead',
      attempts: maxAttempts,
      last_error: DEMO_DEAD_LETTER_ERROR,
      updated_at: now.toISOString(),
    })
    .where('id', '=', acceptance.id)
    .execute();
}
