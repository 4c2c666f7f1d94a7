import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageCentre, outboxRows } from '../notifications/support';
import { offered, PetitionKit } from './kit';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const WORKER = '13800000001';
const LETTER = {
  request: '补发夜班补贴',
  factsAndReasons: '经核实考勤，夜班天数属实。',
  decision: '补发两个月夜班补贴。',
  legalBasis: '《东山煤矿薪酬管理办法》有关规定',
  outcome: 'support',
};

/**
 * Issue 11, item 11: the demo's own people can take a case through review and re-examination to
 * its final answer (Art 35, 36). A section answers; its mine (东山煤矿, `ds.head`) reviews; the
 * group re-examines — the demo's `handler` drafts and issues, its `head` approves — and the case
 * is final. No account has to be made first.
 */
describe('the demo answers a re-examination with its own people', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  async function answer(handler: string, head: string, id: string) {
    await kit.act(handler, id, 'draft_reply', LETTER);
    await kit.act(head, id, 'approve_reply');
    return kit.act(handler, id, 'issue_reply');
  }

  it('from the section’s answer, through the mine’s review, to the group’s final answer', async () => {
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'accept');
    await answer('ds.handler', 'ds.head', id);

    const review = await kit.act(WORKER, id, 'request_review', { reason: '补发金额不对' });
    expect(review.units.handling?.code).toBe('JA-DS');
    await answer('ds.head', 'ds.head', id);

    const reExamination = await kit.act(WORKER, id, 'request_re_examination', {
      reason: '复查没有回应我的理由',
    });
    expect(reExamination.units.handling?.code).toBe('JA');
    // The group's handler drafts, but only its head approves.
    await kit.act('handler', id, 'draft_reply', LETTER);
    await kit.refused('handler', id, 'approve_reply', {}, 'auth.role_not_permitted');
    await kit.act('head', id, 'approve_reply');
    const final = await kit.act('handler', id, 'issue_reply');
    expect(final).toMatchObject({ state: 'final', stage: 're_examination' });
  });
});

/**
 * A petitioner who writes or visits instead of using the app (Art 17) appeals the same way: the
 * reception of the unit the appeal goes to records it for him, with the channel and the day it
 * arrived, and the 30 days of Art 35 and 36 are judged on that day.
 */
