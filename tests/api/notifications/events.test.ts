import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { bj, count, dispatchAll, LETTER, messageCentre, outboxRows, toldAbout } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const WORKER = '13800000001';
const RESIDENT = '13800000002';

/**
 * Every lifecycle event the issue lists tells exactly the people it should — the petitioner in
 * plain words (with the number, never the query code or anyone's personal data), staff of the unit
 * that must act — in the change's own transaction: a change that rolls back tells nobody.
 */
let kit: PetitionKit;
let worker = '';
const staff: Record<string, string> = {};

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  worker = await kit.petitionerId(WORKER);
  for (const name of [
    'reception',
    'ds.reception',
    'ds.head',
    'ds.handler',
    'xh.handler',
    'leader',
    'handler',
    'head',
  ])
    staff[name] = kit.staffId(name);
});
afterAll(() => kit?.close());

describe('a request through its whole life', () => {
  let id = '';
  let number = '';
  let queryCode = '';

  it('received: the petitioner (with the number, never the query code) and the receiving office', async () => {
    const submitted = await kit.submit(WORKER);
    ({ id, number } = submitted.petition);
    queryCode = submitted.queryCode;
    expect(await toldAbout(kit, id)).toEqual({ received: [worker], case_new: [staff['ds.reception']] });

    const mine = await messageCentre(kit, WORKER);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      event: 'received',
      petitionId: id,
      petitionNumber: number,
      statutory: false,
    });
    expect(mine.items[0]?.body).toContain(number);
    expect(JSON.stringify(mine)).not.toContain(queryCode);

    // Phone only (no WeChat sign-in): by SMS, through the development log, which says it did not send.
    const [sms] = await outboxRows(kit, { recipientId: worker });
    expect(sms).toMatchObject({ channel: 'sms', status: 'pending', event: 'received' });
    expect(sms?.payload).not.toContain(queryCode);
    expect(sms?.payload).not.toContain(WORKER);
    expect(await outboxRows(kit, { recipientId: staff['ds.reception'] })).toEqual([]); // no phone on file
    await dispatchAll(kit);
    expect((await outboxRows(kit, { recipientId: worker }))[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(kit.logs.lines.some((l) => l.includes('[DEV SMS — not sent] notification for 138****0001'))).toBe(
      true,
    );
  });

  it('assigned to a section: its handler; accepted: the petitioner, with the unit and the due date', async () => {
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    expect((await toldAbout(kit, id)).case_assigned).toEqual([staff['ds.handler']]);
    // The written notice of 交办 counts as given (Art 22, 23): the petitioner hears which unit.
    const handed = (await messageCentre(kit, WORKER)).items[0];
    expect(handed).toMatchObject({ event: 'assigned', statutory: true, title: '信访事项已交办' });
    expect(handed?.body).toContain('东山煤矿安全科');
    await kit.act('ds.handler', id, 'accept');
    const accepted = (await messageCentre(kit, WORKER)).items[0];
    expect(accepted).toMatchObject({ event: 'accepted', statutory: true, title: '信访事项已受理' });
    // 60 days from 2 March is 1 May, inside 劳动节: the next working day.
    expect(accepted?.body).toContain('东山煤矿安全科');
    expect(accepted?.body).toContain('2026年5月6日');
  });

  it('an extension asked: the head above the section; approved: the petitioner, with its reason (Art 34)', async () => {
    await kit.act('ds.handler', id, 'request_extension', {
      days: 30,
      reason: '需要财务科核算三个月的加班工时',
    });
    expect((await toldAbout(kit, id)).approval_waiting).toEqual([staff['ds.head']]);
    await kit.act('ds.head', id, 'approve_extension');
    const told = (await messageCentre(kit, WORKER)).items[0];
    expect(told).toMatchObject({ event: 'extension_approved', statutory: true });
    expect(told?.body).toContain('需要财务科核算三个月的加班工时');
    expect(told?.body).toContain('30日');
    // The reason stays in the message centre: what goes by SMS has only the number, a status, a date.
    const [sms] = await outboxRows(kit, { recipientId: worker, event: 'extension_approved' });
    expect(sms?.payload).not.toContain('财务科');
  });

  it('a message from the handler; a letter waiting for approval; the reply with the review window', async () => {
    await kit.act('ds.handler', id, 'send_message', { text: '请于周三上午到安全科核对考勤。' });
    expect((await messageCentre(kit, WORKER)).items[0]).toMatchObject({
      event: 'handler_message',
      statutory: false,
    });
    await kit.act('ds.handler', id, 'draft_reply', LETTER);
    expect((await toldAbout(kit, id)).approval_waiting).toEqual([staff['ds.head'], staff['ds.head']]);
    await kit.act('ds.head', id, 'approve_reply');
    kit.setTime(bj('2026-03-23T10:00:00'));
    await kit.act('ds.handler', id, 'issue_reply');
    const reply = (await messageCentre(kit, WORKER)).items[0];
    expect(reply).toMatchObject({ event: 'reply_issued', statutory: true });
    // The window runs from delivery (Art 35): until then the right is named without a date.
    expect(reply?.body).toContain('收到答复后30日内可以请求复查');
    expect(reply?.body).not.toContain('最终意见');
    kit.setTime(bj('2026-03-24T10:00:00'));
    await kit.openAnswer(WORKER, id);
    const received = (await messageCentre(kit, WORKER)).items[0];
    expect(received).toMatchObject({ event: 'answer_received', statutory: false });
    // Thirty days from Tuesday 24 March: until 23 April.
    expect(received?.body).toContain('可以请求复查，最晚2026年4月23日（含当天）');
  });

  it('review: the mine is told it must answer; its answer tells the petitioner of re-examination', async () => {
    kit.setTime(bj('2026-04-01T09:00:00'));
    await kit.act(WORKER, id, 'request_review', { reason: '调休并非本人自愿。' });
    expect((await toldAbout(kit, id)).case_assigned).toEqual([staff['ds.handler'], staff['ds.head']].sort());
    // The reviewing unit hears the answer's due date, not a report-back date.
    const toReview = (await messageCentre(kit, 'ds.head')).items[0];
    expect(toReview).toMatchObject({ event: 'case_assigned', title: '有复查请求交给本单位' });
    expect(toReview?.body).toContain('请在2026年5月6日前作出复查意见');
    expect(toReview?.body).not.toContain('报告');
    // Asked in the app, acknowledged as a letter would be: who reviews it and by when (Art 35).
    const asked = (await messageCentre(kit, WORKER)).items[0];
    expect(asked).toMatchObject({ event: 'appeal_received', statutory: false, title: '复查请求已收到' });
    expect(asked?.body).toContain('由东山煤矿复查，将在2026年5月6日前作出复查意见');
    await kit.act('ds.head', id, 'draft_reply', LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    const answered = (await messageCentre(kit, WORKER)).items[0];
    expect(answered).toMatchObject({ event: 'review_answered', statutory: true });
    expect(answered?.body).toContain('请求复核');
    await kit.openAnswer(WORKER, id);
  });

  it('re-examination at the group, then final: the last answer says there is no further appeal', async () => {
    await kit.act(WORKER, id, 'request_re_examination', { reason: '补发标准仍有出入。' });
    const told = await toldAbout(kit, id);
    expect(told.case_assigned).toEqual(
      [staff['ds.handler'], staff['ds.head'], staff.handler, staff.head].sort(),
    );
    await kit.act('handler', id, 'draft_reply', LETTER);
    await kit.act('head', id, 'approve_reply');
    await kit.act('handler', id, 'issue_reply');
    const final = (await messageCentre(kit, WORKER)).items[0];
    expect(final).toMatchObject({ event: 're_examination_answered', statutory: true, title: '复核意见已出' });
    expect(final?.body).toContain('最终意见');
  });

  it('nothing anyone was told carries the query code, a name or a phone', async () => {
    const rows = await kit.app.db.selectFrom('notification').select(['title', 'body']).execute();
    const outbox = await kit.app.db.selectFrom('outbox').select('payload').execute();
    const everything = JSON.stringify([rows, outbox]);
    for (const secret of [queryCode, '张伟', WORKER, '13800000001']) expect(everything).not.toContain(secret);
  });
});

describe('the other answers to a petition, and staff events', () => {
  it('declined, diverted with guidance, forwarded to whom: the petitioner each time', async () => {
    const cases = [
      [
        'decline',
        {
          ground: 'not_a_petition_matter',
          reason: '属于企业内部管理建议，已转相关部门参考。',
          guidance: '集团企业管理部',
        },
        'declined',
      ],
      ['divert', { route: 'arbitration', guidance: '请向劳动人事争议仲裁委员会申请仲裁。' }, 'diverted'],
      ['forward', { recipientOrgan: '市人力资源和社会保障局', reason: '属于社保经办事项' }, 'forwarded'],
    ] as const;
    for (const [action, params, event] of cases) {
      const { petition } = await kit.submit(WORKER);
      await kit.act('ds.reception', petition.id, action, params);
      const told = await toldAbout(kit, petition.id);
      expect(told[event], action).toEqual([worker]);
      const message = (await messageCentre(kit, WORKER)).items[0];
      expect(message).toMatchObject({ event, statutory: true, petitionId: petition.id });
    }
    const forwarded = (await messageCentre(kit, WORKER)).items[0];
    expect(forwarded?.body).toContain('市人力资源和社会保障局');
  });

  it('an objection answered: the objecting unit, agreed or overruled', async () => {
    const agreed = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', agreed, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', agreed, 'object', { reasons: '不属于安全科职责，应由人力资源科办理。' });
    await kit.act('ds.reception', agreed, 'agree_objection', {});
    expect((await toldAbout(kit, agreed)).objection_answered).toEqual([staff['ds.handler']]);

    const overruled = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', overruled, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', overruled, 'object', { reasons: '不属于安全科职责。' });
    await kit.act('ds.reception', overruled, 'overrule_objection', {
      reasons: '涉及井下安全，应由安全科办理。',
    });
    expect((await toldAbout(kit, overruled)).objection_answered).toEqual([staff['ds.handler']]);
    const [latest] = (await messageCentre(kit, 'ds.handler')).items;
    expect(latest?.body).toContain('未被采纳');
  });

  it('referred to a leader: that leader; a supervision notice: the unit that must answer it (Art 40)', async () => {
    const referred = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XFB') })).petition.id;
    await kit.act('reception', referred, 'refer', { leaderId: staff.leader });
    expect((await toldAbout(kit, referred)).case_referred).toEqual([staff.leader]);

    const supervised = (await kit.submit(RESIDENT, { concernedUnitId: kit.unit('JA-XH-AQK') })).petition.id;
    await kit.act('reception', supervised, 'assign', {
      unit: kit.unit('JA-XH-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('xh.handler', supervised, 'accept');
    await kit.act('supervisor', supervised, 'issue_supervision', {
      concern: 'delay',
      requirements: '请说明办理进度并加快办理。',
      dueDate: kit.beijingDate(7),
    });
    expect((await toldAbout(kit, supervised)).supervision_notice).toEqual([staff['xh.handler']]);
  });

  it('Art 22, 30: an accusation about the whole group tells its office only, which must forward it', async () => {
    const accused = (
      await kit.submit(WORKER, { kind: 'accusation', concernedUnitId: kit.unit('JA'), categoryCode: 'other' })
    ).petition.id;
    // Nobody stands outside the group: its reception holds the case and must forward it in 15 days.
    expect(await toldAbout(kit, accused)).toEqual({ received: [worker], case_new: [staff.reception] });
    const told = (await messageCentre(kit, 'reception')).items[0];
    expect(told).toMatchObject({ event: 'case_new', petitionId: accused });
    // The same accusation about a mine tells the group's office, which is outside the mine.
    const mine = (
      await kit.submit(WORKER, {
        kind: 'accusation',
        concernedUnitId: kit.unit('JA-DS'),
        categoryCode: 'other',
      })
    ).petition.id;
    expect(await toldAbout(kit, mine)).toEqual({ received: [worker], case_new: [staff.reception] });
  });

  it('Art 30: an accusation the accused mine’s desk hands up is news to the group’s office', async () => {
    // Registered at the mine's own desk: the desk is not told of its own registration.
    const atDesk = (
      await kit.register('ds.reception', {
        kind: 'accusation',
        concernedUnitId: kit.unit('JA-DS'),
        categoryCode: 'other',
      })
    ).petition;
    // The desk's own answer withholds him (Art 30); the group's office knows whom it is for.
    const personOf = async (id: string) => (await kit.detail('reception', id)).petitioner?.id;
    expect(await toldAbout(kit, atDesk.id)).toEqual({
      received: [await personOf(atDesk.id)],
      case_new: [staff.reception],
    });
    // Named only in triage: the group's office hears of it when the mine names itself.
    const named = (
      await kit.register('ds.reception', {
        kind: 'accusation',
        concernedUnitId: undefined,
        categoryCode: 'other',
      })
    ).petition.id;
    await kit.act('ds.reception', named, 'set_concerned_unit', { unit: kit.unit('JA-DS') });
    expect(await toldAbout(kit, named)).toEqual({
      received: [await personOf(named)],
      case_new: [staff.reception],
    });
  });
});

describe('what the statute owes the petitioner, and work waiting on staff', () => {
  it('a written notice (书面告知) and a hearing set: the petitioner, statutory, hour and place kept in', async () => {
    const { id } = (await kit.submit(WORKER)).petition;
    await kit.act('ds.reception', id, 'notify', { message: '请于3月10日携带工资条到安全科面谈。' });
    const notice = (await messageCentre(kit, WORKER)).items[0];
    expect(notice).toMatchObject({ event: 'notified', statutory: true, petitionId: id });
    expect(notice?.body).toContain('请于3月10日携带工资条到安全科面谈。');
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'accept');
    await kit.act('ds.handler', id, 'schedule_hearing', {
      scheduledFor: bj('2026-05-20T09:30:00'),
      place: '东山煤矿三楼会议室',
    });
    const hearing = (await messageCentre(kit, WORKER)).items[0];
    expect(hearing).toMatchObject({ event: 'hearing_scheduled', statutory: true });
    expect(hearing?.body).toContain('2026年5月20日 09:30在东山煤矿三楼会议室举行听证');
    // By SMS: the date, never the hour or the place.
    const [sms] = await outboxRows(kit, { recipientId: worker, event: 'hearing_scheduled' });
    expect(sms?.payload).toContain('2026年5月20日');
    expect(sms?.payload).not.toMatch(/会议室|09:30/);
  });

  it('an objection overruled: the petitioner hears the unit handles it and by when', async () => {
    const { id } = (await kit.submit(WORKER)).petition;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'object', { reasons: '不属于安全科职责。' });
    // The office that assigned it must decide the objection.
    expect((await toldAbout(kit, id)).objection_raised).toEqual([staff['ds.reception']]);
    await kit.act('ds.reception', id, 'overrule_objection', { reasons: '涉及井下安全，应由安全科办理。' });
    const due = (await kit.detail('ds.handler', id)).clocks.find((c) => c.name === 'handling')?.dueDate;
    const [year, month, day] = (due ?? '').split('-').map(Number);
    const told = (await messageCentre(kit, WORKER)).items[0];
    expect(told).toMatchObject({ event: 'accepted', statutory: true, petitionId: id });
    expect(told?.body).toContain('东山煤矿安全科');
    expect(told?.body).toContain(`将在${year}年${month}月${day}日前办结`);
  });

  it('staff: a refusal, the petitioner’s message, a draft returned, an answer to issue, a withdrawal', async () => {
    const b = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', b, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', b, 'accept');
    await kit.act('ds.handler', b, 'request_extension', { days: 30, reason: '需要核算工时' });
    await kit.act('ds.head', b, 'refuse_extension', { reason: '可以按期办结' });
    expect((await toldAbout(kit, b)).extension_refused).toEqual([staff['ds.handler']]);
    await kit.act(WORKER, b, 'petitioner_message', { text: '我补充一份考勤记录，请查看。' });
    const wrote = await toldAbout(kit, b);
    expect(wrote.petitioner_wrote).toContain(staff['ds.handler']);
    const [latest] = (await messageCentre(kit, 'ds.handler')).items;
    expect(latest).toMatchObject({ event: 'petitioner_wrote', statutory: false });
    expect(latest?.body).not.toContain('考勤记录');
    await kit.act('ds.handler', b, 'draft_reply', LETTER);
    await kit.act('ds.head', b, 'return_reply', { reason: '事实部分写得不清楚' });
    expect((await toldAbout(kit, b)).reply_returned).toEqual([staff['ds.handler']]);
    expect((await messageCentre(kit, 'ds.handler')).items[0]?.body).toContain('事实部分写得不清楚');
    await kit.act('ds.handler', b, 'draft_reply', LETTER);
    await kit.act('ds.head', b, 'approve_reply');
    expect((await toldAbout(kit, b)).reply_ready).toEqual([staff['ds.handler']]);

    const c = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', c, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', c, 'accept');
    await kit.act(WORKER, c, 'withdraw', { reason: '已经解决' });
    expect((await toldAbout(kit, c)).case_withdrawn).toContain(staff['ds.handler']);
  });

  it('answered by the group: the way on is 有权处理的上级机关或者单位, and no reminder of a review', async () => {
    kit.setTime(bj('2026-08-03T09:00:00'));
    const { id } = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XFB') })).petition;
    await kit.act('reception', id, 'accept');
    await kit.act('handler', id, 'draft_reply', LETTER);
    await kit.act('head', id, 'approve_reply');
    await kit.act('handler', id, 'issue_reply');
    const answered = (await messageCentre(kit, WORKER)).items[0];
    expect(answered).toMatchObject({ event: 'reply_issued', statutory: true });
    expect(answered?.body).toContain('30日内向有权处理的上级机关或者单位提出复查请求');
    expect(answered?.body).not.toContain('可以请求复查');
    await kit.openAnswer(WORKER, id);
    const received = (await messageCentre(kit, WORKER)).items[0];
    expect(received?.event).toBe('answer_received');
    expect(received?.body).toContain('（含当天）向有权处理的上级机关或者单位提出复查请求');
    // Four days before the window closes: the system names no review it cannot hear.
    kit.setTime(bj('2026-08-29T09:00:00'));
    await kit.app.jobs.run('reminders');
    expect((await toldAbout(kit, id)).appeal_reminder).toBeUndefined();
  });

  it('Art 22, 30: the group’s office is told when an accusation about the group runs late', async () => {
    kit.setTime(bj('2026-09-01T09:00:00'));
    const { id } = (
      await kit.submit(WORKER, { kind: 'accusation', concernedUnitId: kit.unit('JA'), categoryCode: 'other' })
    ).petition;
    kit.setTime(bj('2026-09-14T09:00:00'));
    await kit.app.jobs.run('escalations');
    expect((await toldAbout(kit, id)).escalation).toContain(staff.reception);
  });

  it('the message centre opens what the WeChat message opens: an assisting unit’s list', async () => {
    const { id } = (await kit.submit(WORKER)).petition;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'accept');
    await kit.act('ds.handler', id, 'request_assist', {
      unit: kit.unit('JA-XH-AQK'),
      part: '请核实考勤',
      dueDate: kit.beijingDate(7),
    });
    const assist = (await messageCentre(kit, 'xh.handler')).items.find((n) => n.petitionId === id);
    expect(assist).toMatchObject({ event: 'assist_requested', page: 'staff/co-handling/index' });
    expect((await messageCentre(kit, WORKER)).items[0]?.page).toBe(`petition/detail/index?id=${id}`);
  });
});

