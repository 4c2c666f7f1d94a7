import { randomUUID } from 'node:crypto';
import type { NotificationSettings } from '@xinfang/shared/schemas/notifications';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { deliveriesOf, messageCentre } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * The message centre over HTTP (cursor pages newest first, the unread count, marking read — only
 * one's own), people's choices (non-statutory messages off, SMS or WeChat; statutory notices reach
 * them regardless), and the subscriptions the mini-program records.
 */
const WORKER = '13800000001';
const OTHER = '13800000002';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start();
});
afterAll(() => kit?.close());

async function tell(petitionerPhone: string, count: number): Promise<void> {
  const id = await kit.petitionerId(petitionerPhone);
  for (let i = 0; i < count; i += 1) {
    kit.tick({ ms: 5 });
    await kit.app.db.transaction().execute((trx) =>
      kit.app.notifications.notifier.notify(
        trx,
        [
          {
            recipient: { type: 'petitioner', id },
            event: 'handler_message',
            facts: {
              number: `XF2026-9${String(i).padStart(5, '0')}`,
              petitionId: null,
              at: new Date().toISOString(),
              text: `第${i}条`,
            },
          },
        ],
        new Date(),
      ),
    );
  }
}

describe('the message centre', () => {
  it('pages newest first with a cursor, and counts what is unread', async () => {
    await tell(OTHER, 25);
    const first = await messageCentre(kit, OTHER, '?limit=10');
    expect(first.items).toHaveLength(10);
    expect(first.unread).toBe(25);
    expect(first.items[0]?.body).toContain('第24条');
    expect(first.nextCursor).not.toBeNull();
    const second = await messageCentre(kit, OTHER, `?limit=10&cursor=${first.nextCursor}`);
    expect(second.items[0]?.body).toContain('第14条');
    const third = await messageCentre(kit, OTHER, `?limit=10&cursor=${second.nextCursor}`);
    expect(third.items).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((n) => n.id);
    expect(new Set(ids).size).toBe(25);

    expectError(
      await kit.http(OTHER, 'GET', '/api/me/notifications?cursor=not-a-cursor'),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await kit.http(OTHER, 'GET', '/api/me/notifications?limit=500'), 400, 'VALIDATION_FAILED');
  });

  it('marks read by id or all at once — one’s own messages only', async () => {
    await tell(WORKER, 2);
    const worker = await messageCentre(kit, WORKER);
    const theirs = worker.items.map((n) => n.id);
    const mine = (await messageCentre(kit, OTHER, '?limit=3')).items.map((n) => n.id);

    const marked = await kit.http(OTHER, 'POST', '/api/me/notifications/read', { ids: [...mine, ...theirs] });
    expect(marked.json()).toEqual({ unread: 22 });
    expect((await messageCentre(kit, WORKER)).unread).toBe(worker.unread);
    const read = (await messageCentre(kit, OTHER, '?limit=3')).items;
    expect(read.every((n) => n.readAt !== null)).toBe(true);

    expect((await kit.http(OTHER, 'POST', '/api/me/notifications/read', { all: true })).json()).toEqual({
      unread: 0,
    });
    expectError(
      await kit.http(OTHER, 'POST', '/api/me/notifications/read', { ids: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http(OTHER, 'POST', '/api/me/notifications/read', { all: false }),
      400,
      'VALIDATION_FAILED',
    );
    // Each marking is audited once, with how many it marked; the refused ones are not.
    const marks = (await kit.audit(await kit.petitionerId(OTHER))).filter(
      (a) => a.action === 'notification.read',
    );
    expect(marks.map((a) => [a.actor_type, JSON.parse(a.details ?? '{}')])).toEqual([
      ['petitioner', { all: false, marked: 3 }],
      ['petitioner', { all: true, marked: 22 }],
    ]);
    expectError(await kit.http(null, 'GET', '/api/me/notifications'), 401, 'UNAUTHENTICATED');
  });

  it('staff have one too', async () => {
    const { petition } = await kit.submit(WORKER);
    const reception = await messageCentre(kit, 'ds.reception');
    expect(reception.items[0]).toMatchObject({
      event: 'case_new',
      petitionId: petition.id,
      title: '新的信访事项待处理',
    });
  });
});

describe('people choose', () => {
  it('defaults: every message, by SMS for a phone-only petitioner; WeChat not available without a WeChat sign-in', async () => {
    const settings = (
      await kit.http(WORKER, 'GET', '/api/me/notification-settings')
    ).json() as NotificationSettings;
    expect(settings).toEqual({
      nonStatutory: true,
      channel: 'sms',
      available: { wechat: false, sms: true },
      subscriptions: [],
    });
  });

  it('non-statutory messages turned off stay in the message centre; statutory notices still go out', async () => {
    const saved = await kit.http(WORKER, 'PUT', '/api/me/notification-settings', {
      nonStatutory: false,
      channel: 'sms',
    });
    expect(saved.json()).toMatchObject({ nonStatutory: false, channel: 'sms' });
    const { petition } = await kit.submit(WORKER);
    expect((await messageCentre(kit, WORKER)).items[0]).toMatchObject({
      event: 'received',
      petitionId: petition.id,
    });
    expect((await deliveriesOf(kit, petition.id, 'received')).pairs).toEqual([]);
    await kit.act('ds.reception', petition.id, 'accept');
    expect((await deliveriesOf(kit, petition.id, 'accepted')).pairs).toEqual([['sms', 'pending']]);

    const audit = await kit.app.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'notification.settings')
      .execute();
    expect(audit.at(-1)?.details).toContain('"nonStatutory":false');
    await kit.http(WORKER, 'PUT', '/api/me/notification-settings', { nonStatutory: true, channel: 'sms' });
  });

  it('refuses what is not a choice', async () => {
    for (const body of [
      { nonStatutory: true, channel: 'email' },
      { nonStatutory: 'yes', channel: 'sms' },
      { channel: 'sms' },
    ]) {
      expectError(
        await kit.http(WORKER, 'PUT', '/api/me/notification-settings', body),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('staff may choose too; without a phone on file no outside channel is available', async () => {
    const saved = await kit.http('ds.handler', 'PUT', '/api/me/notification-settings', {
      nonStatutory: true,
      channel: 'sms',
    });
    expect(saved.json()).toMatchObject({ available: { wechat: false, sms: false }, subscriptions: [] });
  });
});

describe('WeChat subscriptions recorded by the mini-program', () => {
  const subscribe = (who: string, body: unknown, key: string | null = `subscribe-${randomUUID()}`) =>
    kit.http(
      who,
      'POST',
      '/api/me/wechat-subscriptions',
      body,
      key === null ? {} : { 'idempotency-key': key },
    );

  it('counts what was accepted, refuses templates it does not know, and is for petitioners only', async () => {
    const accepted = {
      moment: 'submitted',
      results: { 'dev-tmpl-progress': 'accept', 'dev-tmpl-answer': 'reject' },
    };
    const recorded = await subscribe(WORKER, accepted, 'subscribe-0001');
    expect(recorded.statusCode, recorded.body).toBe(200);
    // A retry of the same answer counts once: WeChat allows one message per acceptance.
    const again = await subscribe(WORKER, accepted, 'subscribe-0001');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(recorded.json());
    const counted = await kit.app.db
      .selectFrom('wechat_subscription')
      .select(['template_id', 'remaining'])
      .where('petitioner_id', '=', await kit.petitionerId(WORKER))
      .execute();
    expect(counted).toEqual([{ template_id: 'dev-tmpl-progress', remaining: 1 }]);
    expectError(await subscribe(WORKER, accepted, null), 428, 'IDEMPOTENCY_KEY_REQUIRED');

    const unknown = await subscribe(WORKER, { moment: 'detail', results: { 'made-up-template': 'accept' } });
    expectError(unknown, 400, 'VALIDATION_FAILED');
    const tooMany = await subscribe(WORKER, {
      moment: 'detail',
      results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' },
    });
    expectError(tooMany, 400, 'VALIDATION_FAILED');
    expectError(await subscribe('ds.handler', { moment: 'detail', results: {} }), 403, 'FORBIDDEN');
  });
});

describe('the outbox, for administrators', () => {
  it('lists what waits; retrying something not dead is refused; an unknown id is not found', async () => {
    const page = await kit.http('admin', 'GET', '/api/admin/outbox?status=pending&limit=5');
    expect(page.statusCode).toBe(200);
    expect(page.json().items.length).toBeGreaterThan(0);
    const id = page.json().items[0].id as string;
    expectError(await kit.http('admin', 'POST', `/api/admin/outbox/${id}/retry`), 400, 'VALIDATION_FAILED');
    expectError(
      await kit.http('admin', 'POST', '/api/admin/outbox/01ZZZZZZZZZZZZZZZZZZZZZZZZ/retry'),
      404,
      'NOT_FOUND',
    );
    expectError(await kit.http('admin', 'GET', '/api/admin/outbox?status=sent'), 400, 'VALIDATION_FAILED');
    expectError(await kit.http('supervisor', 'GET', '/api/admin/outbox?status=dead'), 403, 'FORBIDDEN');
  });
});
