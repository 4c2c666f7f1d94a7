import { randomUUID } from 'node:crypto';
import type { ReceptionDay } from '@xinfang/shared/schemas/reception';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { bj, LETTER, outboxRows, toldAbout } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Nobody is woken by a reminder. The jobs run hourly, and their first run of a day comes soon
 * after midnight; reminders to petitioners (an invitation to rate, an appeal window closing, a
 * booking tomorrow) are made from 08:00 Beijing time, and go out no earlier.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let id = '';
let worker = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  worker = await kit.petitionerId(WORKER);
  ({ id } = (await kit.submit(WORKER)).petition);
  await kit.act('ds.reception', id, 'accept');
  await kit.act('ds.head', id, 'draft_reply', LETTER);
  await kit.act('ds.head', id, 'approve_reply');
  await kit.act('ds.head', id, 'issue_reply');
  await kit.openAnswer(WORKER, id); // received Monday 2 March: review window until 1 April
  const published = await kit.http(
    'reception',
    'POST',
    '/api/reception-days',
    {
      leaderId: kit.staffId('leader'),
      date: '2026-03-10',
      place: '集团信访接待室',
      topics: '工资待遇',
      slots: [{ from: '09:00', to: '09:30', capacity: 1 }],
    },
    { 'idempotency-key': `day-${randomUUID()}` },
  );
  expect(published.statusCode, published.body).toBe(201);
  const day = published.json() as ReceptionDay;
  const booked = await kit.http(WORKER, 'POST', `/api/reception-days/${day.id}/bookings`, {
    version: day.version,
    slot: 0,
    topic: '反映夜班补贴问题',
  });
  expect(booked.statusCode, booked.body).toBe(201);
});
afterAll(() => kit?.close());

const reminders = () => kit.app.jobs.run('reminders');
/** The outbox rows of one event to the worker, each due no earlier than `from`. */
async function dueFrom(event: string, from: string) {
  const rows = await outboxRows(kit, { recipientId: worker, event });
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(Date.parse(row.due_at)).toBeGreaterThanOrEqual(Date.parse(from));
}

describe('reminders to a petitioner wait for the morning', () => {
  it('the invitation to rate: not in the job’s first run after midnight, but from 08:00', async () => {
    kit.setTime(bj('2026-03-04T00:07:00'));
    await reminders();
    expect((await toldAbout(kit, id)).rate_invitation).toBeUndefined();
    expect(await outboxRows(kit, { recipientId: worker, event: 'rate_invitation' })).toEqual([]);
    kit.setTime(bj('2026-03-04T07:59:00'));
    await reminders();
    expect((await toldAbout(kit, id)).rate_invitation).toBeUndefined();
    kit.setTime(bj('2026-03-04T08:00:00'));
    await reminders();
    expect((await toldAbout(kit, id)).rate_invitation).toEqual([worker]);
    await dueFrom('rate_invitation', bj('2026-03-04T08:00:00'));
  });

  it('a booking tomorrow: not at 00:05, but from 08:00', async () => {
    const told = async () =>
      kit.app.db
        .selectFrom('notification')
        .select('recipient_id')
        .where('event', '=', 'booking_reminder')
        .execute();
    kit.setTime(bj('2026-03-09T00:05:00'));
    await kit.app.jobs.run('aftercare');
    expect(await told()).toEqual([]);
    kit.setTime(bj('2026-03-09T08:00:00'));
    await kit.app.jobs.run('aftercare');
    expect(await told()).toEqual([{ recipient_id: worker }]);
    await dueFrom('booking_reminder', bj('2026-03-09T08:00:00'));
  });

  it('the appeal window closing: not at 00:05, but from 08:00', async () => {
    kit.setTime(bj('2026-03-27T00:05:00'));
    await reminders();
    expect((await toldAbout(kit, id)).appeal_reminder).toBeUndefined();
    kit.setTime(bj('2026-03-27T08:30:00'));
    await reminders();
    expect((await toldAbout(kit, id)).appeal_reminder).toEqual([worker]);
    await dueFrom('appeal_reminder', bj('2026-03-27T08:30:00'));
  });
});
