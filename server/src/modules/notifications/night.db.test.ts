import { PETITIONER_EVENTS } from '@xinfang/shared/schemas/notifications';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../db/ids';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { compose } from './catalog';
import { TEXT_CHECK } from './content-checks';
import type { Deliverer, Outcome } from './deliverers';
import { createDispatcher } from './dispatcher';
import { addSubscriptions } from './notification.repository';
import { createNotifier, type OutboxPayload, outboxRow } from './notifier';
import { insertOutbox } from './outbox.repository';
import { DEV_SMS_TEMPLATES, DEV_WECHAT_TEMPLATES } from './template-values';

/**
 * Quiet hours (21:00–08:00 Beijing) on the real database (SQLite and MySQL): no WeChat or SMS
 * goes out at night unless the catalog marks it urgent; a retry never lands in them; what a
 * provider's day limit held back goes the next morning, not at midnight, urgent or not.
 */
const NIGHT = { from: 21 * 60, to: 8 * 60 };
const bj = (local: string) => new Date(`${local}+08:00`);

let t: TestApp;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});
beforeEach(async () => {
  await t.app.db.deleteFrom('outbox').execute();
});

const facts = (at: Date) => ({ number: 'XF2026-000001', petitionId: null, at: at.toISOString() });
/** An event the catalog calls urgent (a delay would cost the petitioner time), read from it. */
const urgentEvent = () => {
  const at = bj('2026-03-02T10:00:00');
  const event = PETITIONER_EVENTS.find(
    (e) => DEV_WECHAT_TEMPLATES[e] && compose(e, { ...facts(at), date: '2026-03-10' }).timeSensitive,
  );
  if (!event) throw new Error('the catalog marks no event with a WeChat template urgent');
  return event;
};

describe('the notifier at night', () => {
  it('holds a WeChat notice until 08:00 unless it is urgent', async () => {
    const petitioner = newId();
    const at = bj('2026-03-02T23:10:00');
    await t.app.db
      .insertInto('petitioner_account')
      .values({
        id: petitioner,
        wechat_openid: `o-${petitioner}`,
        wechat_unionid: null,
        phone_cipher: null,
        phone_hash: null,
        real_name: null,
        id_number_cipher: null,
        id_number_hash: null,
        address: null,
        employee_number: null,
        worker_unit_id: null,
        contact_phone_hash: null,
        status: 'active',
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
      })
      .execute();
    const urgent = urgentEvent();
    for (const event of ['accepted', urgent] as const) {
      const template = DEV_WECHAT_TEMPLATES[event]?.templateId as string;
      await addSubscriptions(t.app.db, petitioner, [template], at.toISOString());
    }
    const notifier = createNotifier({
      enabled: true,
      wechatTemplates: DEV_WECHAT_TEMPLATES,
      smsTemplates: DEV_SMS_TEMPLATES,
      quietHours: NIGHT,
    });
    await t.app.db.transaction().execute((trx) =>
      notifier.notify(
        trx,
        (['accepted', urgent] as const).map((event) => ({
          recipient: { type: 'petitioner' as const, id: petitioner },
          event,
          facts: { ...facts(at), date: '2026-03-10' },
        })),
        at,
      ),
    );
    const rows = await t.app.db
      .selectFrom('outbox')
      .select(['event', 'channel', 'due_at'])
      .where('recipient_id', '=', petitioner)
      .execute();
    const dueOf = (event: string) => rows.find((r) => r.event === event);
    expect(dueOf('accepted')).toEqual({
      event: 'accepted',
      channel: 'wechat',
      due_at: bj('2026-03-03T08:00:00').toISOString(),
    });
    expect(dueOf(urgent)).toEqual({ event: urgent, channel: 'wechat', due_at: at.toISOString() });
  });
});

describe('retries and quiet hours', () => {
  const dispatcher = (outcome: Outcome) => {
    const answering: Deliverer = { deliver: async () => outcome };
    return createDispatcher({
      db: t.app.db,
      deliverers: { wechat: answering, sms: answering, [TEXT_CHECK]: answering },
      options: {
        batchSize: 10,
        concurrency: 1,
        leaseMs: 60_000,
        maxAttempts: 5,
        quietHours: NIGHT,
        rates: { wechat: 1000, sms: 1000, check: 1000 },
      },
      logger: { warn() {}, debug() {} },
    });
  };

  /** One row of `channel` tried at `at` with `outcome`: when it is due again. */
  async function dueAgain(channel: string, payload: OutboxPayload, outcome: Outcome, at: Date) {
    vi.setSystemTime(at);
    const row = outboxRow({
      notificationId: null,
      channel,
      recipient: { type: 'petitioner', id: newId() },
      event: 'received',
      payload,
      statutory: false,
      dueAt: at,
      now: at,
    });
    await insertOutbox(t.app.db, [row]);
    expect(await dispatcher(outcome).dispatchOnce(at)).toMatchObject({ retried: 1 });
    const after = await t.app.db
      .selectFrom('outbox')
      .select(['status', 'due_at'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('pending');
    return after.due_at;
  }

  const dayLimit: Outcome = { kind: 'retry', error: 'quota', notBefore: 'next_day' };
  const failed: Outcome = { kind: 'retry', error: 'HTTP 502' };

  it('a day limit (WeChat quota, a number’s daily SMS) is waited out until 08:00, urgent or not', async () => {
    const morning = bj('2026-03-03T08:00:00').toISOString();
    expect(await dueAgain('wechat', {}, dayLimit, bj('2026-03-02T10:00:00'))).toBe(morning);
    expect(await dueAgain('sms', { urgent: true }, dayLimit, bj('2026-03-02T10:00:00'))).toBe(morning);
    expect(await dueAgain('wechat', { urgent: true }, dayLimit, bj('2026-03-02T23:30:00'))).toBe(morning);
  });

  it('a failed WeChat notice is not tried again in the night unless urgent', async () => {
    const at = bj('2026-03-02T23:00:00');
    expect(await dueAgain('wechat', {}, failed, at)).toBe(bj('2026-03-03T08:00:00').toISOString());
    const urgent = Date.parse(await dueAgain('wechat', { urgent: true }, failed, at));
    expect(urgent).toBeLessThanOrEqual(at.getTime() + 30_000);
  });

  it('a content check goes to WeChat’s servers, not a person: no quiet hours', async () => {
    const at = bj('2026-03-02T23:00:00');
    expect(Date.parse(await dueAgain(TEXT_CHECK, {}, failed, at))).toBeLessThanOrEqual(at.getTime() + 30_000);
  });
});
