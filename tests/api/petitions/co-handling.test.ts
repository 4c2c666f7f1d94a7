import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import type { AssistRequest } from '@xinfang/shared/schemas/co-handling';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, toldAbout } from '../notifications/support';
import { expectError, PetitionKit } from './kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Art 24 (五定, 协同) over HTTP: the unit head names the person who answers for a case and changes
 * him with a reason; his own queue counts and lists his cases; a move to another unit leaves the
 * case without one. The lead unit asks other units for parts; each answers only its own, from its
 * own list, without ever seeing the case or who petitioned; the reply waits for every part.
 */
const WORKER = '13800000001';
const LETTER = {
  request: '补发三月工资',
  factsAndReasons: '经核实，三月工资因考勤系统故障少发',
  decision: '于四月十日前补发',
  legalBasis: '《工资支付暂行规定》第七条',
  outcome: 'support',
};
let kit: PetitionKit;
let id = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  await kit.createStaff('aqk.zhang', 'JA-DS-AQK', ['handler']);
  await kit.createStaff('rlk.li', 'JA-DS-RLK', ['handler']);
  id = await handledByAqk();
});
afterAll(() => kit?.close());

/** A worker's request, assigned by the mine's petition office to its safety department and accepted. */
async function handledByAqk(overrides: Record<string, unknown> = {}, office = 'ds.reception') {
  const petitionId = (await kit.submit(WORKER, overrides)).petition.id;
  await kit.act(office, petitionId, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
  await kit.act('ds.handler', petitionId, 'accept');
  return petitionId;
}

const counts = async (who: string) => {
  const response = await kit.http(who, 'GET', '/api/petitions/counts');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { mine: number; all: number };
};
const mineListed = async (who: string) => (await kit.listAll(who, { queue: 'mine' })).map((p) => p.id);
const parts = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/co-handling${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: AssistRequest[] }).items;
};
const answer = (who: string, petitionId: string, no: number, body: Record<string, unknown>) =>
  kit.http(who, 'POST', `/api/co-handling/${petitionId}/parts/${no}/answer`, body);

describe('the person who answers for a case (承办人)', () => {
  it('is named by a head above the handling unit from its own staff, and shown to staff only', async () => {
    await kit.refused(
      'ds.handler',
      id,
      'set_handler',
      { staffId: kit.staffId('ds.handler') },
      'auth.role_not_permitted',
    );
    const outside = await kit.send('ds.head', id, 'set_handler', { staffId: kit.staffId('xh.handler') });
    const error = expectError(outside, 422, 'LIFECYCLE_REFUSED');
    expect(error.details).toMatchObject({ rule: 'handler.not_in_unit', param: 'staffId' });
    expect(error.message).toContain('第二十四条');

    const named = await kit.act('ds.head', id, 'set_handler', { staffId: kit.staffId('ds.handler') });
    expect(named.handler).toEqual({ id: kit.staffId('ds.handler'), name: '周涛（东山煤矿安全科）' });
    expect(named.timeline.at(-1)).toMatchObject({
      type: 'handler_set',
      visibility: 'internal',
      data: { staffName: '周涛（东山煤矿安全科）', previousStaffId: null },
    });
    const seen = await kit.detail(WORKER, id);
    expect(seen.handler).toBeNull();
    expect(seen.units.handling?.code).toBe('JA-DS-AQK');
    expect(seen.timeline.map((e) => e.type)).not.toContain('handler_set');
    expect(JSON.stringify(seen)).not.toContain('周涛');
  });

  it('counts and lists the case in his own queue; a change needs a reason and moves it', async () => {
    expect((await counts('ds.handler')).mine).toBe(1);
    expect(await mineListed('ds.handler')).toEqual([id]);
    expect((await counts('aqk.zhang')).mine).toBe(0);

    const details = await kit.refused(
      'ds.head',
      id,
      'set_handler',
      { staffId: kit.staffId('aqk.zhang') },
      'handler.reason_required',
    );
    expect(details.param).toBe('reason');
    const changed = await kit.act('ds.head', id, 'set_handler', {
      staffId: kit.staffId('aqk.zhang'),
      reason: '周涛外出培训，改由张工承办',
    });
    expect(changed.handler?.id).toBe(kit.staffId('aqk.zhang'));
    expect(changed.timeline.at(-1)?.data).toMatchObject({
      previousStaffName: '周涛（东山煤矿安全科）',
      reason: '周涛外出培训，改由张工承办',
    });
    expect([(await counts('ds.handler')).mine, (await counts('aqk.zhang')).mine]).toEqual([0, 1]);
    expect(await mineListed('aqk.zhang')).toEqual([id]);
    expect((await kit.audit(id)).filter((a) => a.action === 'petition.set_handler')).toHaveLength(2);
    expect((await toldAbout(kit, id)).handler_named).toEqual(
      [kit.staffId('ds.handler'), kit.staffId('aqk.zhang')].sort(),
    );
    expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
  });

  it('is cleared when the case goes to another unit', async () => {
    const other = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', other, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-04-30',
    });
    await kit.act('ds.head', other, 'set_handler', { staffId: kit.staffId('ds.handler') });
    expect((await counts('ds.handler')).mine).toBe(1);
    await kit.act('ds.handler', other, 'object', { reasons: '不属于安全科职责' });
    const back = await kit.act('ds.reception', other, 'agree_objection', {});
    expect(back.handler).toBeNull();
    expect((await counts('ds.handler')).mine).toBe(0);
    expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
  });
});

