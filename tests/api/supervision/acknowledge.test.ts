import type {
  Escalation,
  EscalationList,
  SupervisionList,
  SupervisionNotice,
} from '@xinfang/shared/schemas/supervision';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 签收 (Art 38–40): a red step is acknowledged by the head it reached, a 督办单 by the unit it
 * was sent to — once, audited, shown on the supervisor's list and the case page as 未签收 for N
 * working days or who signed and when; anyone else is refused, naming the rule.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let id = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  id = (await kit.submit(WORKER)).petition.id;
  // A 督办单 from the group to 东山煤矿, which holds the case; its answer is due long after.
  const issued = await kit.http('supervisor', 'POST', '/api/supervision/notices', {
    petitionId: id,
    version: kit.versions.get(id),
    concern: 'delay',
    requirements: '请说明受理进度。',
    dueDate: '2026-04-30',
  });
  expect(issued.statusCode, issued.body).toBe(201);
  // Triage falls due on Tuesday 17 March: yellow to the mine's reception on Friday the 13th, red
  // to the mine's head on Wednesday the 18th.
  kit.setTime(bj('2026-03-13T10:00:00'));
  await kit.app.jobs.run('escalations');
  kit.setTime(bj('2026-03-18T10:00:00'));
  await kit.app.jobs.run('escalations');
});
afterAll(() => kit?.close());

const nameOf = async (username: string) =>
  (
    await kit.app.db
      .selectFrom('staff_account')
      .select('display_name')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).display_name;
const steps = async (who: string): Promise<Escalation[]> => {
  const response = await kit.http(who, 'GET', `/api/petitions/${id}/escalations`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as EscalationList).items;
};
const list = async (who: string): Promise<SupervisionList> => {
  const response = await kit.http(who, 'GET', '/api/supervision');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SupervisionList;
};
const audited = async (action: string) =>
  (await kit.audit(id)).filter((a) => a.action === action).map((a) => a.actor_id);

describe('签收 of a red step', () => {
  it('is the mine head’s, once; the list shows how long it waited, then who signed', async () => {
    const reds = (await steps('ds.head')).filter((s) => s.flag === 'red');
    // Triage and the written notice fell due together: two steps, told in one message.
    expect(reds.map((s) => [s.level, s.unit.name, s.mayAcknowledge, s.unacknowledgedDays])).toEqual([
      [1, '东山煤矿', true, 0],
      [1, '东山煤矿', true, 0],
    ]);
    const red = reds[0] as Escalation;
    const yellow = (await steps('ds.head')).find((s) => s.flag === 'yellow') as Escalation;
    expect([yellow.mayAcknowledge, yellow.unacknowledgedDays]).toEqual([false, null]);
    // The reception sees the case, but the red was not told to it.
    expect((await steps('ds.reception')).every((s) => !s.mayAcknowledge)).toBe(true);

    kit.setTime(bj('2026-03-19T10:00:00'));
    const waiting = (await list('supervisor')).escalated.find((c) => c.petitionId === id);
    expect(waiting?.escalation).toMatchObject({ level: 1, acknowledged: null, unacknowledgedDays: 1 });

    const ack = (who: string, step = red.id) =>
      kit.http(who, 'POST', `/api/supervision/escalations/${step}/ack`);
    for (const who of ['ds.reception', 'supervisor'])
      expect(expectError(await ack(who), 422, 'LIFECYCLE_REFUSED').details?.rule).toBe(
        'acknowledge.not_recipient',
      );
    expectError(await ack('xh.head'), 404, 'NOT_FOUND'); // another mine's head: not his case
    expect(expectError(await ack('ds.head', yellow.id), 422, 'LIFECYCLE_REFUSED').details?.rule).toBe(
      'acknowledge.not_awaited',
    );

    // A double tap: both answered alike, acknowledged and audited once.
    const taps = await Promise.all([ack('ds.head'), ack('ds.head')]);
    for (const tap of taps) expect(tap.statusCode, tap.body).toBe(200);
    const [signed, again] = taps.map((t) => (t.json() as Escalation).acknowledged);
    expect(signed?.by).toBe(await nameOf('ds.head'));
    expect(again).toEqual(signed);
    expect(await audited('petition.escalation_acknowledged')).toEqual([kit.staffId('ds.head')]);
    // The step told with it is acknowledged with it; anyone else is still refused.
    expect((await steps('ds.reception')).filter((s) => s.flag === 'red').map((s) => s.acknowledged)).toEqual([
      signed,
      signed,
    ]);
    expectError(await ack('ds.reception'), 422, 'LIFECYCLE_REFUSED');
    const shown = (await list('supervisor')).escalated.find((c) => c.petitionId === id);
    expect(shown?.escalation).toMatchObject({ acknowledged: signed, unacknowledgedDays: null });
  });
});

describe('签收 of a 督办单', () => {
  it('is the supervised unit’s, before it answers, once; the issuer sees it signed', async () => {
    const notice = async (who: string) =>
      (await list(who)).notices.find((n) => n.petitionId === id && n.no === 1) as SupervisionNotice;
    kit.setTime(bj('2026-03-20T10:00:00'));
    expect(await notice('ds.head')).toMatchObject({
      mayAcknowledge: true,
      acknowledged: null,
      unacknowledgedDays: 14, // working days after Monday 2 March, to Friday 20 March
    });
    expect((await notice('supervisor')).mayAcknowledge).toBe(false);

    const ack = (who: string) => kit.http(who, 'POST', `/api/supervision/notices/${id}/1/ack`);
    // The issuer, and the group's reception (it answers the group's notices, not the mine's).
    for (const who of ['supervisor', 'reception'])
      expect(expectError(await ack(who), 422, 'LIFECYCLE_REFUSED').details?.rule).toBe(
        'acknowledge.not_recipient',
      );
    expectError(await ack('xh.head'), 404, 'NOT_FOUND');

    const taps = await Promise.all([ack('ds.reception'), ack('ds.reception')]);
    for (const tap of taps) expect(tap.statusCode, tap.body).toBe(200);
    const [signed, again] = taps.map((t) => (t.json() as SupervisionNotice).acknowledged);
    expect(signed?.by).toBe(await nameOf('ds.reception'));
    expect(again).toEqual(signed);
    expect(await notice('supervisor')).toMatchObject({
      status: 'open', // 签收 is not the answer
      acknowledged: signed,
      unacknowledgedDays: null,
      mayAcknowledge: false,
    });
    expect(await audited('petition.supervision_acknowledged')).toEqual([kit.staffId('ds.reception')]);
  });
});
