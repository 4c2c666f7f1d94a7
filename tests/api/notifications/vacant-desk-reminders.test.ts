import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { bj } from './support';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * A desk nobody watches any more (its only reception disabled, the administrator having confirmed
 * it) still has its deadlines run: the reminders owed to its reception — the morning digest of a
 * case's 15 days to triage (Art 22), the question to a forwarded case's organ — reach the nearest
 * head up the unit's line instead, as every other staff notice does, and nobody further up.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let forwarded = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  await kit.submit(WORKER);
  forwarded = (await kit.submit(WORKER)).petition.id;
  await kit.act('ds.reception', forwarded, 'forward', {
    recipientOrgan: '市人力资源和社会保障局',
    reason: '属于劳动保障监察职责',
  });
  const off = await kit.http('ds.sysadmin', 'PATCH', `/api/staff/${kit.staffId('ds.reception')}`, {
    status: 'disabled',
    leaveDeskEmpty: true,
  });
  expect(off.statusCode, off.body).toBe(200);
});
afterAll(() => kit?.close());

async function told(event: string) {
  return kit.app.db
    .selectFrom('notification')
    .select(['recipient_id', 'petition_id', 'body'])
    .where('event', '=', event)
    .orderBy('id')
    .execute();
}

describe("a petition office's empty desk", () => {
  it("puts the triage deadline in its head's morning digest", async () => {
    // Triage due on Tuesday 17 March (15 days): within 3 working days of Monday morning.
    kit.setTime(bj('2026-03-16T08:30:00'));
    await kit.app.jobs.run('reminders');
    const digests = await told('daily_digest');
    expect(digests.map((d) => d.recipient_id)).toEqual([kit.staffId('ds.head')]);
    expect(digests[0]?.body).toMatch(/1件将在3个工作日内到期，0件已超期/);
  });

  it("asks its head to ask the organ a forwarded case's outcome", async () => {
    // Forwarded Monday 2 March: the office asks after 20 working days.
    kit.setTime(bj('2026-04-01T09:00:00'));
    await kit.app.jobs.run('aftercare');
    await kit.app.jobs.run('aftercare');
    const asked = await told('forward_outcome_due');
    expect(asked.map((n) => [n.recipient_id, n.petition_id])).toEqual([[kit.staffId('ds.head'), forwarded]]);
  });
});
