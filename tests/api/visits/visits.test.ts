import type { Submitted } from '@xinfang/shared/schemas/petitions';
import type { Visit, VisitList } from '@xinfang/shared/schemas/visits';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit, uniqueText } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 下访: the group leader's visit to 东山煤矿 is planned, held, and the petition met there is
 * registered as a visit through the one registration path, linked to the visit once however often
 * the desk's phone retries.
 */
let kit: PetitionKit;
let visit: Visit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const plan = (who: string, body: Record<string, unknown>, key: string) =>
  kit.http(who, 'POST', '/api/grassroots-visits', body, { 'idempotency-key': key });

const list = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/grassroots-visits${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as VisitList;
};

describe('下访', () => {
  it('is planned by a leader above the unit visited, on a day to come, once per key', async () => {
    const body = {
      unitId: kit.unit('JA-DS'),
      place: '东山煤矿综采一队会议室',
      date: '2026-03-05',
      topic: '冬季取暖补贴发放',
    };
    expectError(await plan('ds.handler', body, 'visit-plan-handler'), 403, 'FORBIDDEN');
    expectError(
      await kit.http('leader', 'POST', '/api/grassroots-visits', body),
      428,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    expectError(
      await plan('leader', { ...body, date: '2026-03-01' }, 'visit-plan-past'),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await plan('reception', { ...body, leaderId: kit.staffId('ds.handler') }, 'visit-plan-not-leader'),
      400,
      'VALIDATION_FAILED',
    );
    const planned = await plan('leader', body, 'visit-plan-0001');
    expect(planned.statusCode, planned.body).toBe(201);
    visit = planned.json() as Visit;
    expect(visit).toMatchObject({ status: 'planned', leader: { id: kit.staffId('leader') }, caseCount: 0 });
    // The phone retries after a lost answer: the first visit again, not a second one.
    const again = await plan('leader', body, 'visit-plan-0001');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(visit);
    expectError(
      await plan('leader', { ...body, topic: '另一件事' }, 'visit-plan-0001'),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await list('ds.head')).planned).toBe(1);
    expect((await list('xh.head')).items).toEqual([]);
  });

  it('is held, and the petition met there is registered as a visit and linked to it, once', async () => {
    const held = `/api/grassroots-visits/${visit.id}/held`;
    expectError(
      await kit.http('leader', 'POST', held, { summary: '座谈', people: 12 }),
      400,
      'VALIDATION_FAILED',
    );
    const cases = `/api/grassroots-visits/${visit.id}/cases`;
    const petition = {
      title: '综采一队冬季取暖补贴未发放',
      content: uniqueText(60),
      kind: 'request',
      categoryCode: 'wages',
      channel: 'visit',
      receivedAt: bj('2026-03-05T10:00:00'),
      petitioner: { realName: '张伟', phone: '13800000001' },
    };
    kit.setTime(bj('2026-03-05T11:00:00'));
    const early = await kit.http('reception', 'POST', cases, petition, {
      'idempotency-key': 'visit-case-early',
    });
    expectError(early, 400, 'VALIDATION_FAILED');
    const done = await kit.http('leader', 'POST', held, {
      summary: '与综采一队职工座谈，听取意见12条。',
      people: 12,
    });
    expect(done.statusCode, done.body).toBe(200);
    expectError(
      await kit.http('leader', 'POST', held, { summary: '再记', people: 1 }),
      409,
      'ALREADY_EXISTS',
    );
    expectError(
      await kit.http(
        'reception',
        'POST',
        cases,
        { ...petition, channel: 'letter' },
        { 'idempotency-key': 'visit-case-letter' },
      ),
      400,
      'VALIDATION_FAILED',
    );
    const headers = { 'idempotency-key': 'visit-case-0001' };
    const first = await kit.http('reception', 'POST', cases, petition, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await kit.http('reception', 'POST', cases, petition, headers);
    expect((again.json() as Submitted).petition.id).toBe((first.json() as Submitted).petition.id);
    const registered = (first.json() as Submitted).petition;
    expect(registered.channel).toBe('visit');
    const mine = await list('ds.head', '?status=all');
    // The mine neither sees nor counts the case until it is routed there.
    expect([mine.held, mine.cases]).toEqual([1, 0]);
    expect(mine.items[0]).toMatchObject({ status: 'held', people: 12, caseCount: 0, cases: [] });
    expect((await list('reception', '?status=held')).items[0]).toMatchObject({
      caseCount: 1,
      cases: [{ id: registered.id, number: registered.number, title: registered.title }],
    });

    // Art 30: someone at the meeting accuses the mine; the mine's view of its visit does not move.
    const accusation = await kit.http(
      'reception',
      'POST',
      cases,
      {
        ...petition,
        kind: 'accusation',
        concernedUnitId: kit.unit('JA-DS'),
        categoryCode: 'other',
        title: '检举东山煤矿截留取暖补贴',
        content: uniqueText(60),
      },
      { 'idempotency-key': 'visit-case-0002' },
    );
    expect(accusation.statusCode, accusation.body).toBe(201);
    expect(await list('ds.head', '?status=all')).toEqual(mine);
    expect((await list('reception', '?status=held')).items[0]?.caseCount).toBe(2);
    const audit = await kit.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'visit.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['visit.hold', 'visit.plan']);
  });

  it('five identical plans sent at once make one visit and five equal answers', async () => {
    await kit.sessions.token('leader');
    const body = {
      unitId: kit.unit('JA-DS'),
      place: '东山煤矿调度室',
      date: '2026-03-20',
      topic: '并发重试',
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => plan('leader', body, 'visit-plan-race')),
    );
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body).join('\n'),
    ).toEqual(Array(5).fill(201));
    for (const a of answers) expect(a.json()).toEqual(answers[0]?.json());
    const rows = await kit.app.db
      .selectFrom('grassroots_visit')
      .select('id')
      .where('topic', '=', '并发重试')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('is recorded held by the leader himself, or for him by his own unit (audited so), not from below', async () => {
    // A mine's desk may not put a visit into the group deputy GM's plan (audit 32, D6): it asks
    // the group's office, which plans it.
    const invitation = {
      leaderId: kit.staffId('head'),
      unitId: kit.unit('JA-DS-ZC'),
      place: '综采队会议室',
      date: kit.beijingDate(0),
      topic: '工资',
    };
    expectError(await plan('ds.reception', invitation, 'visit-plan-from-below'), 403, 'FORBIDDEN');
    const planned = await plan('reception', invitation, 'visit-plan-by-group-office');
    expect(planned.statusCode, planned.body).toBe(201);
    const { id } = planned.json() as Visit;
    const held = `/api/grassroots-visits/${id}/held`;
    const body = { summary: '领导听取意见', people: 40 };
    // The mine may not book the group leader's visit as held: he never said it took place.
    for (const who of ['ds.reception', 'ds.head']) {
      const refused = expectError(await kit.http(who, 'POST', held, body), 403, 'FORBIDDEN');
      expect(refused.message).toContain('领导本人');
    }
    const still = (await list('reception', '?status=planned')).items.find((v) => v.id === id);
    expect(still).toMatchObject({ status: 'planned', people: null });
    // The group office, his own unit, records it for him, and the entry says it did so.
    const done = await kit.http('reception', 'POST', held, body);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'held', people: 40 });
    const entries = (await kit.audit(id)).filter((a) => a.action === 'visit.hold');
    expect(entries.map((a) => [a.outcome, a.actor_id, JSON.parse(a.details ?? 'null')])).toEqual([
      ['denied', kit.staffId('ds.reception'), { leaderId: kit.staffId('head'), forLeader: true, people: 40 }],
      ['denied', kit.staffId('ds.head'), { leaderId: kit.staffId('head'), forLeader: true, people: 40 }],
      ['success', kit.staffId('reception'), { leaderId: kit.staffId('head'), forLeader: true, people: 40 }],
    ]);
    // The leader's own record says it is his.
    const own = await plan(
      'leader',
      { unitId: kit.unit('JA-DS'), place: '东山煤矿会议室', date: kit.beijingDate(0), topic: '本人' },
      'visit-plan-own',
    );
    const ownId = (own.json() as Visit).id;
    expect((await kit.http('leader', 'POST', `/api/grassroots-visits/${ownId}/held`, body)).statusCode).toBe(
      200,
    );
    const [ownEntry] = (await kit.audit(ownId)).filter((a) => a.action === 'visit.hold');
    expect(JSON.parse(ownEntry?.details ?? 'null')).toMatchObject({ forLeader: false });
  });

  it('is cancelled with its reason when it will not happen, leaving the counts; never once held', async () => {
    const planned = await plan(
      'reception',
      {
        leaderId: kit.staffId('head'),
        unitId: kit.unit('JA-DS-ZC'),
        place: '综采队会议室',
        date: kit.beijingDate(3),
        topic: '取消的下访',
      },
      'visit-plan-to-cancel',
    );
    expect(planned.statusCode, planned.body).toBe(201);
    const { id } = planned.json() as Visit;
    const before = (await list('reception')).planned;
    const cancel = (who: string, body: unknown = { reason: '领导临时有会，改期另行安排' }) =>
      kit.http(who, 'POST', `/api/grassroots-visits/${id}/cancel`, body);
    expectError(await cancel('reception', { reason: ' ' }), 400, 'VALIDATION_FAILED');
    // The mine may not call off the group leader's visit: it asks the office that planned it.
    expectError(await cancel('ds.reception'), 403, 'FORBIDDEN');
    const done = await cancel('reception');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'cancelled', cancelReason: '领导临时有会，改期另行安排' });
    const after = await list('reception');
    expect(after.planned).toBe(before - 1);
    expect(after.items.find((v) => v.id === id)?.status).toBe('cancelled');
    expectError(await cancel('reception'), 409, 'ALREADY_EXISTS');
    const held = { summary: '座谈', people: 3 };
    const late = await kit.http('reception', 'POST', `/api/grassroots-visits/${id}/held`, held);
    expect(expectError(late, 400, 'VALIDATION_FAILED').message).toBe('这次下访已经取消');
    // A held visit is a record of what the leader did: it is not cancelled.
    expectError(
      await kit.http('leader', 'POST', `/api/grassroots-visits/${visit.id}/cancel`, { reason: '误记' }),
      400,
      'VALIDATION_FAILED',
    );
    const entries = (await kit.audit(id)).filter((a) => a.action === 'visit.cancel');
    expect(entries.map((a) => [a.outcome, a.actor_id])).toEqual([
      ['denied', kit.staffId('ds.reception')],
      ['success', kit.staffId('reception')],
    ]);
  });
});
