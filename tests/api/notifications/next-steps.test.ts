import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { bj, messageCentre, toldAbout } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const WORKER = '13800000001';
const SUGGESTER = '13900000003';

/**
 * Whoever must act next is told (audit 32): the receiving office when a leader's instruction sends
 * a case back (Art 22), the lead unit when a 协办 part comes in (Art 24), the 承办人 when a case is
 * handled again, and the petitioner of that decision. A declined petitioner hears where to turn
 * (Art 22, 23). And a notice to a unit's desk or handlers that nobody holds any more goes to the
 * nearest head up, never to nobody.
 */
let kit: PetitionKit;
const staff: Record<string, string> = {};
let worker = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  await kit.createStaff('rlk.li', 'JA-DS-RLK', ['handler']);
  // A handler of the mine itself, who may be named 承办人 of a case the mine handles (Art 24).
  await kit.createStaff('ds.chen', 'JA-DS', ['handler']);
  for (const name of ['reception', 'leader', 'handler', 'head', 'ds.reception', 'ds.head', 'ds.handler'])
    staff[name] = kit.staffId(name);
  staff['rlk.li'] = kit.staffId('rlk.li');
  staff['ds.chen'] = kit.staffId('ds.chen');
  staff['xh.handler'] = kit.staffId('xh.handler');
  worker = await kit.petitionerId(WORKER);
});
afterAll(() => kit?.close());

const setStatus = (username: string, status: 'active' | 'disabled') =>
  kit.app.db.updateTable('staff_account').set({ status }).where('id', '=', kit.staffId(username)).execute();

