import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** What the demo's one undeliverable message says went wrong: plainly a demonstration. */
export const DEMO_DEAD_LETTER_ERROR =
  '演示数据：模拟短信服务商多次拒收（发送频率超限）。问题解决后可以重新发送。';

/**
 * The demo leaves one SMS undelivered after every try, so that a new administrator finds the
 * outbox's page (通知发送) with something to send again. The development providers never fail on
 * their own; this marks the demo's first SMS as the real dispatcher would after its last try.
 */
export async function seedDemoDeadLetter(db: Kysely<DB>, now: Date, maxAttempts: number): Promise<void> {
  const first = await db
    .selectFrom('outbox')
    .select('id')
    .where('channel', '=', 'sms')
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!first) return;
  await db
    .updateTable('outbox')
    .set({
      status: 'dead',
      attempts: maxAttempts,
      last_error: DEMO_DEAD_LETTER_ERROR,
      updated_at: now.toISOString(),
    })
    .where('id', '=', first.id)
    .execute();
}
