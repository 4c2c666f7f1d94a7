import { recountWithCalendar } from '@xinfang/server/modules/calendar/calendar-recount';
import { createPetitionWriter } from '@xinfang/server/petitions/petition-writer';
import { createCalendar } from '@xinfang/shared/clocks';
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
      [1, 'red', '东山煤矿'],
      [0, 'yellow', '东山煤矿'],
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
      [2, 'red', '晋安煤业集团'],
      [1, 'red', '东山煤矿'],
      [0, 'yellow', '东山煤矿'],
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
    // Many newer steps, at a higher level, of deadlines that have since stopped (another case's):
    // the case at the top of its ladder long ago is still listed (audit 35, D2).
    const stopped = Array.from({ length: 850 }, (_, i) => ({
      id: `STOPPED${String(i).padStart(19, '0')}`,
      petition_id: handled,
      clock_key: `triage:${i}:2026-01-01T00:00:00.000Z`,
      clock_name: 'triage',
      level: 5,
      flag: 'red' as const,
      unit_id: kit.unit('JA-DS'),
      due_date: '2026-06-01',
      reached_at: kit.now().toISOString(),
      withdrawn_at: null,
    }));
    for (let i = 0; i < stopped.length; i += 200)
      await kit.app.db
        .insertInto('escalation')
        .values(stopped.slice(i, i + 200))
        .execute();
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
      ['assignment_notice', 2, '晋安煤业集团'],
      ['assignment_notice', 1, '综采一队'],
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

/**
 * A red raised on a due date counted without the year's holiday notice (audit 35, D6). On 10
 * December 2026 the 60 days of handling end, on the statutory holidays alone, on Tuesday 9 February
 * 2027 (provisional); the notice gives 春节 to Saturday the 13th and works Sunday the 14th. A server
 * started with the notice counts again: the red of the 10th is withdrawn — kept in the case's record,
 * off the supervisor's list — and red goes out again once the real due day has passed.
 */
describe('a red raised on a provisional due date the notice moves later', () => {
  const NOTICE_2027 = {
    year: 2027,
    holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-13' }],
    makeUpWorkdays: ['2027-02-14', '2027-02-20'],
  };
  let cal: PetitionKit;
  let id = '';
  beforeAll(async () => {
    cal = await PetitionKit.start({ at: bj('2026-12-10T09:00:00') });
    id = (await cal.submit(WORKER)).petition.id;
    await cal.act('ds.reception', id, 'accept');
  });
  afterAll(() => cal?.close());

  const record = async () => {
    const response = await cal.http('ds.head', 'GET', `/api/petitions/${id}/escalations`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as EscalationList).items
      .filter((s) => s.clock === 'handling')
      .map((s) => [s.level, s.dueDate, s.withdrawnAt === null ? 'standing' : 'withdrawn']);
  };
  const listed = async () => {
    const response = await cal.http('supervisor', 'GET', '/api/supervision');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as SupervisionList).escalated
      .filter((c) => c.petitionId === id && c.escalation.clock === 'handling')
      .map((c) => c.escalation.dueDate);
  };
  const toldHead = async () =>
    (
      await cal.app.db
        .selectFrom('notification')
        .select('body')
        .where('petition_id', '=', id)
        .where('recipient_id', '=', cal.staffId('ds.head'))
        .where('event', '=', 'escalation')
        .execute()
    ).length;

  it('withdraws it, keeps it, tells nobody again of the old date, and raises red on the real day', async () => {
    cal.setTime(bj('2027-02-10T10:00:00'));
    await cal.app.jobs.run('escalations');
    expect(await record()).toEqual([[1, '2027-02-09', 'standing']]);
    expect(await listed()).toEqual(['2027-02-09']);
    const told = await toldHead();

    const calendar = createCalendar([NOTICE_2027]);
    const writer = createPetitionWriter({ calendar, notify: cal.app.notifications.effect });
    const report = await recountWithCalendar(
      { db: cal.app.db, calendar, writer },
      {
        actor: { actorType: 'system', actorId: null, unitPath: null, ip: null, requestId: null },
        now: cal.now(),
      },
    );
    expect(report).toMatchObject({ moved: 1, withdrawn: 1 });
    expect(await record()).toEqual([[1, '2027-02-09', 'withdrawn']]);
    expect(await listed()).toEqual([]);
    const audited = (await cal.audit(id)).filter((a) => a.action === 'petition.escalation_withdrawn');
    expect(audited.map((a) => JSON.parse(String(a.details)))).toMatchObject([
      { steps: 1, dueDates: '2027-02-09' },
    ]);

    // An instance still counting without the notice raises nothing again for the withdrawn date.
    await cal.app.jobs.run('escalations');
    expect(await record()).toEqual([[1, '2027-02-09', 'withdrawn']]);
    expect(await toldHead()).toBe(told);

    // With the notice in use: yellow on Sunday the 14th, a working day; red once it has passed.
    await cal.app.db
      .insertInto('calendar_year')
      .values({
        year: 2027,
        data: JSON.stringify({ holidays: NOTICE_2027.holidays, makeUpWorkdays: NOTICE_2027.makeUpWorkdays }),
        uploaded_by: cal.staffId('admin'),
        uploaded_at: cal.now().toISOString(),
      })
      .execute();
    await cal.app.calendarYears.reload();
    await cal.app.calendarYears.settled();
    cal.setTime(bj('2027-02-14T10:00:00'));
    await cal.app.jobs.run('escalations');
    expect(await record()).toEqual([
      [0, '2027-02-14', 'standing'],
      [1, '2027-02-09', 'withdrawn'],
    ]);
    cal.setTime(bj('2027-02-15T10:00:00'));
    await cal.app.jobs.run('escalations');
    expect(await record()).toEqual([
      [1, '2027-02-14', 'standing'],
      [0, '2027-02-14', 'standing'],
      [1, '2027-02-09', 'withdrawn'],
    ]);
    expect(await listed()).toEqual(['2027-02-14']);
    expect(await toldHead()).toBe(told + 2);
  });
});