/** `2026-03-17` → `2026年3月17日`, as the words say a date. */
const spoken = (date: string | undefined) => {
  const [y, m, d] = (date ?? '').split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

describe('the one who acts next is told', () => {
  it('a leader’s instruction: the receiving office, with the 15 days still running (Art 22)', async () => {
    const { id } = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XFB') })).petition;
    await kit.act('reception', id, 'refer', { leaderId: staff.leader });
    const back = await kit.act('leader', id, 'instruct', { instruction: '请集团信访办核实后交办。' });
    expect(back.state).toBe('registered');
    expect((await toldAbout(kit, id)).case_returned).toEqual([staff.reception]);
    const [returned] = (await messageCentre(kit, 'reception')).items;
    expect(returned).toMatchObject({
      event: 'case_returned',
      petitionId: id,
      statutory: false,
      page: `staff/petition/index?id=${id}`,
    });
    expect(returned?.body).toContain('领导已批示：“请集团信访办核实后交办”');
    const triage = back.clocks.find((c) => c.name === 'triage')?.dueDate;
    expect(returned?.body).toContain(`请按批示在${spoken(triage)}前转送、交办或受理`);
  });

  it('a 协办 part answered: the lead unit’s handler and head, then its 承办人 once named (Art 24)', async () => {
    const { id } = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XFB') })).petition;
    await kit.act('reception', id, 'accept');
    for (const unit of ['JA-DS-RLK', 'JA-XH-AQK'])
      await kit.act('handler', id, 'request_assist', {
        unit: kit.unit(unit),
        part: `请${unit}核实考勤`,
        dueDate: kit.beijingDate(7),
      });
    const answer = (who: string, no: number) =>
      kit.http(who, 'POST', `/api/co-handling/${id}/parts/${no}/answer`, { answer: '经核实，考勤属实。' });
    expect((await answer('rlk.li', 1)).statusCode).toBe(200);
    // No 承办人 named: the lead unit's handler and head; one part still to come.
    expect((await toldAbout(kit, id)).assist_answered).toEqual([staff.handler, staff.head].sort());
    const first = (await messageCentre(kit, 'head')).items[0];
    expect(first).toMatchObject({ event: 'assist_answered', page: `staff/petition/index?id=${id}` });
    expect(first?.body).toContain('东山煤矿人力资源科已答复信访事项');
    expect(first?.body).toContain('还有1项协办没有答复');

    await kit.detail('head', id); // the version the answer left
    await kit.act('head', id, 'set_handler', { staffId: staff.handler });
    expect((await answer('xh.handler', 2)).statusCode).toBe(200);
    // Named now: the 承办人 alone, told that every part is in.
    expect((await toldAbout(kit, id)).assist_answered).toEqual(
      [staff.handler, staff.handler, staff.head].sort(),
    );
    const last = (await messageCentre(kit, 'handler')).items[0];
    expect(last?.body).toContain('协办意见已齐全，可以答复信访人');
  });

  it('an unsatisfied suggestion handled again: its 承办人, and the petitioner either way', async () => {
    const answered = async () => {
      const { petition } = await kit.submit(SUGGESTER, {
        kind: 'suggestion',
        categoryCode: 'management_suggestion',
      });
      await kit.act('ds.reception', petition.id, 'accept');
      await kit.act('ds.head', petition.id, 'set_handler', { staffId: staff['ds.chen'] });
      await kit.act('ds.head', petition.id, 'draft_reply', {
        request: '改进井口候车室',
        factsAndReasons: '候车室冬季无暖气。',
        decision: '今冬前加装暖气。',
        outcome: 'adopted',
      });
      await kit.act('ds.head', petition.id, 'approve_reply');
      await kit.act('ds.head', petition.id, 'issue_reply');
      await kit.openAnswer(SUGGESTER, petition.id);
      await kit.act(SUGGESTER, petition.id, 'rate', { rating: 'unsatisfied' });
      return petition.id;
    };
    const again = await answered();
    const decided = await kit.act('ds.head', again, 'decide_rehandling', {
      rehandle: true,
      reason: '信访人反映暖气仍未安装',
    });
    const told = await toldAbout(kit, again);
    expect(told.rehandling_started).toEqual([staff['ds.chen']]);
    expect(told.rehandling_decided).toEqual([await kit.petitionerId(SUGGESTER)]);
    const due = spoken(decided.clocks.findLast((c) => c.name === 'handling')?.dueDate);
    const handler = (await messageCentre(kit, 'ds.chen')).items[0];
    expect(handler).toMatchObject({ event: 'rehandling_started', petitionId: again });
    expect(handler?.body).toContain('理由：信访人反映暖气仍未安装');
    expect(handler?.body).toContain(`请在${due}前重新作出书面答复`);
    const mine = (await messageCentre(kit, SUGGESTER)).items[0];
    expect(mine).toMatchObject({
      event: 'rehandling_decided',
      statutory: false,
      title: '信访事项将重新办理',
    });
    expect(mine?.body).toContain(`东山煤矿决定重新办理，将在${due}前重新书面答复您`);
    // The reason is the head's, kept on the staff record: not in the petitioner's words.
    expect(mine?.body).not.toContain('暖气仍未安装');

    const kept = await answered();
    await kit.act('ds.head', kept, 'decide_rehandling', {
      rehandle: false,
      reason: '答复无误，继续解释',
      toPetitioner: '原答复已说明加装计划',
    });
    expect((await toldAbout(kit, kept)).rehandling_started).toBeUndefined();
    const refused = (await messageCentre(kit, SUGGESTER)).items[0];
    expect(refused).toMatchObject({ event: 'rehandling_decided', petitionId: kept, statutory: false });
    expect(refused?.body).toContain('决定不再重新办理，原答复意见不变');
    expect(refused?.body).not.toContain('答复无误');
  });

  it('a decline tells the petitioner where to turn and where the written notice is (Art 22, 23)', async () => {
    const { id } = (await kit.submit(WORKER)).petition;
    await kit.act('ds.reception', id, 'decline', {
      ground: 'not_a_petition_matter',
      reason: '属于企业内部管理建议。',
      guidance: '请向集团企业管理部反映',
    });
    const told = (await messageCentre(kit, WORKER)).items[0];
    expect(told).toMatchObject({ event: 'declined', statutory: true, petitionId: id });
    expect(told?.body).toContain('不予受理。理由：属于企业内部管理建议。您可以：请向集团企业管理部反映。');
    expect(told?.body).toContain('告知书可以在“我的信访”中查看');
  });
});

describe('a desk or a unit nobody holds any more: the nearest head up is told', () => {
  it('the only reception of a mine disabled: a new case goes to its head (Art 22)', async () => {
    await setStatus('ds.reception', 'disabled');
    try {
      const { id } = (await kit.submit(WORKER)).petition;
      expect(await toldAbout(kit, id)).toEqual({ received: [worker], case_new: [staff['ds.head']] });
    } finally {
      await setStatus('ds.reception', 'active');
    }
    // The desk back: its reception alone, as before.
    const { id } = (await kit.submit(WORKER)).petition;
    expect((await toldAbout(kit, id)).case_new).toEqual([staff['ds.reception']]);
  });

  it('a section whose only handler left: its assignment, his named cases and 协办 reminders go up', async () => {
    const { id } = (await kit.submit(WORKER)).petition;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'accept');
    await kit.act('ds.head', id, 'set_handler', { staffId: staff['ds.handler'] });
    await kit.act('ds.handler', id, 'request_assist', {
      unit: kit.unit('JA-XH-AQK'),
      part: '请核实借调期间的考勤',
      dueDate: kit.beijingDate(3),
    });
    await setStatus('ds.handler', 'disabled');
    try {
      // The petitioner writes to a 承办人 who is gone: the section has nobody, so the mine's head.
      await kit.act(WORKER, id, 'petitioner_message', { text: '我补充一份考勤记录。' });
      expect((await toldAbout(kit, id)).petitioner_wrote).toEqual([staff['ds.head']]);
      // A part overdue: the assisting unit, and on the lead side the head in his place.
      kit.setTime(bj('2026-03-10T09:00:00'));
      await kit.app.jobs.run('assistReminders');
      expect((await toldAbout(kit, id)).assist_overdue).toEqual(
        [staff['ds.head'], staff['xh.handler']].sort(),
      );
      // A new assignment to the emptied section reaches the head above it.
      const next = (await kit.submit(WORKER)).petition.id;
      await kit.act('ds.reception', next, 'assign', {
        unit: kit.unit('JA-DS-AQK'),
        reportBackBy: kit.beijingDate(20),
      });
      expect((await toldAbout(kit, next)).case_assigned).toEqual([staff['ds.head']]);
    } finally {
      await setStatus('ds.handler', 'active');
    }
  });
});