describe('co-handling (主办/协办)', () => {
  it('the lead unit asks two units for parts; each sees only its part, never the case', async () => {
    const due = kit.beijingDate(5);
    await kit.act('ds.handler', id, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实张伟三月的考勤与工资发放记录',
      dueDate: due,
    });
    const asked = await kit.act('ds.handler', id, 'request_assist', {
      unit: kit.unit('JA-XH-AQK'),
      part: '请说明张伟在西河煤矿借调期间的工资由谁发放',
      dueDate: kit.beijingDate(3),
    });
    expect(asked.coHandling.map((p) => [p.no, p.unit.code, p.status, p.overdue])).toEqual([
      [1, 'JA-DS-RLK', 'open', false],
      [2, 'JA-XH-AQK', 'open', false],
    ]);
    const mine = await parts('rlk.li');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ petitionId: id, no: 1, leadUnit: { code: 'JA-DS-AQK' }, dueDate: due });
    expect(Object.keys(mine[0] as object).sort()).toEqual(
      [
        'petitionId',
        'number',
        'kind',
        'leadUnit',
        'no',
        'unit',
        'part',
        'dueDate',
        'status',
        'overdue',
        'requestedAt',
        'answeredAt',
      ].sort(),
    );
    expectError(await kit.http('rlk.li', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    expect((await parts('xh.handler')).map((p) => p.no)).toEqual([2]);
    // Each unit asked is told, and the words open its own list, not the case.
    const told = await toldAbout(kit, id);
    expect(told.assist_requested).toEqual(
      expect.arrayContaining([kit.staffId('rlk.li'), kit.staffId('xh.handler')]),
    );
    expect(told.assist_requested).not.toContain(kit.staffId('ds.handler'));
  });

  it('holds the reply back, naming the parts still open (Art 24)', async () => {
    const details = await kit.refused('ds.handler', id, 'draft_reply', LETTER, 'assist.parts_open');
    expect(details.article).toBe('Art 24');
    const response = await kit.send('ds.handler', id, 'draft_reply', LETTER);
    const message = (response.json() as { error: { message: string } }).error.message;
    expect(message).toContain('第1项「请核实张伟三月的考勤与工资发放记录」');
    expect(message).toContain('第2项');
    expect(message).toContain('《信访工作条例》第二十四条');
  });

  it('lets each unit answer its own part only, once, with its uploads', async () => {
    expectError(await answer('xh.handler', id, 1, { answer: '越权答复' }), 404, 'NOT_FOUND');
    expectError(await answer('rlk.li', id, 1, { answer: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await answer('rlk.li', id, 0, { answer: '编号错' }), 400, 'VALIDATION_FAILED');
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888888' } })
      .png()
      .toBuffer();
    const scan = await kit.uploadImage('rlk.li', png);
    const response = await answer('rlk.li', id, 1, {
      answer: '经核实，张伟三月考勤22天，工资少发600元',
      attachmentIds: [scan],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ no: 1, status: 'answered' });
    // A retry — the same answer, its uploads in any order, with the same Idempotency-Key — gets the
    // first answer back and writes nothing; another answer is refused, naming Art 24.
    const eventsBefore = (await kit.detail('ds.handler', id)).timeline.length;
    const retried = await kit.http(
      'rlk.li',
      'POST',
      `/api/co-handling/${id}/parts/1/answer`,
      { answer: '经核实，张伟三月考勤22天，工资少发600元', attachmentIds: [scan] },
      { 'idempotency-key': 'assist-answer-retry-1' },
    );
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toEqual(response.json());
    expect((await kit.detail('ds.handler', id)).timeline).toHaveLength(eventsBefore);
    const again = expectError(
      await answer('rlk.li', id, 1, { answer: '再答一次' }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(again.details?.rule).toBe('assist.answered');
    expect(again.message).toContain('已经答复');
    expect(again.message).toContain('第二十四条');
    const fewerUploads = expectError(
      await answer('rlk.li', id, 1, { answer: '经核实，张伟三月考勤22天，工资少发600元' }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(fewerUploads.details?.rule).toBe('assist.answered');
    expect(await parts('rlk.li')).toEqual([]);
    expect((await parts('rlk.li', '?status=answered')).map((p) => p.no)).toEqual([1]);

    const lead = await kit.detail('ds.handler', id);
    const answered = lead.timeline.find((e) => e.type === 'assist_answered');
    expect(answered).toMatchObject({
      visibility: 'internal',
      unit: { code: 'JA-DS-RLK' },
      actor: { name: 'rlk.li' },
    });
    expect(lead.coHandling[0]?.answer).toMatchObject({
      text: '经核实，张伟三月考勤22天，工资少发600元',
      attachmentIds: [scan],
    });
    expect(lead.attachments.map((a) => a.id)).toContain(scan);
    expect((await kit.http('ds.handler', 'GET', `/api/attachments/${scan}`)).statusCode).toBe(200);
    // The answer is internal, and so are its files: the petitioner neither lists nor opens them.
    const seen = await kit.detail(WORKER, id);
    expect(seen.timeline.map((e) => e.type)).not.toContain('assist_answered');
    expect(seen.attachments.map((a) => a.id)).not.toContain(scan);
    for (const variant of ['', '/thumbnail'])
      expectError(await kit.http(WORKER, 'GET', `/api/attachments/${scan}${variant}`), 404, 'NOT_FOUND');
    await kit.refused('ds.handler', id, 'draft_reply', LETTER, 'assist.parts_open');
  });

  it('flags a part past its date as overdue, and lets the reply go once every part is in', async () => {
    kit.tick({ days: 4 });
    expect((await parts('xh.handler'))[0]).toMatchObject({ no: 2, overdue: true });
    expect((await kit.detail('ds.handler', id)).coHandling[1]).toMatchObject({
      status: 'open',
      overdue: true,
    });
    // The hourly job tells the late unit and the case's 承办人 once; the answered part is left alone.
    await kit.app.jobs.run('assistReminders');
    kit.tick({ hours: 2 }); // the next period's run finds the part told already
    await kit.app.jobs.run('assistReminders');
    expect((await toldAbout(kit, id)).assist_overdue).toEqual(
      [kit.staffId('xh.handler'), kit.staffId('aqk.zhang')].sort(),
    );
    const response = await answer('xh.handler', id, 2, { answer: '借调期间工资由东山煤矿发放' });
    expect(response.statusCode, response.body).toBe(200);
    await kit.detail('ds.handler', id);
    const drafted = await kit.act('ds.handler', id, 'draft_reply', LETTER);
    expect(drafted.state).toBe('reply_drafted');
  });

  // On MySQL the two run side by side and one loses the race (VERSION_CONFLICT inside); on SQLite
  // the second waits for the first and finds it answered.
  it('answers the same answer sent twice at once as one, written once', async () => {
    const other = await handledByAqk();
    await kit.act('ds.handler', other, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实张伟四月的考勤',
      dueDate: kit.beijingDate(5),
    });
    const body = { answer: '四月考勤 23 天，无缺勤' };
    const [first, second] = await Promise.all([
      answer('rlk.li', other, 1, body),
      answer('rlk.li', other, 1, body),
    ]);
    expect([first?.statusCode, second?.statusCode], `${first?.body} ${second?.body}`).toEqual([200, 200]);
    expect(second?.json()).toEqual(first?.json());
    const timeline = (await kit.detail('ds.handler', other)).timeline;
    expect(timeline.filter((e) => e.type === 'assist_answered')).toHaveLength(1);
  });

  it('takes the answer while the lead handler acts on the case at the same moment', async () => {
    for (let round = 0; round < 6; round += 1) {
      const lead = await handledByAqk();
      const asked = await kit.act('ds.handler', lead, 'request_assist', {
        unit: kit.unit('JA-DS-RLK'),
        part: `请核实考勤 ${round}`,
        dueDate: kit.beijingDate(5),
      });
      const [answered, note] = await Promise.all([
        answer('rlk.li', lead, 1, { answer: '考勤无误' }),
        kit.send('ds.handler', lead, 'add_note', { text: '同时的备注' }, asked.version),
      ]);
      // The lead handler's note was written on the version he saw: it may lose to the answer.
      expect(answered.statusCode, `round ${round}: ${answered.body}`).toBe(200);
      if (note.statusCode !== 200) expectError(note, 409, 'VERSION_CONFLICT');
      const timeline = (await kit.detail('ds.handler', lead)).timeline;
      expect(timeline.filter((e) => e.type === 'assist_answered')).toHaveLength(1);
    }
  });

  it('never asks the accused unit, and never shows an assisting unit who accused (Art 30)', async () => {
    const accusation = await handledByAqk(
      { kind: 'accusation', concernedUnitId: kit.unit('JA-DS-ZC') },
      'reception',
    );
    await kit.refused(
      'ds.handler',
      accusation,
      'request_assist',
      { unit: kit.unit('JA-DS-ZC-1'), part: '请说明情况', dueDate: kit.beijingDate(5) },
      'triage.accusation_to_accused_unit',
    );
    await kit.act('ds.handler', accusation, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请提供综采队三月的排班表',
      dueDate: kit.beijingDate(5),
    });
    const listed = await kit.http('rlk.li', 'GET', '/api/co-handling');
    expect(listed.body).toContain('请提供综采队三月的排班表');
    for (const secret of ['张伟', WORKER, await kit.petitionerId(WORKER)])
      expect(listed.body).not.toContain(secret);
    expectError(await kit.http('rlk.li', 'GET', `/api/petitions/${accusation}`), 404, 'NOT_FOUND');
  });

  it('leaves a part out of the list of staff recused from its case, who may not answer it (Art 28)', async () => {
    const recused = await handledByAqk();
    await kit.act('ds.handler', recused, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实张伟五月的考勤',
      dueDate: kit.beijingDate(5),
    });
    expect((await parts('rlk.li')).map((p) => p.petitionId)).toContain(recused);
    await kit.act('ds.head', recused, 'recuse', {
      staffId: kit.staffId('rlk.li'),
      reason: '与信访人有亲属关系',
    });
    for (const query of ['', '?status=open', '?status=answered'])
      expect((await parts('rlk.li', query)).map((p) => p.petitionId)).not.toContain(recused);
    expectError(await answer('rlk.li', recused, 1, { answer: '五月考勤 21 天' }), 404, 'NOT_FOUND');
    expect((await kit.detail('ds.handler', recused)).coHandling[0]).toMatchObject({ status: 'open' });
    // Another of the unit's staff still answers it.
    await kit.createStaff('rlk.wang', 'JA-DS-RLK', ['handler']);
    expect((await parts('rlk.wang')).map((p) => p.petitionId)).toContain(recused);
    const answered = await answer('rlk.wang', recused, 1, { answer: '五月考勤 21 天' });
    expect(answered.statusCode, answered.body).toBe(200);
  });

  it('refuses a part due after the case’s own deadline, naming it (Art 34)', async () => {
    const lead = await handledByAqk();
    const handling = (await kit.detail('ds.handler', lead)).clocks.find(
      (c) => c.name === 'handling' && c.finishedAt === null,
    );
    const deadline = handling?.dueDate ?? '';
    const details = await kit.refused(
      'ds.handler',
      lead,
      'request_assist',
      { unit: kit.unit('JA-DS-RLK'), part: '请核实张伟六月的考勤', dueDate: '2027-12-31' },
      'assist.due_after_deadline',
    );
    expect(details).toMatchObject({ article: 'Art 34', param: 'dueDate' });
    const response = await kit.send('ds.handler', lead, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实张伟六月的考勤',
      dueDate: '2027-12-31',
    });
    const message = (response.json() as { error: { message: string } }).error.message;
    expect(message).toContain(`本件须在${deadline}前答复`);
    expect(message).toContain('《信访工作条例》第三十四条');
    const asked = await kit.act('ds.handler', lead, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实张伟六月的考勤',
      dueDate: deadline,
    });
    expect(asked.coHandling).toMatchObject([{ no: 1, dueDate: deadline, status: 'open' }]);
  });

  it('lets the lead unit withdraw an unanswered part with a reason: it leaves the list, the reply goes on', async () => {
    const lead = await handledByAqk();
    const asked = await kit.act('ds.handler', lead, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实张伟七月的考勤',
      dueDate: kit.beijingDate(5),
    });
    const offered = asked.allowedActions.find((a) => a.type === 'withdraw_assist');
    expect(offered?.params.find((d) => d.name === 'assistNo')?.values).toEqual([1]);
    expect((await parts('rlk.li')).map((p) => p.petitionId)).toContain(lead);
    // The assisting unit answers its part; it does not take it back.
    expectError(
      await kit.send('rlk.li', lead, 'withdraw_assist', { assistNo: 1, reason: '不办' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await kit.send('ds.handler', lead, 'withdraw_assist', { assistNo: 1, reason: '' }),
      400,
      'VALIDATION_FAILED',
    );
    await kit.refused(
      'ds.handler',
      lead,
      'withdraw_assist',
      { assistNo: 2, reason: '已自行核实' },
      'assist.not_open',
    );
    const withdrawn = await kit.act('ds.handler', lead, 'withdraw_assist', {
      assistNo: 1,
      reason: '已调取考勤系统记录，无需协办',
    });
    expect(withdrawn.coHandling).toMatchObject([{ no: 1, status: 'withdrawn', overdue: false }]);
    expect(withdrawn.timeline.at(-1)).toMatchObject({
      type: 'assist_withdrawn',
      visibility: 'internal',
      data: { no: 1, reason: '已调取考勤系统记录，无需协办' },
    });
    expect(withdrawn.allowedActions.map((a) => a.type)).not.toContain('withdraw_assist');
    // Off the assisting unit's list, answered or open; an answer now is refused.
    for (const query of ['', '?status=open', '?status=answered'])
      expect((await parts('rlk.li', query)).map((p) => p.petitionId)).not.toContain(lead);
    const late = expectError(
      await answer('rlk.li', lead, 1, { answer: '七月考勤无误' }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(late.details?.rule).toBe('assist.none_open');
    // The unit asked is told, in plain words with the reason; the petitioner never sees it.
    const toldWithdrawn = (await toldAbout(kit, lead)).assist_withdrawn;
    expect(toldWithdrawn).toContain(kit.staffId('rlk.li'));
    expect(toldWithdrawn).not.toContain(kit.staffId('ds.handler'));
    const told = await kit.app.db
      .selectFrom('notification')
      .select(['body'])
      .where('petition_id', '=', lead)
      .where('event', '=', 'assist_withdrawn')
      .execute();
    expect(told[0]?.body).toContain('撤回');
    const seen = await kit.detail(WORKER, lead);
    expect(seen.timeline.map((e) => e.type)).not.toContain('assist_withdrawn');
    expect(JSON.stringify(seen)).not.toContain('无需协办');
    expect((await kit.audit(lead)).filter((a) => a.action === 'petition.withdraw_assist')).toHaveLength(1);
    const drafted = await kit.act('ds.handler', lead, 'draft_reply', LETTER);
    expect(drafted.state).toBe('reply_drafted');
  });

  it('lists parts without the case’s title, which may name the petitioner, and audits the read', async () => {
    const title = '王秀英反映三月工资少发';
    const lead = await handledByAqk({ title });
    await kit.act('ds.handler', lead, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请核实八月的考勤',
      dueDate: kit.beijingDate(5),
    });
    const auditedBefore = (await kit.audit(kit.unit('JA-DS-RLK'))).filter(
      (a) => a.action === 'co_handling.list.read',
    ).length;
    const listed = await kit.http('rlk.li', 'GET', '/api/co-handling');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.body).toContain('请核实八月的考勤');
    expect(listed.body).not.toContain('王秀英');
    const entries = (await kit.audit(kit.unit('JA-DS-RLK'))).filter(
      (a) => a.action === 'co_handling.list.read',
    );
    expect(entries).toHaveLength(auditedBefore + 1);
    expect(entries.at(-1)).toMatchObject({
      actor_type: 'staff',
      actor_id: kit.staffId('rlk.li'),
      outcome: 'success',
      target_type: 'unit',
    });
  });
});