describe('a change that rolls back tells nobody', () => {
  it('a submission refused after its petition was written leaves no message and no delivery', async () => {
    const [notifications, deliveries] = [await count(kit, 'notification'), await count(kit, 'outbox')];
    const before = await kit.petitionCount();
    // The attachment is nobody's: the submission fails after the petition and its notices were written.
    const response = await kit.http(
      WORKER,
      'POST',
      '/api/petitions',
      kit.submission({ attachmentIds: ['01ZZZZZZZZZZZZZZZZZZZZZZZZ'] }),
      { 'idempotency-key': `k-${randomUUID()}` },
    );
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(await kit.petitionCount()).toBe(before);
    expect([await count(kit, 'notification'), await count(kit, 'outbox')]).toEqual([
      notifications,
      deliveries,
    ]);
  });

  it('the effect inside a transaction that throws: nothing recorded', async () => {
    const { petition } = await kit.submit(WORKER);
    const [notifications, deliveries] = [await count(kit, 'notification'), await count(kit, 'outbox')];
    const row = await kit.app.db
      .selectFrom('petition')
      .select('lifecycle')
      .where('id', '=', petition.id)
      .executeTakeFirstOrThrow();
    const before = { ...JSON.parse(row.lifecycle), events: [] };
    let recorded = -1;
    const failure = kit.app.db.transaction().execute(async (trx) => {
      await kit.app.notifications.effect(trx, {
        before,
        after: before,
        events: [
          {
            type: 'message_sent',
            at: new Date().toISOString(),
            actorId: staff['ds.reception'] as string,
            actorRole: 'reception',
            visibility: 'petitioner',
            stage: 'first',
            data: { text: '回滚测试' },
          },
        ],
        now: new Date(),
      });
      const inside = await trx
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      recorded = Number(inside.n);
      throw new Error('roll back');
    });
    await expect(failure).rejects.toThrow('roll back');
    expect(recorded).toBe(notifications + 1);
    expect([await count(kit, 'notification'), await count(kit, 'outbox')]).toEqual([
      notifications,
      deliveries,
    ]);
  });
});
