import type {
  AftercareSettings,
  FollowUp,
  FollowUpList,
  RehandlingList,
} from '@xinfang/shared/schemas/aftercare';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import type { Booking, BookingList, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';
import { answeredSuggestion } from './support';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Aftercare (#15), on one timeline across the 2026 National Day holidays (Oct 1–7): a concluded case
 * owes its unit a follow-up (回访) whose outcome is recorded once; an unsatisfied rating of a
 * suggestion waits for the unit head's decision, either way; a forwarded case's office is reminded
 * after the working days set to ask the organ (Art 22), and records the outcome for the petitioner;
 * a booking is reminded the day before, and the leader's reception is registered as a visit.
 * The reminders are run as the scheduler runs them, with the clock moved.
 */
const WORKER = '13800000001';
const SUGGESTER = '13900000003';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-09-28T09:00:00') });
});
afterAll(() => kit?.close());

const runAftercare = () => kit.app.jobs.run('aftercare');
const runDeadlines = () => kit.app.jobs.run('deadlines');

async function notices(event: string) {
  return kit.app.db
    .selectFrom('notification')
    .select(['recipient_id', 'petition_id', 'body', 'dedupe_key'])
    .where('event', '=', event)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

const followUps = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/follow-ups${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as FollowUpList).items;
};

