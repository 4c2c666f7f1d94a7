import type { EscalationList, SupervisionList } from '@xinfang/shared/schemas/supervision';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, toldAbout } from '../notifications/support';
import { PetitionKit } from '../petitions/kit';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Automatic escalation (Art 38–40) with the server's clock moved across the 2026 Labour Day
 * holiday (1–5 May off, Saturday 9 May worked): a petition received on Friday 17 April has its
 * triage due on Wednesday 6 May (day 15 falls in the holiday). Yellow from three working days
 * before, red to the receiving mine's head once overdue, and to the group after five working days
 * late — each step recorded and told once, however often and however many at once the job runs.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let late = '';
let handled = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-04-17T10:00:00') });
  late = (await kit.submit(WORKER)).petition.id;
  handled = (await kit.submit(WORKER)).petition.id;
});
afterAll(() => kit?.close());

const run = () => kit.app.jobs.run('escalations');
const steps = async (id: string) => {
  const response = await kit.http('ds.reception', 'GET', `/api/petitions/${id}/escalations`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as EscalationList).items
    .filter((s) => s.clock === 'triage')
    .map((s) => [s.level, s.flag, s.unit.name]);
};

describe('a triage deadline across Labour Day', () => {
  it('is not flagged on Monday 27 April: the next three working days end on 30 April', async () => {
    expect((await kit.detail('ds.reception', late)).clocks.find((c) => c.name === 'triage')?.dueDate).toBe(
      '2026-05-06',
    );
    kit.setTime(bj('2026-04-27T10:00:00'));
    await run();
    expect(await steps(late)).toEqual([]);
  });

  it('is yellow on Tuesday 28 April, eight calendar days ahead, told to the mine’s reception once', async () => {
    await kit.act('ds.reception', handled, 'accept'); // its triage is met: never escalated
    kit.setTime(bj('2026-04-28T10:00:00'));
    await Promise.all([run(), run()]);
    await run();
    expect(await steps(late)).toEqual([[0, 'yellow', '东山煤矿']]);
    expect((await toldAbout(kit, late)).escalation).toEqual([kit.staffId('ds.reception')]);
    expect(await steps(handled)).toEqual([]);
  });

  it('is red to the mine’s head the moment 6 May ends, not before', async () => {
    kit.setTime(bj('2026-05-06T23:59:00'));
    await run();
    expect(await steps(late)).toEqual([[0, 'yellow', '东山煤矿']]);
    kit.setTime(bj('2026-05-07T00:01:00'));
    await Promise.all([run(), run()]);
    expect(await steps(late)).toEqual([
      [0, 'yellow', '东山煤矿'],
      [1, 'red', '东山煤矿'],
    ]);
    expect((await toldAbout(kit, late)).escalation).toEqual(
      [kit.staffId('ds.reception'), kit.staffId('ds.head')].sort(),
    );
    const said = await kit.app.db
      .selectFrom('notification')
      .select('body')
      .where('petition_id', '=', late)
      .where('recipient_id', '=', kit.staffId('ds.head'))
      .executeTakeFirstOrThrow();
    // Triage and the written notice are due together: one message names both.
    expect(said.body).toContain('转送交办、书面告知已于2026年5月6日到期');
  });

  it('climbs to the group on the fifth working day late (Saturday 9 May is worked), and no higher', async () => {
    kit.setTime(bj('2026-05-11T18:00:00')); // 7, 8, 9, 11 May: four working days late
    await run();
    expect(await steps(late)).toHaveLength(2);
    kit.setTime(bj('2026-05-12T09:00:00'));
    await run();
    expect(await steps(late)).toHaveLength(3);
    kit.setTime(bj('2026-06-30T09:00:00'));
    await run();
    expect(await steps(late)).toEqual([
      [0, 'yellow', '东山煤矿'],
      [1, 'red', '东山煤矿'],
      [2, 'red', '晋安煤业集团'],
    ]);
    const told = (await toldAbout(kit, late)).escalation ?? [];
    expect(told).toContain(kit.staffId('supervisor'));
    expect(told).toContain(kit.staffId('head'));
    expect(told.filter((id) => id === kit.staffId('supervisor'))).toHaveLength(1);
    const audited = (await kit.audit(late)).filter((a) => a.action === 'petition.escalate');
    expect(audited).toHaveLength(6); // three steps of each of the two deadlines
    expect(audited.every((a) => a.actor_type === 'system')).toBe(true);
  });

  it('shows in the supervisor’s list at its highest step, and leaves it once the case is closed', async () => {
    const list = async () => {
      const response = await kit.http('supervisor', 'GET', '/api/supervision');
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as SupervisionList).escalated.filter((c) => c.petitionId === late);
    };
    // Triage and the written notice, at the same step of one case, are one line.
    expect((await list()).map((c) => [c.escalation.deadline, c.escalation.level, c.open])).toEqual([
      [expect.stringMatching(/^(转送交办、书面告知|书面告知、转送交办)$/), 2, true],
    ]);
    await kit.act('ds.reception', late, 'decline', {
      ground: 'not_a_petition_matter',
      reason: '属于个人借贷纠纷。',
      guidance: '人民法院',
    });
    kit.setTime(bj('2026-07-30T09:00:00'));
    await run();
    expect(await list()).toEqual([]);
    expect(await steps(late)).toHaveLength(3);
  });
});

/**
 * A case assigned to 综采一队: the team has no head, nor has 综采区 above it. Red goes to the mine's
 * head, then straight to the group — never into the empty section, never to the mine's head twice.
 */
describe('a deadline held below a unit with nobody to act', () => {
  let team: PetitionKit;
  let id = '';
  beforeAll(async () => {
    team = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
    id = (await team.submit(WORKER, { concernedUnitId: team.unit('JA-DS-ZC-1') })).petition.id;
    await team.act('ds.reception', id, 'assign', {
      unit: team.unit('JA-DS-ZC-1'),
      reportBackBy: '2026-05-29',
    });
  });
  afterAll(() => team?.close());

  it('passes over the empty 综采区: the mine’s head once, then the group, and no higher', async () => {
    for (const day of ['2026-03-20', '2026-03-25', '2026-04-01', '2026-04-08', '2026-04-22']) {
      team.setTime(bj(`${day}T10:00:00`));
      await team.app.jobs.run('escalations');
    }
    const response = await team.http('ds.reception', 'GET', `/api/petitions/${id}/escalations`);
    expect(response.statusCode, response.body).toBe(200);
    const raised = (response.json() as EscalationList).items.map((s) => [s.clock, s.level, s.unit.name]);
    expect(raised).toEqual([
      ['assignment_notice', 1, '综采一队'],
      ['assignment_notice', 2, '晋安煤业集团'],
    ]);
    const told = await team.app.db
      .selectFrom('notification')
      .select('recipient_id')
      .where('petition_id', '=', id)
      .where('event', '=', 'escalation')
      .execute();
    expect(told.map((t) => t.recipient_id).sort()).toEqual(
      [team.staffId('ds.head'), team.staffId('head'), team.staffId('supervisor')].sort(),
    );
  });
});
