import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from './kit';

const WORKER = '13800000001';
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤，夜班加班属实。',
  decision: '补发全部夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

/**
 * A re-examination waiting for its hearing (Art 36) counts in the inbox as every surface shows it:
 * its stopped clock is in no 即将到期 and no 超期, so another deadline of the case (a 督办单) is
 * what the filter, the overview and the line's badge name; and a hearing scheduled after the limit
 * had run out stops nothing: the case is 超期 in the badge, the overdue queue and the counts alike.
 */
describe('a clock paused for its hearing, in the inbox counts', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
    await kit.createStaff('ja.head', 'JA', ['unit_head']);
  });
  afterAll(() => kit.close());

  /** Answered by the mine's safety office, reviewed by the mine, re-examined by the group. */
  async function reExamined(supervise: boolean): Promise<string> {
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
    // The group supervises the mine's review; its 督办单 is still owed in the re-examination.
    if (supervise)
      await kit.act('supervisor', id, 'issue_supervision', {
        concern: 'delay',
        requirements: '请说明办理进度。',
        dueDate: kit.beijingDate(12),
      });
    await kit.act('ds.head', id, 'draft_reply', LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    await kit.act(WORKER, id, 'request_re_examination', { reason: '仍然不服' });
    return id;
  }

  const scheduleHearing = (id: string) =>
    kit.act('ja.head', id, 'schedule_hearing', {
      scheduledFor: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      place: '集团信访办会议室',
    });
  const answerClock = async (id: string) =>
    (await kit.detail('ja.head', id)).clocks.find((c) => c.name === 're_examination_answer');
  const line = async (id: string, query: Record<string, string>) =>
    (await kit.listAll('ja.head', query)).find((p) => p.id === id);
  const overview = async () => (await kit.http('ja.head', 'GET', '/api/overview')).json().units[0];
  const counted = async () => (await kit.http('ja.head', 'GET', '/api/petitions/counts')).json();

  it('is due soon by its 督办单 while the hearing is awaited, and in no window once that is answered', async () => {
    const id = await reExamined(true);
    await scheduleHearing(id);
    // Ten days on, the 督办单 is due in two: the case is due soon, by it, wherever that is counted.
    kit.tick({ days: 10 });
    expect(await answerClock(id)).toMatchObject({ status: 'paused', pausedDays: 10 });
    expect((await line(id, { due: 'soon' }))?.nextDue).toMatchObject({
      name: 'supervision_answer',
      status: 'due_soon',
    });
    const soon = (await overview()).dueSoon as number;
    await kit.act('ds.head', id, 'answer_supervision', {
      supervisionNo: 1,
      answer: '已加快办理，听证后答复。',
    });
    // Only the stopped clock is left: in no window, named on its line as paused.
    expect(await line(id, { due: 'soon' })).toBeUndefined();
    expect((await line(id, {}))?.nextDue).toMatchObject({ name: 're_examination_answer', status: 'paused' });
    expect((await overview()).dueSoon).toBe(soon - 1);
    expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
  });

  it('stays overdue, its date unmoved, when the hearing was scheduled after the limit ran out', async () => {
    const id = await reExamined(false);
    const due = (await answerClock(id))?.dueDate as string;
    kit.setTime(`${due}T10:00:00.000+08:00`);
    kit.tick({ days: 2 });
    await scheduleHearing(id);
    kit.tick({ days: 5 });
    expect(await answerClock(id)).toMatchObject({ status: 'overdue', dueDate: due });
    expect((await line(id, { queue: 'overdue' }))?.nextDue).toMatchObject({
      name: 're_examination_answer',
      status: 'overdue',
    });
    expect(await line(id, { due: 'soon' })).toBeUndefined();
    // The counts say what the lists list.
    expect((await counted()).overdue).toBe((await kit.listAll('ja.head', { queue: 'overdue' })).length);
    expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
  });
});
