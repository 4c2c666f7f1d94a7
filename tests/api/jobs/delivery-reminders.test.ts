import { runDeliveryReminders } from '@xinfang/server/jobs/delivery-reminders';
import {
  type DeliveryPendingNotification,
  deliveryNotifications,
} from '@xinfang/server/modules/documents/delivery-notifications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';

/**
 * The reminder of undelivered written answers: to the issuing unit's office through the
 * notification outbox, after three days and then weekly, once per answer and day however often
 * the job runs; never for an answer already delivered.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
const sent: DeliveryPendingNotification[] = [];
const enqueue = async (_trx: unknown, notification: DeliveryPendingNotification) => {
  sent.push(notification);
};

beforeAll(async () => {
  kit = await PetitionKit.start();
});
afterAll(() => kit?.close());

async function answered(): Promise<string> {
  const { petition } = await kit.submit(WORKER);
  await kit.act('ds.reception', petition.id, 'accept');
  await kit.act('ds.head', petition.id, 'draft_reply', {
    request: '补发加班费',
    factsAndReasons: '属实。',
    decision: '补发。',
    legalBasis: '《劳动法》第四十四条',
    outcome: 'support',
  });
  await kit.act('ds.head', petition.id, 'approve_reply');
  await kit.act('ds.head', petition.id, 'issue_reply');
  return petition.id;
}

describe('reminders of undelivered answers', () => {
  it('come after three days, once a day at most, then weekly; none once delivered', async () => {
    const waiting = await answered();
    const opened = await answered();
    await kit.openAnswer(WORKER, opened);
    const run = async () => (await runDeliveryReminders(kit.app.db, kit.now(), enqueue)).reminded;

    kit.tick({ days: 2 });
    expect(await run()).toBe(0);
    kit.tick({ days: 1, hours: 1 });
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    expect(sent).toEqual([
      {
        event: 'delivery_pending',
        petitionId: waiting,
        documentId: expect.any(String),
        unitId: kit.unit('JA-DS'),
        ageDays: 3,
      },
    ]);
    kit.tick({ days: 6 });
    expect(await run()).toBe(0);
    kit.tick({ days: 1 });
    expect(await run()).toBe(1);
    expect(sent.at(-1)?.ageDays).toBe(10);

    await kit.openAnswer(WORKER, waiting);
    kit.tick({ days: 8 });
    expect(await run()).toBe(0);
  }, 60_000);

  it('never come for an answer kept on file: name or address unclear (Art 23 ¶2)', async () => {
    const { petition } = await kit.register('ds.reception', {
      channel: 'letter',
      receivedAt: new Date(kit.now().getTime() - 3600_000).toISOString(),
      contactUnclear: true,
      petitioner: { realName: '匿名' },
    });
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', {
      request: '补发加班费',
      factsAndReasons: '属实。',
      decision: '补发。',
      legalBasis: '《劳动法》第四十四条',
      outcome: 'support',
    });
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    for (const days of [4, 30, 200]) {
      kit.tick({ days });
      await runDeliveryReminders(kit.app.db, kit.now(), enqueue);
    }
    expect(sent.filter((n) => n.petitionId === petition.id)).toEqual([]);
  }, 60_000);

  it('reach the staff of the issuing unit who deliver answers, in their message centres', async () => {
    const waiting = await answered();
    const notices = deliveryNotifications(kit.app.notifications.notifier, () => kit.now());
    kit.tick({ days: 3, hours: 1 });
    expect((await runDeliveryReminders(kit.app.db, kit.now(), notices)).reminded).toBeGreaterThanOrEqual(1);
    const told = await kit.app.db
      .selectFrom('notification as n')
      .innerJoin('staff_account as s', 's.id', 'n.recipient_id')
      .select(['s.username', 'n.title'])
      .where('n.event', '=', 'delivery_pending')
      .where('n.petition_id', '=', waiting)
      .execute();
    // 东山煤矿 issued it: its desk and its head deliver; nobody of another unit is told.
    expect(told.map((t) => t.username).sort()).toEqual(['ds.head', 'ds.reception']);
    expect(told[0]?.title).toBe('有书面答复尚未送达');
  }, 60_000);
});
