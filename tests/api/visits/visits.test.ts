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

const list = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/grassroots-visits${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as VisitList;
};

describe('下访', () => {
  it('is planned by a leader above the unit visited, on a day to come', async () => {
    const body = {
      unitId: kit.unit('JA-DS'),
      place: '东山煤矿综采一队会议室',
      date: '2026-03-05',
      topic: '冬季取暖补贴发放',
    };
    expectError(await kit.http('ds.handler', 'POST', '/api/grassroots-visits', body), 403, 'FORBIDDEN');
    expectError(
      await kit.http('leader', 'POST', '/api/grassroots-visits', { ...body, date: '2026-03-01' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('reception', 'POST', '/api/grassroots-visits', {
        ...body,
        leaderId: kit.staffId('ds.handler'),
      }),
      400,
      'VALIDATION_FAILED',
    );
    const planned = await kit.http('leader', 'POST', '/api/grassroots-visits', body);
    expect(planned.statusCode, planned.body).toBe(201);
    visit = planned.json() as Visit;
    expect(visit).toMatchObject({ status: 'planned', leader: { id: kit.staffId('leader') }, caseCount: 0 });
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
    const { items, held: heldCount, cases: caseCount } = await list('ds.head', '?status=all');
    expect([heldCount, caseCount]).toEqual([1, 1]);
    // The mine counts the case but cannot open it until it is routed there.
    expect(items[0]).toMatchObject({ status: 'held', people: 12, caseCount: 1, cases: [] });
    expect((await list('reception', '?status=held')).items[0]?.cases).toEqual([
      { id: registered.id, number: registered.number, title: registered.title },
    ]);
    const audit = await kit.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'visit.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['visit.hold', 'visit.plan']);
  });
});