describe('the settings', () => {
  it('only the administrator sets them; out-of-range values are refused; changes are audited', async () => {
    const defaults = await kit.http('admin', 'GET', '/api/admin/settings/aftercare');
    expect(defaults.json()).toEqual({
      followUpDays: 15,
      forwardOutcomeWorkingDays: 20,
      rehandlingWorkingDays: 10,
    });
    expectError(
      await kit.http('ds.head', 'PUT', '/api/admin/settings/aftercare', { followUpDays: 10 }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await kit.http('admin', 'PUT', '/api/admin/settings/aftercare', { followUpDays: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('admin', 'PUT', '/api/admin/settings/aftercare', {}),
      400,
      'VALIDATION_FAILED',
    );
    const set = await kit.http('admin', 'PUT', '/api/admin/settings/aftercare', {
      followUpDays: 10,
      forwardOutcomeWorkingDays: 2,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json() as AftercareSettings).toEqual({
      followUpDays: 10,
      forwardOutcomeWorkingDays: 2,
      rehandlingWorkingDays: 10,
    });
    expect((await kit.audit('aftercare')).map((a) => a.action)).toEqual(['settings.aftercare']);
  });
});

describe('follow-ups and re-handling', () => {
  let satisfied: string;
  let keptAnswer: string;
  let handledAgain: string;

  it('an unsatisfied suggestion waits for the unit head, in his approvals, and is not closed meanwhile', async () => {
    satisfied = await answeredSuggestion(kit, SUGGESTER);
    keptAnswer = await answeredSuggestion(kit, SUGGESTER);
    handledAgain = await answeredSuggestion(kit, SUGGESTER);
    await kit.act(SUGGESTER, satisfied, 'rate', { rating: 'satisfied' });
    await kit.act(SUGGESTER, keptAnswer, 'rate', { rating: 'unsatisfied', comment: '暖气太晚' });
    await kit.act(SUGGESTER, handledAgain, 'rate', { rating: 'unsatisfied' });

    await runDeadlines();
    expect((await kit.detail('ds.head', satisfied)).state).toBe('resolved');
    expect((await kit.detail('ds.head', keptAnswer)).state).toBe('replied');
    const approvals = await kit.list('ds.head', { queue: 'approval' });
    expect(approvals.items.map((p) => p.id)).toEqual(expect.arrayContaining([keptAnswer, handledAgain]));
    const waiting = await kit.http('ds.head', 'GET', '/api/rehandling-decisions?waiting=true');
    expect(waiting.statusCode, waiting.body).toBe(200);
    expect((waiting.json() as RehandlingList).items.map((i) => i.petitionId).sort()).toEqual(
      [keptAnswer, handledAgain].sort(),
    );
    // The head was told, as of an approval waiting.
    const told = (await notices('approval_waiting')).filter((n) => n.petition_id === keptAnswer);
    expect(told.map((n) => n.recipient_id)).toEqual([kit.staffId('ds.head')]);
    expect(told[0]?.body).toContain('是否重新办理');
    expect((await notices('approval_waiting')).filter((n) => n.petition_id === satisfied)).toEqual([]);
    // Another mine's head sees none of them; a handler has no such list.
    const other = (await kit.http('xh.head', 'GET', '/api/rehandling-decisions')).json() as RehandlingList;
    expect(other.items).toEqual([]);
    expectError(await kit.http('ds.handler', 'GET', '/api/rehandling-decisions'), 403, 'FORBIDDEN');
  });

  it('the head decides either way, with a reason, seen by staff only; handling again reopens the case', async () => {
    await kit.refused(
      'ds.reception',
      keptAnswer,
      'decide_rehandling',
      { rehandle: true, reason: '再查' },
      'auth.role_not_permitted',
    );
    // Keeping the answer tells the petitioner why, in words written for him (Art 21).
    await kit.refused(
      'ds.head',
      keptAnswer,
      'decide_rehandling',
      { rehandle: false, reason: '已按计划加装，答复无误', toPetitioner: ' ' },
      'rehandling.explanation_required',
    );
    await kit.act('ds.head', keptAnswer, 'decide_rehandling', {
      rehandle: false,
      reason: '已按计划加装，答复无误',
      toPetitioner: '暖气已按年度计划安排加装，原答复说明了安装时间。',
    });
    // He reads the decision and the explanation, in his timeline and his notice; never the reason.
    const kept = await kit.detail(SUGGESTER, keptAnswer);
    expect(kept.timeline.map((e) => e.type)).not.toContain('rehandling_decided');
    expect(kept.timeline.at(-1)).toMatchObject({
      type: 'rehandling_notified',
      data: { rehandle: false, toPetitioner: '暖气已按年度计划安排加装，原答复说明了安装时间。' },
    });
    expect(JSON.stringify(kept)).not.toContain('答复无误');
    const notice = (await notices('rehandling_decided')).find((n) => n.petition_id === keptAnswer);
    expect(notice?.body).toContain('原答复意见不变。说明：暖气已按年度计划安排加装，原答复说明了安装时间。');
    expect(notice?.body).not.toContain('答复无误');
    await kit.refused(
      'ds.head',
      keptAnswer,
      'decide_rehandling',
      { rehandle: true, reason: '再查' },
      'rehandling.none_pending',
    );
    const again = await kit.act('ds.head', handledAgain, 'decide_rehandling', {
      rehandle: true,
      reason: '信访人反映暖气仍未安装',
    });
    expect(again.state).toBe('handling');
    expect(again.timeline.at(-2)).toMatchObject({ type: 'rehandling_decided', data: { rehandle: true } });
    const mine = await kit.detail(SUGGESTER, handledAgain);
    expect(mine.timeline.map((e) => e.type)).not.toContain('rehandling_decided');
    expect(mine.timeline.at(-1)).toMatchObject({
      type: 'rehandling_notified',
      data: { rehandle: true, toPetitioner: null },
    });
    expect((await kit.audit(handledAgain)).map((a) => a.action)).toContain('petition.decide_rehandling');

    const decided = (
      await kit.http('ds.head', 'GET', '/api/rehandling-decisions?waiting=false')
    ).json() as RehandlingList;
    expect(Object.fromEntries(decided.items.map((i) => [i.petitionId, i.rehandle]))).toEqual({
      [keptAnswer]: false,
      [handledAgain]: true,
    });
    await runDeadlines();
    expect((await kit.detail('ds.head', keptAnswer)).state).toBe('concluded');
  });

  it('each concluded case owes its unit a follow-up, listed for its subtree only', async () => {
    const items = await followUps('ds.head');
    const mine = items.filter((f) => [satisfied, keptAnswer].includes(f.petitionId));
    expect(mine.map((f) => [f.petitionId, f.status, f.dueDate, f.unit.name])).toEqual(
      expect.arrayContaining([
        [satisfied, 'open', '2026-10-08', '东山煤矿'],
        [keptAnswer, 'open', '2026-10-08', '东山煤矿'],
      ]),
    );
    expect(items.map((f) => f.petitionId)).not.toContain(handledAgain);
    // The mine's units below it and other mines see none of the mine's own follow-ups.
    expect(await followUps('ds.handler', `?petitionId=${satisfied}`)).toEqual([]);
    expect(await followUps('xh.head', `?petitionId=${satisfied}`)).toEqual([]);
    expect((await followUps('supervisor', `?petitionId=${satisfied}`)).length).toBe(1);
    const outside = await kit.http('ds.head', 'GET', `/api/follow-ups?unitId=${kit.unit('JA-XH')}`);
    expect(outside.statusCode, outside.body).toBeGreaterThanOrEqual(403);
    expect(outside.statusCode).toBeLessThan(405);
    expectError(await kit.http('reception', 'GET', '/api/follow-ups'), 403, 'FORBIDDEN');
  });

  it('records the outcome once: a retry is answered as recorded, another outcome is refused', async () => {
    const [item] = await followUps('ds.head', `?petitionId=${satisfied}`);
    const url = `/api/follow-ups/${item?.id}/outcome`;
    const outcome = {
      method: 'phone',
      followedOn: kit.beijingDate(),
      petitionerSaid: '暖气已经装好，很满意。',
      satisfied: true,
    };
    expectError(
      await kit.http('ds.head', 'POST', url, { ...outcome, followedOn: kit.beijingDate(1) }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('ds.head', 'POST', url, { ...outcome, method: 'fax' }),
      400,
      'VALIDATION_FAILED',
    );
    // Another mine, or a section below the unit, cannot see it to record it.
    expectError(await kit.http('xh.head', 'POST', url, outcome), 404, 'NOT_FOUND');
    expectError(await kit.http('ds.handler', 'POST', url, outcome), 404, 'NOT_FOUND');
    const first = await kit.http('ds.head', 'POST', url, outcome);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json() as FollowUp).toMatchObject({ status: 'done', outcome: { ...outcome } });
    const retry = await kit.http('ds.head', 'POST', url, outcome);
    expect(retry.json()).toEqual(first.json());
    expectError(
      await kit.http('ds.head', 'POST', url, { ...outcome, satisfied: false }),
      409,
      'ALREADY_EXISTS',
    );
    const audit = (await kit.audit(satisfied)).filter((a) => a.action === 'follow_up.record');
    expect(audit).toHaveLength(1);
    expect((await followUps('ds.head', '?status=done')).map((f) => f.petitionId)).toContain(satisfied);
  });

  it('a head recused from a case (Art 28) neither sees nor records its follow-up or re-handling', async () => {
    const concluded = await answeredSuggestion(kit, SUGGESTER);
    const unsatisfied = await answeredSuggestion(kit, SUGGESTER);
    for (const id of [concluded, unsatisfied]) {
      await kit.act('ds.head', id, 'recuse', {
        staffId: kit.staffId('ds.head'),
        reason: '与信访人有亲属关系',
      });
    }
    await kit.act(SUGGESTER, concluded, 'rate', { rating: 'satisfied' });
    await kit.act(SUGGESTER, unsatisfied, 'rate', { rating: 'unsatisfied' });
    await runDeadlines();

    // The group sees both; the recused head, whose mine owes them, neither.
    const [owed] = await followUps('supervisor', `?petitionId=${concluded}`);
    expect(owed).toMatchObject({ petitionId: concluded, status: 'open', unit: { name: '东山煤矿' } });
    expect(await followUps('ds.head', `?petitionId=${concluded}`)).toEqual([]);
    expect((await followUps('ds.head')).map((f) => f.petitionId)).not.toContain(concluded);
    const decisions = async (who: string) => {
      const response = await kit.http(who, 'GET', '/api/rehandling-decisions');
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as RehandlingList).items.map((i) => i.petitionId);
    };
    expect(await decisions('head')).toContain(unsatisfied);
    expect(await decisions('ds.head')).not.toContain(unsatisfied);

    const url = `/api/follow-ups/${owed?.id}/outcome`;
    const outcome = {
      method: 'visit',
      followedOn: kit.beijingDate(),
      petitionerSaid: '暖气已经装好。',
      satisfied: true,
    };
    expectError(await kit.http('ds.head', 'POST', url, outcome), 404, 'NOT_FOUND');
    expect((await kit.audit(concluded)).map((a) => a.action)).not.toContain('follow_up.record');
    const recorded = await kit.http('supervisor', 'POST', url, outcome);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect((await kit.audit(concluded)).filter((a) => a.action === 'follow_up.record')).toHaveLength(1);
  });
});

describe('forwarded cases and reception bookings, across the National Day holidays', () => {
  let forwarded: string;
  let day: ReceptionDay;
  let booking: Booking;

  it('a forwarded case is not asked about before its working days have passed', async () => {
    const published = await kit.http(
      'reception',
      'POST',
      '/api/reception-days',
      {
        leaderId: kit.staffId('leader'),
        date: '2026-10-09',
        place: '集团信访接待室',
        topics: '工资待遇',
        slots: [{ from: '09:00', to: '09:30', capacity: 2 }],
      },
      { 'idempotency-key': 'aftercare-reception-day' },
    );
    expect(published.statusCode, published.body).toBe(201);
    day = published.json() as ReceptionDay;
    const booked = await kit.http(WORKER, 'POST', `/api/reception-days/${day.id}/bookings`, {
      version: day.version,
      slot: 0,
      topic: '反映夜班补贴问题',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    booking = booked.json() as Booking;

    // Wednesday 30 September, the last working day before the holidays.
    kit.setTime(bj('2026-09-30T10:00:00'));
    const { petition } = await kit.submit(WORKER);
    forwarded = petition.id;
    await kit.act('ds.reception', forwarded, 'forward', {
      recipientOrgan: '市人力资源和社会保障局',
      reason: '属于劳动保障监察职责',
    });
    for (const at of ['2026-10-02T10:00:00', '2026-10-08T10:00:00']) {
      kit.setTime(bj(at));
      await runAftercare();
      expect(await notices('forward_outcome_due'), at).toEqual([]);
    }
  });

  it('the day before the booked slot, the petitioner is reminded; once', async () => {
    // 8 October: the booking for 9 October is tomorrow.
    const reminders = await notices('booking_reminder');
    expect(reminders.map((n) => n.recipient_id)).toEqual([await kit.petitionerId(WORKER)]);
    expect(reminders[0]?.body).toContain('2026年10月9日');
    await runAftercare();
    expect(await notices('booking_reminder')).toHaveLength(1);
  });

  it('two working days after the holidays the office is reminded to ask the organ, once', async () => {
    kit.setTime(bj('2026-10-09T09:00:00'));
    await runAftercare();
    await runAftercare();
    const told = await notices('forward_outcome_due');
    expect(told.map((n) => [n.recipient_id, n.petition_id])).toEqual([
      [kit.staffId('ds.reception'), forwarded],
    ]);
    expect(told[0]?.body).toContain('市人力资源和社会保障局');
  });

  it('the office records the organ’s outcome once, and the petitioner reads it', async () => {
    await kit.refused(
      'ds.reception',
      forwarded,
      'record_forward_outcome',
      { outcome: '已责令补发', receivedOn: '2026-10-10' },
      'forward.outcome_date_invalid',
    );
    await kit.act('ds.reception', forwarded, 'record_forward_outcome', {
      outcome: '经劳动保障监察，已责令用人单位补发夜班加班费。',
      receivedOn: '2026-10-09',
    });
    await kit.refused(
      'ds.reception',
      forwarded,
      'record_forward_outcome',
      { outcome: '再次', receivedOn: '2026-10-09' },
      'forward.outcome_recorded',
    );
    const seen = await kit.detail(WORKER, forwarded);
    expect(seen.state).toBe('forwarded');
    expect(seen.timeline.at(-1)).toMatchObject({
      type: 'forward_outcome_recorded',
      data: { outcome: '经劳动保障监察，已责令用人单位补发夜班加班费。', receivedOn: '2026-10-09' },
    });
  });

  it('the leader’s reception is registered as a visit from the booking, which ends received', async () => {
    const listed = await kit.http('reception', 'GET', `/api/reception-days/${day.id}/bookings`);
    expect((listed.json() as BookingList).items.map((b) => [b.id, b.status, b.topic])).toEqual([
      [booking.id, 'active', '反映夜班补贴问题'],
    ]);
    // On the day the desk tells who is at the door by name and masked phone (audit36 D4).
    expect((listed.json() as BookingList).items[0]?.contact).toEqual({
      realName: '张伟',
      phone: '138****0001',
    });
    expect(listed.body).not.toContain(WORKER);
    expectError(
      await kit.http('ds.reception', 'GET', `/api/reception-days/${day.id}/bookings`),
      403,
      'FORBIDDEN',
    );
    const url = `/api/reception-days/${day.id}/bookings/${booking.id}/visit`;
    const body = kit.submission({
      title: '夜班补贴未发放',
      content: '领导接访时反映：夜班补贴三个月未发放。',
    });
    expectError(
      await kit.http('ds.handler', 'POST', url, body, { 'idempotency-key': 'visit-key-0' }),
      403,
      'FORBIDDEN',
    );
    const made = await kit.http('reception', 'POST', url, body, { 'idempotency-key': 'visit-key-1' });
    expect(made.statusCode, made.body).toBe(201);
    const { petition } = made.json() as Submitted;
    expect(petition).toMatchObject({ channel: 'visit', state: 'registered' });
    const replay = await kit.http('reception', 'POST', url, body, { 'idempotency-key': 'visit-key-1' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((replay.json() as Submitted).petition.id).toBe(petition.id);
    expectError(
      await kit.http('reception', 'POST', url, body, { 'idempotency-key': 'visit-key-2' }),
      409,
      'ALREADY_EXISTS',
    );

    const mine = (await kit.http(WORKER, 'GET', '/api/me/bookings')).json() as BookingList;
    expect(mine.items[0]).toMatchObject({
      status: 'received',
      petitionId: petition.id,
      petitionNumber: petition.number,
    });
    expect((await kit.listAll(WORKER)).map((p) => p.id)).toContain(petition.id);
    expect((await kit.audit(booking.id)).map((a) => a.action)).toEqual([
      'reception.book',
      'reception.received',
    ]);
  });
});

describe('follow-up reminders', () => {
  it('remind the unit of a follow-up due within three days, and again once overdue — each once', async () => {
    // The open follow-up (the kept answer's) is due 8 October: the run that day said "due soon", the
    // run of the 9th "overdue". 东山煤矿 has no handler of its own: its head is told.
    const due = (await notices('follow_up_due')).filter((n) => n.dedupe_key?.startsWith('follow_up_due:'));
    expect(due.map((n) => n.recipient_id)).toEqual([kit.staffId('ds.head')]);
    const overdue = (await notices('follow_up_due')).filter((n) =>
      n.dedupe_key?.startsWith('follow_up_overdue:'),
    );
    expect(overdue.map((n) => n.recipient_id)).toEqual([kit.staffId('ds.head')]);
    expect(overdue[0]?.body).toContain('超期');
    await runAftercare();
    expect(await notices('follow_up_due')).toHaveLength(2);
    const late = await followUps('ds.head', '?status=overdue');
    expect(late.map((f) => f.status)).toEqual(['overdue']);
  });
});

describe('reminders keep to the rules of every notice', () => {
  it('a head recused from a case (Art 28) is not reminded of its follow-up or re-handling; the other head is', async () => {
    // A second head at 东山煤矿, not recused: the audience the rules leave.
    await kit.createStaff('ds.deputy', 'JA-DS', ['unit_head']);
    const concluded = await answeredSuggestion(kit, SUGGESTER);
    const unsatisfied = await answeredSuggestion(kit, SUGGESTER);
    for (const id of [concluded, unsatisfied]) {
      await kit.act('ds.head', id, 'recuse', {
        staffId: kit.staffId('ds.head'),
        reason: '与信访人有亲属关系',
      });
    }
    await kit.act(SUGGESTER, concluded, 'rate', { rating: 'satisfied' });
    await kit.act(SUGGESTER, unsatisfied, 'rate', { rating: 'unsatisfied' });
    await runDeadlines();
    const [owed] = await followUps('ds.deputy', `?petitionId=${concluded}`);
    const waiting = (
      await kit.http('ds.deputy', 'GET', '/api/rehandling-decisions?waiting=true')
    ).json() as RehandlingList;
    const decision = waiting.items.find((i) => i.petitionId === unsatisfied);
    expect(owed?.dueDate).toBeDefined();
    expect(decision?.dueDate).toBeDefined();

    // Both due by the later date: each reminder is owed, to the head who is not recused only.
    const later = [owed?.dueDate ?? '', decision?.dueDate ?? ''].sort()[1];
    kit.setTime(bj(`${later}T10:00:00`));
    await runAftercare();
    const told = async (event: string) =>
      (await notices(event))
        .filter((n) => n.petition_id === concluded || n.petition_id === unsatisfied)
        .map((n) => [n.recipient_id, n.petition_id]);
    expect(await told('follow_up_due')).toEqual([[kit.staffId('ds.deputy'), concluded]]);
    expect(await told('rehandling_due')).toEqual([[kit.staffId('ds.deputy'), unsatisfied]]);
  });
});

describe('a unit moved after its cases concluded', () => {
  it('keeps its follow-ups and re-handling decisions in its new line, to list, record and decide', async () => {
    const concluded = await answeredSuggestion(kit, SUGGESTER);
    const unsatisfied = await answeredSuggestion(kit, SUGGESTER);
    await kit.act(SUGGESTER, concluded, 'rate', { rating: 'satisfied' });
    await kit.act(SUGGESTER, unsatisfied, 'rate', { rating: 'unsatisfied' });
    await runDeadlines();
    const owedTo = async (who: string) => (await followUps(who, `?petitionId=${concluded}`)).length;
    const decisions = async (who: string) => {
      const response = await kit.http(who, 'GET', '/api/rehandling-decisions');
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as RehandlingList).items.filter((i) => i.petitionId === unsatisfied);
    };
    expect([await owedTo('ds.head'), await owedTo('xh.head')]).toEqual([1, 0]);
    expect([(await decisions('ds.head')).length, (await decisions('xh.head')).length]).toEqual([1, 0]);

    // 东山煤矿 goes under 西河煤矿: its follow-ups and decisions go with it, as its cases do.
    const moved = await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS')}`, {
      parentId: kit.unit('JA-XH'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect([await owedTo('ds.head'), await owedTo('xh.head')]).toEqual([1, 1]);
    expect((await kit.http('xh.head', 'GET', `/api/petitions/${concluded}`)).statusCode).toBe(200);
    expect((await decisions('xh.head')).map((d) => d.unit.name)).toEqual(['东山煤矿']);

    const [item] = await followUps('xh.head', `?petitionId=${concluded}`);
    const recorded = await kit.http('xh.head', 'POST', `/api/follow-ups/${item?.id}/outcome`, {
      method: 'phone',
      followedOn: kit.beijingDate(),
      petitionerSaid: '满意',
      satisfied: true,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect((await followUps('ds.head', `?petitionId=${concluded}`))[0]?.status).toBe('done');

    await kit.detail('xh.head', unsatisfied);
    await kit.act('xh.head', unsatisfied, 'decide_rehandling', {
      rehandle: false,
      reason: '答复无误',
      toPetitioner: '原答复已说明情况',
    });
    for (const who of ['ds.head', 'xh.head'])
      expect((await decisions(who)).map((d) => d.rehandle)).toEqual([false]);
  });
});
