import { petitionerDate } from '@xinfang/shared/petitioner-date';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, eventTypes, expectError, offered, PetitionKit } from './kit';

/**
 * Issue 5's "done when", over HTTP only: a worker's request goes from submission through triage,
 * acceptance, an extension, an approved and issued reply, an unsatisfied rating, review and
 * re-examination with a hearing, to finality — with the clocks, who sees what, who may do what,
 * and the audit trail checked at each step. Dates are Beijing dates in 2026 (State Council
 * calendar: 清明 4–6 April, 劳动节 1–5 May, 端午 19–21 June).
 */

const WORKER = '13800000001'; // 张伟, 综采一队
const RESIDENT = '13900000003'; // 王秀英
const STRONG = 'Xinfang-Loop-2026!';
/** Beijing wall time as a UTC instant. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  // The admin appoints a handler and a head at the group (besides the demo's own), who must
  // replace their temporary passwords before doing anything else.
  await kit.appoint('ja.handler', 'JA', ['handler'], STRONG);
  await kit.appoint('ja.head', 'JA', ['unit_head'], STRONG);
});

afterAll(() => kit?.close());

function visibleTypes(detail: PetitionDetail): string[] {
  return eventTypes(detail);
}

/**
 * The date the worker's list shows for the case, and the one their case page tells from its
 * clocks: the same (`petitionerDate`), and only ever one that is the petitioner's business.
 */
async function petitionerDates(id: string) {
  const listed = (await kit.list(WORKER)).items.find((p) => p.id === id)?.nextDue ?? null;
  const running = (await kit.detail(WORKER, id)).clocks.filter((c) => c.finishedAt === null);
  const told = petitionerDate(
    (include) => running.filter(include).sort((a, b) => a.due.localeCompare(b.due))[0] ?? null,
  );
  const brief = (c: { name: string; dueDate: string } | null) => c && { name: c.name, dueDate: c.dueDate };
  return { listed: brief(listed), told: brief(told) };
}

