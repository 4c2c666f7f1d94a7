import type { NotificationSettings } from '@xinfang/shared/schemas/notifications';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { bj, deliveriesOf, outboxRows, toldAbout } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Staff who turn off "other messages" turn off reminders and digests only. Work waiting on them —
 * a new case, a case assigned, a red (overdue) flag (Art 38–40) — still reaches their phone; the
 * digest and a yellow (due-soon) flag stay in the message centre.
 */
const WORKER = '13800000001';
const PHONES: Record<string, string> = {
  'ds.reception': '13600000011',
  'ds.handler': '13600000012',
  'ds.head': '13600000013',
};
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-04-06T10:00:00') });
  for (const [who, phone] of Object.entries(PHONES)) {
    await kit.app.db
      .updateTable('staff_account')
      .set({ phone_cipher: kit.app.pii.encrypt(phone), phone_hash: kit.app.pii.lookupHash('phone', phone) })
      .where('id', '=', kit.staffId(who))
      .execute();
    const saved = await kit.http(who, 'PUT', '/api/me/notification-settings', {
      nonStatutory: false,
      channel: 'sms',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as NotificationSettings).nonStatutory).toBe(false);
  }
});
afterAll(() => kit?.close());

const smsTo = async (who: string, event: string) =>
  (await outboxRows(kit, { recipientId: kit.staffId(who), event })).map((r) => r.channel);

describe('a handler who turned other messages off', () => {
  let waiting = '';

  it('still gets a new case and a case assigned by SMS', async () => {
    waiting = (await kit.submit(WORKER)).petition.id; // triage due Tuesday 21 April
    const assigned = (await kit.submit(WORKER)).petition.id;
    expect(await smsTo('ds.reception', 'case_new')).toEqual(['sms', 'sms']);
    await kit.act('ds.reception', assigned, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-05-29',
    });
    expect(await smsTo('ds.handler', 'case_assigned')).toEqual(['sms']);
  });

  it('finds the morning digest and a yellow flag in the message centre only', async () => {
    kit.setTime(bj('2026-04-17T08:05:00'));
    await kit.app.jobs.run('reminders');
    await kit.app.jobs.run('escalations');
    const digests = await kit.app.db
      .selectFrom('notification')
      .select('id')
      .where('recipient_id', '=', kit.staffId('ds.reception'))
      .where('event', '=', 'daily_digest')
      .execute();
    expect(digests).toHaveLength(1);
    expect((await toldAbout(kit, waiting)).escalation).toEqual([kit.staffId('ds.reception')]);
    expect(await smsTo('ds.reception', 'daily_digest')).toEqual([]);
    expect(await smsTo('ds.reception', 'escalation')).toEqual([]);
  });

  it('gets the red flag by SMS once the deadline has passed', async () => {
    kit.setTime(bj('2026-04-22T09:00:00'));
    await kit.app.jobs.run('escalations');
    expect((await toldAbout(kit, waiting)).escalation).toContain(kit.staffId('ds.head'));
    const { rows } = await deliveriesOf(kit, waiting, 'escalation');
    expect(rows.map((r) => [r.recipient_id, r.channel])).toEqual([[kit.staffId('ds.head'), 'sms']]);
  });
});