describe('an appeal by letter or visit, recorded by the demo’s receptions', () => {
  let kit: PetitionKit;
  const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
  const LETTER_OF_APPEAL = { channel: 'letter', receivedOn: '2026-04-03', reason: '来信称补发金额不对' };
  beforeAll(async () => {
    kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  });
  afterAll(() => kit.close());

  async function answer(handler: string, head: string, id: string) {
    await kit.act(handler, id, 'draft_reply', LETTER);
    await kit.act(head, id, 'approve_reply');
    return kit.act(handler, id, 'issue_reply');
  }
  async function deliver(id: string, method: string, deliveredOn: string, postedOn?: string) {
    const body = { version: kit.versions.get(id), method, deliveredOn, ...(postedOn ? { postedOn } : {}) };
    const response = await kit.http('ds.reception', 'POST', `/api/petitions/${id}/deliveries`, body);
    expect(response.statusCode, response.body).toBe(200);
    await kit.detail('ds.reception', id);
  }

  it('the mine’s reception records a review from a letter; the group’s a re-examination from a visit', async () => {
    const { petition, queryCode } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
    await kit.act('ds.handler', id, 'accept');
    await answer('ds.handler', 'ds.head', id);
    // Posted that day, received on 4 March: the review may be asked until Friday 3 April.
    kit.setTime(bj('2026-03-04T15:00:00'));
    await deliver(id, 'post', '2026-03-04', '2026-03-02');

    // Offered to the reception of 东山煤矿 (the reviewer) and of the group above it, to nobody else.
    kit.setTime(bj('2026-04-07T09:00:00'));
    expect(offered(await kit.detail('ds.reception', id))).toContain('record_review_request');
    expect(offered(await kit.detail('reception', id))).toContain('record_review_request');
    for (const who of ['ds.handler', 'ds.head', WORKER])
      expect(offered(await kit.detail(who, id))).not.toContain('record_review_request');
    await kit.refused('ds.handler', id, 'record_review_request', LETTER_OF_APPEAL, 'auth.role_not_permitted');

    // On 7 April the worker could no longer ask himself; his letter arrived on the 3rd.
    await kit.refused(WORKER, id, 'request_review', { reason: '不服' }, 'review.window_closed');
    const late = await kit.refused(
      'ds.reception',
      id,
      'record_review_request',
      { ...LETTER_OF_APPEAL, receivedOn: '2026-04-07' },
      'review.received_after_window',
    );
    expect(late).toMatchObject({ article: 'Art 35', param: 'receivedOn' });
    const reviewing = await kit.act('ds.reception', id, 'record_review_request', LETTER_OF_APPEAL);
    expect(reviewing).toMatchObject({ state: 'handling', stage: 'review' });
    expect(reviewing.units.handling?.code).toBe('JA-DS');
    expect(offered(await kit.detail('ds.head', id))).toContain('draft_reply');

    // He hears that his letter arrived, who reviews it, and by when: 30 days from 3 April fall on
    // 3 May, in the 劳动节 holiday, so the next working day (Art 35).
    const [told] = (await messageCentre(kit, WORKER)).items;
    expect(told).toMatchObject({ event: 'appeal_received', title: '复查请求已收到', statutory: false });
    expect(told?.body).toContain('由东山煤矿复查，将在2026年5月6日前作出复查意见');
    // By SMS only the number, a status, the date: not his reason, name or phone.
    const [sms] = await outboxRows(kit, { event: 'appeal_received' });
    expect(sms?.payload).toContain('2026年5月6日前作出复查意见');
    for (const secret of ['补发金额', '张伟', WORKER]) expect(sms?.payload).not.toContain(secret);

    // The worker, signed in or by number and code, reads that it came by letter and when.
    const step = { type: 'review_requested', actorRole: 'reception', visibility: 'petitioner' };
    const mine = await kit.detail(WORKER, id);
    expect(mine.timeline.at(-1)).toMatchObject({ ...step, data: LETTER_OF_APPEAL });
    const looked = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(looked.json().timeline.at(-1)).toMatchObject({
      type: 'review_requested',
      data: { channel: 'letter', receivedOn: '2026-04-03', unitId: kit.unit('JA-DS') },
    });
    expect(looked.json().timeline.at(-1).data.reason).toBeUndefined();
    const audit = await kit.audit(id);
    expect(audit.filter((a) => a.action === 'petition.record_review_request')).toMatchObject([
      { actor_type: 'staff', actor_id: kit.staffId('ds.reception'), outcome: 'success' },
    ]);

    // The review answered and read out at a visit, he comes again: re-examination is the group's.
    await answer('ds.head', 'ds.head', id);
    await deliver(id, 'visit', '2026-04-07');
    const visit = { channel: 'visit', receivedOn: '2026-04-07', reason: '来访称复查没有回应我的理由' };
    expect(offered(await kit.detail('ds.reception', id))).not.toContain('record_re_examination_request');
    await kit.refused('ds.reception', id, 'record_re_examination_request', visit, 'auth.unit_out_of_scope');
    const reExamining = await kit.act('reception', id, 'record_re_examination_request', visit);
    expect(reExamining).toMatchObject({ state: 'handling', stage: 're_examination' });
    expect(reExamining.units.handling?.code).toBe('JA');
    expect(reExamining.timeline.at(-1)).toMatchObject({ type: 're_examination_requested', data: visit });
    const [reExaminationTold] = (await messageCentre(kit, WORKER)).items;
    expect(reExaminationTold).toMatchObject({ event: 'appeal_received', title: '复核请求已收到' });
    expect(reExaminationTold?.body).toContain('由晋安煤业集团复核');
  });
  it('the same matter brought to the reviewing unit while the answer may be appealed: told to ask for review', async () => {
    kit.setTime(bj('2026-05-04T09:00:00'));
    const text = { title: '夜班补贴没有发', content: '三月份的夜班补贴至今没有发放，请求补发。' };
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK'), ...text });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-05-29' });
    await kit.act('ds.handler', id, 'accept');
    await answer('ds.handler', 'ds.head', id);
    kit.setTime(bj('2026-05-06T15:00:00'));
    await deliver(id, 'visit', '2026-05-06');
    // A week later the same worker writes the same to 东山煤矿, the unit that reviews the answer.
    kit.setTime(bj('2026-05-13T09:00:00'));
    const letter = {
      ...kit.submission({ concernedUnitId: kit.unit('JA-DS-AQK'), ...text }),
      channel: 'letter',
      receivedAt: bj('2026-05-12T10:00:00'),
      petitioner: { realName: '张伟', phone: WORKER },
    };
    const response = await kit.http('ds.reception', 'POST', '/api/petitions/register', letter, {
      'idempotency-key': `k-route-${id}`,
    });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().error.details).toMatchObject({
      rule: 'admissibility.review_route',
      article: 'Art 35',
    });
    expect(response.json().error.message).toContain(`原信访事项编号 ${petition.number}`);
    // Not Art 19 ¶3: the case below is answered, no longer being handled.
    expect(response.json().error.message).not.toContain('第十九条');
    // The worker's own submission of it is never refused: it is registered, linked to the case.
    const own = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK'), ...text });
    expect(own.petition.state).toBe('registered');
    // The desk records it as a review of that case instead.
    const review = { channel: 'letter', receivedOn: '2026-05-12', reason: '来信称补贴仍未发放' };
    expect(await kit.act('ds.reception', id, 'record_review_request', review)).toMatchObject({
      stage: 'review',
    });
  });
});