describe('the full loop, submission to finality', () => {
  let id = '';
  let number = '';
  let queryCode = '';

  it('a worker submits a request; it reaches the mine’s petition office with its clocks running', async () => {
    const submitted = await kit.submit(WORKER, {
      kind: 'request',
      concernedUnitId: kit.unit('JA-DS-AQK'),
      categoryCode: 'wages',
      title: '井下夜班加班费连续三个月未发放',
      content: '本人在综采一队上夜班，2025年12月至2026年2月的加班费一直没有发放，向队里反映多次无果。',
    });
    ({ queryCode } = submitted);
    const p = submitted.petition;
    id = p.id;
    number = p.number;
    expect(p.number).toMatch(/^XF2026-\d{6}$/);
    expect(queryCode.length).toBeGreaterThan(0);
    expect(p).toMatchObject({ state: 'registered', stage: 'first', channel: 'online', version: 1 });
    expect(p.units.receiving.code).toBe('JA-DS'); // online requests go to the mine's office
    expect(p.units.concerned?.code).toBe('JA-DS-AQK');
    expect(p.petitioner).toBeNull(); // the petitioner is not shown their own masked self
    expect(offered(p)).toEqual(['petitioner_message', 'withdraw']);
    // Art 22 and 23 ¶2: 15 days from the day after receipt — 17 March, a Tuesday.
    expect(clock(p, 'triage')).toMatchObject({ dueDate: '2026-03-17', status: 'running', kind: 'deadline' });
    expect(clock(p, 'notice')).toMatchObject({ dueDate: '2026-03-17' });
    // The worker is told when they will hear whether it is taken up, not the office's triage date.
    const notice = { name: 'notice', dueDate: '2026-03-17' };
    expect(await petitionerDates(id)).toEqual({ listed: notice, told: notice });

    const reception = await kit.detail('ds.reception', id);
    expect(offered(reception)).toEqual([
      'accept',
      'add_note',
      'assign',
      'decline',
      'divert',
      'forward',
      'notify',
      'recuse',
      'refer',
      'send_message',
      'set_concerned_unit',
    ]);
    expect(reception.petitioner).toMatchObject({ realName: '张伟', phone: '138****0001', worker: true });
    // The handler of the unit concerned sees the case but may not route it.
    expect(offered(await kit.detail('ds.handler', id))).toEqual([]);
    // Nobody at the other mine sees it at all.
    expectError(await kit.http('xh.handler', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    // A supervisor above the holder may supervise.
    expect(offered(await kit.detail('supervisor', id))).toContain('issue_supervision');
  });

  it('reception assigns it to the safety section with a report-back date', async () => {
    kit.tick({ hours: 1 });
    // Not to a unit outside its subtree, not to itself, not with a date in the past.
    await kit.refused(
      'ds.reception',
      id,
      'assign',
      { unit: kit.unit('JA-XH-AQK'), reportBackBy: '2026-04-30' },
      'triage.assign_outside_subtree',
    );
    await kit.refused(
      'ds.reception',
      id,
      'assign',
      { unit: kit.unit('JA-DS'), reportBackBy: '2026-04-30' },
      'triage.assign_to_self',
    );
    await kit.refused(
      'ds.reception',
      id,
      'assign',
      { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-03-01' },
      'triage.report_back_in_past',
    );
    // The handler may not assign: the lifecycle names the rule.
    await kit.refused(
      'ds.handler',
      id,
      'assign',
      { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' },
      'auth.role_not_permitted',
    );
    const p = await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-04-30',
    });
    expect(p).toMatchObject({ state: 'assigned', version: 2 });
    expect(p.units.handling?.code).toBe('JA-DS-AQK');
    expect(clock(p, 'triage')).toMatchObject({ status: 'met', met: true });
    expect(clock(p, 'report_back')).toMatchObject({ dueDate: '2026-04-30', status: 'running' });
    // Art 23 ¶3: five working days to object — Tue 3 … Mon 9 March.
    expect(clock(p, 'objection_window')).toMatchObject({ dueDate: '2026-03-09', kind: 'window' });
    expect(clock(p, 'assignment_notice')).toMatchObject({ dueDate: '2026-03-17' });
    // Neither the unit's objection window nor its report-back date is the worker's business.
    const assignmentNotice = { name: 'assignment_notice', dueDate: '2026-03-17' };
    expect(await petitionerDates(id)).toEqual({ listed: assignmentNotice, told: assignmentNotice });

    expect(offered(await kit.detail('ds.handler', id))).toEqual([
      'accept',
      'add_note',
      'divert',
      'notify',
      'object',
      'recuse',
      'send_message',
    ]);
    const mine = await kit.detail(WORKER, id);
    expect(visibleTypes(mine)).toEqual(['registered', 'assigned']);
    expect(mine.timeline.every((e) => e.actor === null)).toBe(true);
  });

  it('the handler accepts: sixty days from the day after, past 劳动节 to 6 May', async () => {
    kit.setTime(bj('2026-03-03T10:00:00'));
    const p = await kit.act('ds.handler', id, 'accept');
    expect(p.state).toBe('handling');
    expect(clock(p, 'handling')).toMatchObject({ dueDate: '2026-05-06', status: 'running' });
    expect(clock(p, 'assignment_notice')).toMatchObject({ met: true });
    expect(clock(p, 'objection_window').finishedAt).not.toBeNull();
    // When the answer is due — not the report-back date of 30 April before it.
    const answer = { name: 'handling', dueDate: '2026-05-06' };
    expect(await petitionerDates(id)).toEqual({ listed: answer, told: answer });
    expect(offered(p)).toEqual([
      'add_note',
      'divert',
      'draft_reply',
      'notify',
      'record_investigation',
      'record_mediation',
      'recuse',
      'request_assist',
      'request_extension',
      'schedule_hearing',
      'send_message',
    ]);
    // Accepting twice is refused by the state.
    await kit.refused('ds.handler', id, 'accept', {}, 'state.not_allowed');
  });

  it('records work: internal notes and investigation stay internal, messages reach the worker', async () => {
    kit.tick({ days: 2 });
    await kit.act('ds.handler', id, 'record_investigation', {
      summary: '调取了考勤记录和工资表，夜班考勤属实。',
    });
    await kit.act('ds.handler', id, 'add_note', { text: '队长称财务科压单，需协调。' });
    await kit.act('ds.handler', id, 'send_message', { text: '您反映的问题已在核实，请保持电话畅通。' });
    await kit.act(WORKER, id, 'petitioner_message', { text: '好的，谢谢。' });
    const staffView = await kit.detail('ds.handler', id);
    expect(visibleTypes(staffView)).toEqual([
      'registered',
      'assigned',
      'accepted',
      'investigation_recorded',
      'note_added',
      'message_sent',
      'petitioner_wrote',
    ]);
    const mine = await kit.detail(WORKER, id);
    expect(visibleTypes(mine)).toEqual([
      'registered',
      'assigned',
      'accepted',
      'message_sent',
      'petitioner_wrote',
    ]);
    expect(JSON.stringify(mine)).not.toContain('财务科压单');
    expect(JSON.stringify(mine)).not.toContain('考勤记录');
  });

  it('the handler asks for an extension; the head approves it and the worker reads the reason', async () => {
    kit.setTime(bj('2026-03-10T09:30:00'));
    // Art 34's 30 days are in the body schema, which answers as the lifecycle would: rule and article.
    const tooLong = await kit.send('ds.handler', id, 'request_extension', { days: 31, reason: '太长' });
    expect(tooLong.json().error.message).toBe('延长期限不得超过30日（《信访工作条例》第三十四条）');
    expect(expectError(tooLong, 422, 'LIFECYCLE_REFUSED').details).toMatchObject({
      rule: 'extension.too_long',
      article: 'Art 34',
      param: 'days',
    });
    // Below the schema's minimum is malformed, not unlawful: the generic answer naming the field.
    const none = await kit.send('ds.handler', id, 'request_extension', { days: 0, reason: '太短' });
    expect(expectError(none, 400, 'VALIDATION_FAILED').details).toEqual([
      { path: '/body/params/days', message: 'must be >= 1' },
    ]);
    const asked = await kit.act('ds.handler', id, 'request_extension', {
      days: 30,
      reason: '需要财务科和人力资源科共同核算三个月的加班工时',
    });
    expect(offered(asked)).not.toContain('request_extension');
    await kit.refused('ds.handler', id, 'approve_extension', {}, 'auth.role_not_permitted');
    // The head's approval queue shows it.
    const counts = await kit.http('ds.head', 'GET', '/api/petitions/counts');
    expect(counts.json()).toMatchObject({ approval: 1, handling: 1 });
    const approval = await kit.list('ds.head', { queue: 'approval' });
    expect(approval.items.map((i) => i.id)).toEqual([id]);
    const head = await kit.detail('ds.head', id);
    expect(offered(head)).toEqual(expect.arrayContaining(['approve_extension', 'refuse_extension']));

    kit.tick({ days: 1 });
    const approved = await kit.act('ds.head', id, 'approve_extension');
    // Art 34: 60 + 30 days from 4 March, to Monday 1 June.
    expect(clock(approved, 'handling')).toMatchObject({ dueDate: '2026-06-01', status: 'running' });
    await kit.refused('ds.head', id, 'approve_extension', {}, 'extension.none_pending');
    await kit.refused(
      'ds.handler',
      id,
      'request_extension',
      { days: 5, reason: '再延' },
      'extension.already_granted',
    );

    const mine = await kit.detail(WORKER, id);
    expect(visibleTypes(mine)).toContain('extension_approved');
    expect(visibleTypes(mine)).not.toContain('extension_requested');
    const told = mine.timeline.find((e) => e.type === 'extension_approved');
    expect(told?.data).toMatchObject({ days: 30, reason: '需要财务科和人力资源科共同核算三个月的加班工时' });
    expect(clock(mine, 'handling').dueDate).toBe('2026-06-01');
  });

  it('the handler drafts the decision letter (Art 32), the head approves, and it is issued', async () => {
    kit.setTime(bj('2026-03-20T09:00:00'));
    const letter = {
      request: '补发2025年12月至2026年2月夜班加班费',
      factsAndReasons: '经核实考勤和工资表，夜班加班属实，但部分工时已以调休抵扣。',
      decision: '补发未调休部分的加班费，调休部分不再补发。',
      legalBasis: '《劳动法》第四十四条',
    };
    await kit.refused(
      'ds.handler',
      id,
      'draft_reply',
      { ...letter, outcome: 'adopted' },
      'reply.outcome_for_kind',
    );
    await kit.refused(
      'ds.handler',
      id,
      'draft_reply',
      { ...letter, legalBasis: '  ', outcome: 'explain' },
      'reply.legal_basis_required',
    );
    const drafted = await kit.act('ds.handler', id, 'draft_reply', { ...letter, outcome: 'explain' });
    expect(drafted.state).toBe('reply_drafted');
    await kit.refused('ds.handler', id, 'approve_reply', {}, 'auth.role_not_permitted');
    expect(offered(await kit.detail('ds.head', id))).toEqual(
      expect.arrayContaining(['approve_reply', 'return_reply']),
    );
    // Drafts are internal: the worker sees nothing of the letter before it is issued.
    expect(visibleTypes(await kit.detail(WORKER, id))).not.toContain('reply_drafted');

    const approved = await kit.act('ds.head', id, 'approve_reply');
    expect(approved.state).toBe('reply_approved');
    expect(offered(await kit.detail('ds.handler', id))).toContain('issue_reply');

    kit.setTime(bj('2026-03-23T10:00:00'));
    const issued = await kit.act('ds.handler', id, 'issue_reply');
    expect(issued.state).toBe('replied');
    expect(clock(issued, 'handling')).toMatchObject({ met: true, status: 'met' });
    expect(clock(issued, 'report_back')).toMatchObject({ met: true });
    // Issued is not received: the review window waits for the delivery.
    expect(issued.clocks.map((c) => c.name)).not.toContain('review_window');

    // The worker opens the decision letter in the app: that is its delivery.
    kit.setTime(bj('2026-03-23T19:30:00'));
    expect((await kit.openAnswer(WORKER, id)).headers['content-type']).toBe('application/pdf');
    const mine = await kit.detail(WORKER, id);
    expect(mine.state).toBe('replied');
    // Art 35: thirty days to ask for review, from the day after receipt — 22 April.
    expect(clock(mine, 'review_window')).toMatchObject({ dueDate: '2026-04-22', kind: 'window' });
    const window = { name: 'review_window', dueDate: '2026-04-22' };
    expect(await petitionerDates(id)).toEqual({ listed: window, told: window });
    const reply = mine.timeline.find((e) => e.type === 'reply_issued');
    expect(reply?.data.letter).toMatchObject({ ...letter, outcome: 'explain' });
    expect(mine.timeline.at(-1)).toMatchObject({ type: 'reply_delivered', data: { method: 'app' } });
    expect(offered(mine)).toEqual(['petitioner_message', 'rate', 'request_review']);
  });

  it('the worker rates it unsatisfied and asks the mine for review inside the window', async () => {
    kit.setTime(bj('2026-04-01T08:00:00'));
    const rated = await kit.act(WORKER, id, 'rate', { rating: 'unsatisfied', comment: '调休是被迫的' });
    expect(rated.state).toBe('replied');
    await kit.refused(WORKER, id, 'rate', { rating: 'satisfied' }, 'rating.already_rated');
    // Staff may not ask on the worker's behalf.
    await kit.refused('ds.head', id, 'request_review', { reason: '代为申请' }, 'auth.role_not_permitted');

    const review = await kit.act(WORKER, id, 'request_review', {
      reason: '调休并非本人自愿，应当支付加班费。',
    });
    expect(review).toMatchObject({ state: 'handling', stage: 'review' });
    // Art 35: the parent of the answering unit reviews.
    expect(review.units.handling?.code).toBe('JA-DS');
    // 30 days from 2 April ends on 1 May, inside 劳动节: the next working day, 6 May.
    expect(clock(review, 'review_answer')).toMatchObject({ dueDate: '2026-05-06', stage: 'review' });
    expect(clock(review, 'review_window')).toMatchObject({ met: true });
  });

  it('the mine reviews and replies; the section that answered first may no longer act', async () => {
    kit.setTime(bj('2026-04-20T09:00:00'));
    const handler = await kit.detail('ds.handler', id);
    expect(offered(handler)).toEqual([]);
    await kit.refused(
      'ds.handler',
      id,
      'draft_reply',
      { request: 'x', factsAndReasons: 'y', decision: 'z', legalBasis: 'w', outcome: 'explain' },
      'auth.unit_out_of_scope',
    );
    await kit.refused(
      'ds.head',
      id,
      'request_extension',
      { days: 10, reason: '复查也想延期' },
      'extension.first_stage_only',
    );
    await kit.act('ds.head', id, 'draft_reply', {
      request: '要求支付被调休抵扣的加班费',
      factsAndReasons: '复查认定调休系矿方单方面安排。',
      decision: '撤销原处理意见中调休抵扣部分，补发全部加班费。',
      legalBasis: '《劳动法》第四十四条',
      outcome: 'support',
    });
    await kit.act('ds.head', id, 'approve_reply');
    const issued = await kit.act('ds.head', id, 'issue_reply');
    expect(issued).toMatchObject({ state: 'replied', stage: 'review' });
    expect(clock(issued, 'review_answer')).toMatchObject({ met: true });
    // Read out to the worker at a visit the same day, as the mine's office records.
    const delivered = await kit.http('ds.reception', 'POST', `/api/petitions/${id}/deliveries`, {
      method: 'visit',
      deliveredOn: '2026-04-20',
      version: issued.version,
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(clock(delivered.json(), 're_examination_window')).toMatchObject({ dueDate: '2026-05-20' });
  });

  it('re-examination one level further up, at the group, with a hearing that pauses its clock', async () => {
    kit.setTime(bj('2026-04-27T09:00:00'));
    await kit.refused(WORKER, id, 'request_review', { reason: '再复查' }, 'state.not_allowed');
    const asked = await kit.act(WORKER, id, 'request_re_examination', { reason: '补发标准仍有出入。' });
    expect(asked).toMatchObject({ state: 'handling', stage: 're_examination' });
    expect(asked.units.handling?.code).toBe('JA');
    expect(clock(asked, 're_examination_answer')).toMatchObject({ dueDate: '2026-05-27' });
    // The mine's head no longer handles it.
    expect(offered(await kit.detail('ds.head', id))).toEqual([]);

    kit.setTime(bj('2026-04-28T10:00:00'));
    await kit.refused('ja.handler', id, 'hold_hearing', { summary: '还没安排' }, 'hearing.none_scheduled');
    const scheduled = await kit.act('ja.handler', id, 'schedule_hearing', {
      scheduledFor: bj('2026-05-06T09:30:00'),
      place: '集团信访接待室',
    });
    await kit.refused(
      'ja.handler',
      id,
      'draft_reply',
      { request: 'x', factsAndReasons: 'y', decision: 'z', legalBasis: 'w', outcome: 'explain' },
      'hearing.already_scheduled',
    );
    expect(clock(scheduled, 're_examination_answer').dueDate).toBe('2026-05-27');
    const mine = await kit.detail(WORKER, id);
    expect(mine.timeline.find((e) => e.type === 'hearing_scheduled')?.data).toMatchObject({
      place: '集团信访接待室',
    });

    // While the hearing runs, the due date moves with it (whole days): 27 May + 4 = Sunday 31 May,
    // so the next working day.
    kit.setTime(bj('2026-05-02T10:00:00'));
    expect(clock(await kit.detail('ja.handler', id), 're_examination_answer').dueDate).toBe('2026-06-01');

    kit.setTime(bj('2026-05-06T11:00:00'));
    const held = await kit.act('ja.handler', id, 'hold_hearing', {
      summary: '双方到场陈述，矿方提交了工时记录。',
    });
    // Art 36: the hearing's eight days (28 April → 6 May) do not count: 27 May + 8 = 4 June.
    expect(clock(held, 're_examination_answer')).toMatchObject({ dueDate: '2026-06-04', status: 'running' });
  });

  it('the final reply makes the case final; then nothing changes its state', async () => {
    kit.setTime(bj('2026-05-12T09:00:00'));
    await kit.act('ja.handler', id, 'draft_reply', {
      request: '按实际工时补发加班费',
      factsAndReasons: '听证查明实际工时。',
      decision: '维持复查意见，按实际工时补发。',
      legalBasis: '《信访工作条例》第三十六条',
      outcome: 'support',
    });
    await kit.refused('ja.handler', id, 'approve_reply', {}, 'auth.role_not_permitted');
    await kit.act('ja.head', id, 'approve_reply');
    const final = await kit.act('ja.handler', id, 'issue_reply');
    expect(final).toMatchObject({ state: 'final', stage: 're_examination' });
    expect(clock(final, 're_examination_answer')).toMatchObject({ met: true });
    expect(final.clocks.every((c) => c.finishedAt !== null)).toBe(true);

    // The final opinion is delivered too (the worker opens it); only its date may still be corrected.
    expect(offered(await kit.detail(WORKER, id))).toEqual(['rate', 'receive_reply']);
    await kit.openAnswer(WORKER, id);
    const mine = await kit.detail(WORKER, id);
    expect(offered(mine)).toEqual(['rate']);
    expect(offered(await kit.detail('ja.head', id))).toEqual(['correct_delivery']);
    for (const who of ['ja.handler', 'ds.head', 'ds.handler', 'ds.reception', 'reception', 'supervisor'])
      expect(offered(await kit.detail(who, id)), who).toEqual([]);

    const before = await kit.eventCount(id);
    const attempts: [string, string, Record<string, unknown>][] = [
      [WORKER, 'request_review', { reason: '再来' }],
      [WORKER, 'request_re_examination', { reason: '再来' }],
      [WORKER, 'withdraw', {}],
      [WORKER, 'petitioner_message', { text: '还有话说' }],
      ['ja.handler', 'add_note', { text: '终结后备注' }],
      [
        'ja.handler',
        'draft_reply',
        { request: 'x', factsAndReasons: 'y', decision: 'z', legalBasis: 'w', outcome: 'support' },
      ],
      ['ja.handler', 'send_message', { text: '终结后留言' }],
      ['ja.head', 'approve_reply', {}],
      ['reception', 'assign', { unit: kit.unit('JA-DS'), reportBackBy: '2026-06-30' }],
      ['reception', 'decline', { ground: 'other', reason: '终结' }],
      ['supervisor', 'issue_supervision', { concern: 'delay', requirements: '督办', dueDate: '2026-06-30' }],
      ['ds.handler', 'accept', {}],
    ];
    for (const [who, type, params] of attempts) {
      const details = await kit.refused(who, id, type, params, (await ruleFor(who, type)) ?? '');
      expect(details.article === null || typeof details.article === 'string').toBe(true);
    }
    expect(await kit.eventCount(id)).toBe(before);

    // Art 21: the last stage is still rated after finality, and that changes no state.
    const rated = await kit.act(WORKER, id, 'rate', { rating: 'basically_satisfied' });
    expect(rated.state).toBe('final');
    expect(offered(rated)).toEqual([]);
    expect(await kit.eventCount(id)).toBe(before + 1);

    // Lookup by number and code shows the end, and nothing personal.
    const looked = await kit.http(null, 'POST', '/api/lookup', { number, queryCode });
    expect(looked.statusCode).toBe(200);
    expect(looked.json()).toMatchObject({ number, state: 'final', stage: 're_examination' });
  });

  it('left an audit entry for every step, by the one who took it', async () => {
    const entries = await kit.audit(id);
    const actions = entries.filter((e) => e.outcome === 'success').map((e) => e.action);
    const steps = actions.filter((a) => a !== 'petition.view' && a !== 'petition.lookup');
    expect(steps).toEqual([
      'petition.submit',
      'petition.assign',
      'petition.accept',
      'petition.record_investigation',
      'petition.add_note',
      'petition.send_message',
      'petition.petitioner_message',
      'petition.request_extension',
      'petition.approve_extension',
      'petition.draft_reply',
      'petition.approve_reply',
      'petition.issue_reply',
      'petition.receive_reply',
      'petition.rate',
      'petition.request_review',
      'petition.draft_reply',
      'petition.approve_reply',
      'petition.issue_reply',
      'petition.record_delivery',
      'petition.request_re_examination',
      'petition.schedule_hearing',
      'petition.hold_hearing',
      'petition.draft_reply',
      'petition.approve_reply',
      'petition.issue_reply',
      'petition.receive_reply',
      'petition.rate',
    ]);
    expect(actions).toContain('petition.view');
    expect(actions).toContain('petition.lookup');
    const byAction = (action: string) => entries.filter((e) => e.action === action);
    expect(byAction('petition.assign')[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: kit.staffId('ds.reception'),
    });
    expect(byAction('petition.approve_extension')[0]).toMatchObject({ actor_id: kit.staffId('ds.head') });
    expect(byAction('petition.rate')[0]).toMatchObject({ actor_type: 'petitioner' });
    // A petitioner reading their own case is not a staff access to audit.
    expect(byAction('petition.view').every((e) => e.actor_type === 'staff')).toBe(true);
  });
});

/** Which rule refuses an action on a final case, per the lifecycle's gate. */
async function ruleFor(who: string, type: string): Promise<string | null> {
  // The gate checks the role first: an actor whose role never takes the action hears that.
  const roleless: Record<string, string[]> = {
    [WORKER]: [],
    'ja.handler': ['approve_reply'],
    'ja.head': [],
    reception: [],
    supervisor: [],
    'ds.handler': [],
  };
  if (roleless[who]?.includes(type)) return 'auth.role_not_permitted';
  return 'state.final';
}

describe('the review window closes', () => {
  it('after thirty days (moved past 端午) request_review is refused with the lifecycle’s rule', async () => {
    kit.setTime(bj('2026-05-18T09:00:00'));
    const { petition } = await kit.submit(RESIDENT, {
      concernedUnitId: kit.unit('JA-DS-RLK'),
      categoryCode: 'housing',
    });
    const id = petition.id;
    expect(petition.units.receiving.code).toBe('JA-DS');
    // Reception accepts for its own unit; the mine's head answers.
    await kit.act('ds.reception', id, 'accept');
    kit.setTime(bj('2026-05-20T10:00:00'));
    await kit.act('ds.head', id, 'draft_reply', {
      request: '解决住房',
      factsAndReasons: '不符合条件',
      decision: '不予支持',
      legalBasis: '住房分配办法',
      outcome: 'not_support',
    });
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    await kit.openAnswer(RESIDENT, id);
    // Opened on 20 May; + 30 = 19 June, 端午 (19–21 June): the window ends on Monday 22 June.
    const window = clock(await kit.detail(RESIDENT, id), 'review_window');
    expect(window.dueDate).toBe('2026-06-22');
    expect(window.due).toBe(bj('2026-06-22T23:59:59.999'));

    kit.setTime(bj('2026-06-22T23:59:00'));
    const lastMinute = await kit.detail(RESIDENT, id);
    expect(offered(lastMinute)).toContain('request_review');
    expect(clock(lastMinute, 'review_window').status).toBe('due_soon');

    kit.setTime(bj('2026-06-23T00:00:01'));
    const late = await kit.detail(RESIDENT, id);
    expect(offered(late)).not.toContain('request_review');
    expect(clock(late, 'review_window').status).toBe('overdue');
    const details = await kit.refused(
      RESIDENT,
      id,
      'request_review',
      { reason: '晚了' },
      'review.window_closed',
    );
    expect(details.article).toBe('Art 35');
    expect((await kit.detail(RESIDENT, id)).state).toBe('replied');
  });
});

describe('the longest letter', () => {
  it('is kept whole in any characters, as drafted, in the case and in the issued answer', async () => {
    kit.setTime(bj('2026-07-01T09:00:00'));
    // Four bytes of UTF-8 a character: the letter, an extension's reason and a collective
    // visit's representatives, all kept in the case's lifecycle, are past the 64 KB of MySQL's
    // `text`, where the draft was a 500.
    const text = (codePoints: number) => '😀'.repeat(codePoints);
    const { petition } = await kit.submit(RESIDENT, {
      concernedUnitId: kit.unit('JA-DS-RLK'),
      categoryCode: 'housing',
      headcount: 12,
      representatives: Array.from({ length: 5 }, () => text(50)),
    });
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    await kit.act('ds.head', id, 'request_extension', { days: 30, reason: text(2000) });
    const letter = {
      request: text(2000),
      factsAndReasons: text(5000),
      decision: text(5000),
      legalBasis: text(2000),
    };
    await kit.act('ds.head', id, 'draft_reply', { ...letter, outcome: 'not_support' });
    const db = kit.app.db;
    const row = await db
      .selectFrom('petition')
      .select('lifecycle')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Buffer.byteLength(row.lifecycle)).toBeGreaterThan(65_535);
    expect(JSON.parse(row.lifecycle).reply).toMatchObject(letter);
    const drafted = await db
      .selectFrom('petition_event')
      .select('data')
      .where('petition_id', '=', id)
      .where('type', '=', 'reply_drafted')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(drafted.data).letter).toMatchObject(letter);

    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    const issued = await db.selectFrom('document').select('facts').where('petition_id', '=', id).execute();
    expect(issued.map((d) => JSON.parse(d.facts).body.letter)).toContainEqual(
      expect.objectContaining(letter),
    );
  });
});
