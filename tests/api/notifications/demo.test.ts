import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import { DEMO_DEAD_LETTER_ERROR } from '@xinfang/server/seed/demo-outbox';
import type { OutboxPage } from '@xinfang/shared/schemas/notifications';
import type { UnreachedList } from '@xinfang/shared/schemas/unreached';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { dispatchAll, messageCentre } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * The demo cases leave messages where a new user looks in their first five minutes: the demo
 * petitioners' message centres tell their cases' story, and the demo staff have work waiting —
 * while the development providers write to the log what they would have sent, saying they did not.
 */
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: '2026-11-23T02:00:00.000Z' });
  await seedDemoCases(kit.app, new Date());
});
afterAll(() => kit?.close());

describe('the demo’s messages', () => {
  it('张伟 reads his cases’ story in his message centre', async () => {
    // One page holds them all (his cases tell him some twenty things), each still unread.
    const centre = await messageCentre(kit, '13800000001', '?limit=50');
    expect(centre.nextCursor).toBeNull();
    const events = centre.items.map((n) => n.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'received',
        'accepted',
        'reply_issued',
        'handler_message',
        'hearing_scheduled',
      ]),
    );
    expect(centre.unread).toBe(centre.items.length);
  });

  it('staff find what waits for them: a new suggestion, an assignment, approvals', async () => {
    expect((await messageCentre(kit, 'ds.reception')).items.map((n) => n.event)).toContain('case_new');
    expect((await messageCentre(kit, 'xh.handler')).items.map((n) => n.event)).toContain('case_assigned');
    const head = (await messageCentre(kit, 'ds.head')).items.map((n) => n.event);
    expect(head.filter((e) => e === 'approval_waiting').length).toBeGreaterThanOrEqual(2);
  });

  it('the development providers log what they would have sent, saying plainly it was not sent', async () => {
    await dispatchAll(kit);
    const sent = kit.logs.lines.filter((l) =>
      l.includes('[DEV SMS — not sent] notification for 138****0001'),
    );
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.some((l) => l.includes('已受理'))).toBe(true);
  });

  it('leaves an administrator one undeliverable message, said to be a demonstration, to send again', async () => {
    const dead = await kit.http('admin', 'GET', '/api/admin/outbox?status=dead');
    expect(dead.statusCode, dead.body).toBe(200);
    const [message, ...others] = (dead.json() as OutboxPage).items;
    expect(others).toEqual([]);
    // An acceptance notice (Art 23): the desk owing it sees it among those that reached nobody.
    expect(message).toMatchObject({
      channel: 'sms',
      event: 'accepted',
      statutory: true,
      status: 'dead',
      lastError: DEMO_DEAD_LETTER_ERROR,
    });
    const unreached = async () =>
      ((await kit.http('ds.reception', 'GET', '/api/notices/unreached')).json() as UnreachedList).items
        .filter((i) => i.reason === 'sms_failed')
        .map((i) => i.event);
    expect(await unreached()).toEqual(['accepted']);
    const resent = await kit.http('admin', 'POST', `/api/admin/outbox/${message?.id}/retry`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: 'pending', attempts: 0 });
    // Sent again, it is on its way: no longer the desk's to deliver another way.
    expect(await unreached()).toEqual([]);
  });
});
