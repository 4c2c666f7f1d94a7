import { runDeadlineJob } from '@xinfang/server/jobs/deadlines';
import { petitionDeps } from '@xinfang/server/petitions/deps';
import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';

const WORKER = '13800000001';
/** What a case's row holds when no deadline runs (server/src/modules/petitions/next-due.ts). */
const NO_DUE = '9999-12-31T23:59:59.999Z';
const late = { reason: '我不同意这个答复' };
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤，夜班加班属实。',
  decision: '补发全部夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

/**
 * What time alone changes: once the petitioner's window after a delivered reply has lapsed, the
 * deadline job closes the case — resolved when it was rated satisfied, concluded otherwise (Art 35).
 */
describe('the deadline job', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  async function replied(): Promise<string> {
    const { petition } = await kit.submit(WORKER);
    // Accepted by the mine's own office, the mine handles it: its head drafts, approves and issues.
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    return petition.id;
  }

  async function delivered(): Promise<string> {
    const id = await replied();
    await kit.openAnswer(WORKER, id);
    return id;
  }

  it('never closes a reply that was not delivered: its window has not started (Art 35)', async () => {
    const undelivered = await replied();
    kit.tick({ days: 200 });
    await runDeadlineJob(petitionDeps(kit.app), kit.now());
    expect((await kit.detail('ds.head', undelivered)).state).toBe('replied');
  });

  it('leaves a reply alone while the review window is open, then closes it', async () => {
    const unrated = await delivered();
    const satisfied = await delivered();
    await kit.act(WORKER, satisfied, 'rate', { rating: 'satisfied' });

    expect(await runDeadlineJob(petitionDeps(kit.app), kit.now())).toMatchObject({ closed: 0 });
    expect((await kit.detail(WORKER, unrated)).state).toBe('replied');

    kit.tick({ days: 40 });
    // Before the job runs, a late review names Art 35's 30 days …
    const before = await kit.refused(WORKER, unrated, 'request_review', late, 'review.window_closed');
    const outcome = await runDeadlineJob(petitionDeps(kit.app), kit.now());
    expect(outcome.closed).toBe(2);
    expect((await kit.detail(WORKER, unrated)).state).toBe('concluded');
    expect((await kit.detail(WORKER, satisfied)).state).toBe('resolved');
    // … and after it closed the case, the same answer, not a bare "closed".
    const after = await kit.refused(WORKER, unrated, 'request_review', late, 'review.window_closed');
    expect(after).toEqual(before);
    expect(after).toMatchObject({ article: 'Art 35' });
    // The petitioner reads why the case was closed: the review window lapsed.
    const closing = (await kit.detail(WORKER, unrated)).timeline.at(-1);
    expect(closing).toMatchObject({
      type: 'closed',
      data: { outcome: 'concluded', lapsed: 'review_window' },
    });

    const entries = await kit.app.db
      .selectFrom('audit_log')
      .select(['actor_type', 'target_id'])
      .where('action', '=', 'petition.close')
      .execute();
    expect(entries.map((e) => e.target_id).sort()).toEqual([satisfied, unrated].sort());
    expect(entries.every((e) => e.actor_type === 'system')).toBe(true);
    // Running again changes nothing.
    expect(await runDeadlineJob(petitionDeps(kit.app), kit.now())).toEqual({
      closed: 0,
      moved: 0,
      waiting: 0,
    });
  });

  it('keeps no moving date for a re-examination paused for a hearing: nothing for the job to move', async () => {
    await kit.createStaff('ja.head', 'JA', ['unit_head']);
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(40),
    });
    await kit.act('ds.handler', id, 'accept');
    await kit.act('ds.handler', id, 'draft_reply', LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.handler', id, 'issue_reply');
    await kit.act(WORKER, id, 'request_review', { reason: '不服' });
    await kit.act('ds.head', id, 'draft_reply', LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    await kit.act(WORKER, id, 'request_re_examination', { reason: '仍然不服' });
    // On its last day the answer is due soon: in the inbox's filter, its line and the overview.
    const answerOf = async (who: string) =>
      (await kit.detail(who, id)).clocks.find((c) => c.name === 're_examination_answer');
    kit.setTime(`${(await answerOf('ja.head'))?.dueDate}T10:00:00.000+08:00`);
    const soon = async () => (await kit.listAll('ja.head', { due: 'soon' })).filter((p) => p.id === id);
    const dueSoonCount = async () =>
      (await kit.http('ja.head', 'GET', '/api/overview')).json().units[0].dueSoon as number;
    expect((await soon()).map((p) => p.nextDue?.status)).toEqual(['due_soon']);
    const soonBefore = await dueSoonCount();
    const dueBefore = await nextDueAt(id);
    await kit.act('ja.head', id, 'schedule_hearing', {
      scheduledFor: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      place: '集团信访办会议室',
    });
    // Hearing time does not count (Art 36): the stopped clock is no one's next date, so the row
    // keeps none (NO_DUE) and the job, day after day, has nothing to move.
    const deps = petitionDeps(kit.app);
    expect(await nextDueAt(id)).toBe(NO_DUE);
    kit.tick({ days: 3 });
    expect(await runDeadlineJob(deps, kit.now())).toEqual({ closed: 0, moved: 0, waiting: 0 });
    // Staff and petitioner are told the clock is stopped, and for how long; it is not due soon.
    for (const who of ['ja.head', WORKER])
      expect(await answerOf(who)).toMatchObject({ status: 'paused', pausedDays: 3, finishedAt: null });
    expect(await soon()).toEqual([]);
    expect(await dueSoonCount()).toBe(soonBefore - 1);
    // The inbox tallies moved with the hearing's scheduling.
    expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
    // Once it is held the answer is due again, three days later than before.
    await kit.act('ja.head', id, 'hold_hearing', { summary: '听证已举行' });
    expect(Date.parse(await nextDueAt(id)) - Date.parse(dueBefore)).toBe(3 * 86_400_000);
    expect(await runDeadlineJob(deps, kit.now())).toEqual({ closed: 0, moved: 0, waiting: 0 });
  });

  it('keeps a lapsed case open a week, for a letter asking for review on the last day (Art 17, 35)', async () => {
    const id = await delivered();
    const window = (await kit.detail(WORKER, id)).clocks.find((c) => c.name === 'review_window');
    const lastDay = window?.dueDate as string;
    // Three days after the window's last day, the letter posted in time reaches the group's desk.
    kit.setTime(new Date(`${lastDay}T10:00:00+08:00`).toISOString());
    kit.tick({ days: 3 });
    expect(await runDeadlineJob(petitionDeps(kit.app), kit.now())).toMatchObject({ closed: 0, waiting: 1 });
    const letter = { channel: 'letter', receivedOn: lastDay, reason: '来信不服答复，请求复查' };
    const reviewing = await kit.act('reception', id, 'record_review_request', letter);
    expect(reviewing).toMatchObject({ state: 'handling', stage: 'review' });
  });

  it('waits for the notice before closing a window counted through a year without it', async () => {
    // Delivered on 9 January 2027: day 30 of the review window (Art 35) is 8 February, 正月初三.
    kit.setTime('2027-01-09T02:00:00.000Z');
    const id = await delivered();
    const deps = petitionDeps(kit.app);
    // Counted on the statutory holidays alone, the window ended on the 9th; the notice may differ.
    kit.setTime('2027-02-10T02:00:00.000Z');
    expect(await runDeadlineJob(deps, kit.now())).toMatchObject({ closed: 0, waiting: 1 });
    expect((await kit.detail('ds.head', id)).state).toBe('replied');

    // The notice: 春节 from the 6th to Saturday the 13th, Sunday the 14th worked: the window's end.
    const notice = '春节,2027-02-06,2027-02-13\n上班,2027-02-14';
    const saved = await kit.http('admin', 'PUT', '/api/admin/calendar/years', { year: 2027, text: notice });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await runDeadlineJob(deps, kit.now())).toMatchObject({ closed: 0, waiting: 0 });
    // Lapsed on the 14th, the case waits a week for a letter of that day to reach the desk.
    kit.setTime('2027-02-21T02:00:00.000Z');
    expect(await runDeadlineJob(deps, kit.now())).toMatchObject({ closed: 0, waiting: 1 });
    kit.setTime('2027-02-22T02:00:00.000Z');
    expect(await runDeadlineJob(deps, kit.now())).toMatchObject({ closed: 1, waiting: 0 });
    expect((await kit.detail('ds.head', id)).state).toBe('concluded');
  });

  async function nextDueAt(id: string): Promise<string> {
    const row = await kit.app.db
      .selectFrom('petition')
      .select('next_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.next_due_at;
  }
});

/**
 * Art 23 ¶2: an answer to a petitioner whose name or address is unclear is kept on file, owed no
 * delivery and opening no window; the job closes the case once a petitioner who might come forward
 * at the desk has had a week.
 */
describe('the deadline job, for an answer no one can be told of', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  it('closes it a week after issue', async () => {
    const { petition } = await kit.register('ds.reception', {
      channel: 'letter',
      receivedAt: new Date(kit.now().getTime() - 3600_000).toISOString(),
      contactUnclear: true,
      petitioner: { realName: '匿名' },
    });
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    await kit.act('ds.head', id, 'draft_reply', LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    // A petitioner who comes forward at the desk that week still finds the case open.
    kit.tick({ days: 7 });
    await runDeadlineJob(petitionDeps(kit.app), kit.now());
    expect((await kit.detail('ds.head', id)).state).toBe('replied');
    kit.tick({ days: 1 });
    await runDeadlineJob(petitionDeps(kit.app), kit.now());
    const closed = await kit.detail('ds.head', id);
    expect(closed.state).toBe('concluded');
    // No window ran, so none lapsed.
    expect(closed.timeline.at(-1)).toMatchObject({ type: 'closed', data: { outcome: 'concluded' } });
    expect(closed.timeline.at(-1)?.data).not.toHaveProperty('lapsed');
  });
});
