import type { SupervisionNotice, SupervisionNoticeList } from '@xinfang/shared/schemas/supervision';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, toldAbout } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * A case's 督办单 where the supervised unit works (Art 40): listed on the case for everyone who
 * reads it, with what it asks, its 签收, answer and review, and the 签收 offered to those the API
 * lets sign; and an answer that always reaches someone of the issuing unit's line.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let id = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  // A supervisor of the mine, who supervises the section below it.
  await kit.createStaff('ds.super', 'JA-DS', ['supervisor']);
  // Online, so 东山煤矿's office holds it in triage.
  id = (await kit.submit(WORKER)).petition.id;
});
afterAll(() => kit?.close());

const notices = async (who: string): Promise<SupervisionNotice[]> => {
  const response = await kit.http(who, 'GET', `/api/supervision/notices/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as SupervisionNoticeList).items;
};
const issue = async (who: string, requirements: string) => {
  await kit.detail(who, id);
  const response = await kit.http(who, 'POST', '/api/supervision/notices', {
    petitionId: id,
    version: kit.versions.get(id),
    concern: 'delay',
    requirements,
    dueDate: '2026-04-30',
  });
  expect(response.statusCode, response.body).toBe(201);
};
const answer = async (who: string, no: number, text: string) => {
  await kit.detail(who, id); // as the case page reads the case before its action
  await kit.act(who, id, 'answer_supervision', { supervisionNo: no, answer: text });
};
const nameOf = async (username: string) =>
  (
    await kit.app.db
      .selectFrom('staff_account')
      .select('display_name')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).display_name;

describe('a case’s 督办单 on the case page', () => {
  it('are shown to the supervised office, which signs and answers there; outside the subtree, refused', async () => {
    await issue('supervisor', '请说明受理进度。');
    kit.setTime(bj('2026-03-04T10:00:00'));
    const [shown] = await notices('ds.reception');
    expect(shown).toMatchObject({
      no: 1,
      unit: { code: 'JA-DS' },
      issuingUnit: { id: kit.unit('JA') },
      requirements: '请说明受理进度。',
      status: 'open',
      answer: null,
      acknowledged: null,
      unacknowledgedDays: 2,
      mayAcknowledge: true,
      mayReview: false,
    });
    // The issuer reads it too, but does not sign for the unit it went to.
    expect((await notices('supervisor')).map((n) => n.mayAcknowledge)).toEqual([false]);
    expectError(await kit.http('xh.head', 'GET', `/api/supervision/notices/${id}`), 404, 'NOT_FOUND');

    const ack = await kit.http('ds.reception', 'POST', `/api/supervision/notices/${id}/1/ack`);
    expect(ack.statusCode, ack.body).toBe(200);
    const [signed] = await notices('ds.head');
    expect(signed?.acknowledged?.by).toBe(await nameOf('ds.reception'));
    expect([signed?.mayAcknowledge, signed?.unacknowledgedDays]).toEqual([false, null]);

    // The card's way to the answer: the numbers the case's `answer_supervision` offers.
    const offered = (await kit.detail('ds.reception', id)).allowedActions
      .find((a) => a.type === 'answer_supervision')
      ?.params.find((p) => p.name === 'supervisionNo');
    expect(offered).toMatchObject({ values: [1] });
    await answer('ds.reception', 1, '已受理，正在核实。');
    expect(await notices('ds.reception')).toMatchObject([
      { status: 'answered', answer: '已受理，正在核实。', mayAcknowledge: false, mayReview: false },
    ]);
    expect((await notices('supervisor')).map((n) => n.mayReview)).toEqual([true]);
  });

  it('the section handling it sees them all and signs only its own', async () => {
    await kit.detail('ds.reception', id);
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
    await kit.act('ds.handler', id, 'accept');
    await issue('ds.super', '请说明核查进度。');
    expect(
      (await notices('ds.handler')).map((n) => [n.no, n.unit.code, n.issuingUnit?.id, n.mayAcknowledge]),
    ).toEqual([
      [1, 'JA-DS', kit.unit('JA'), false],
      [2, 'JA-DS-AQK', kit.unit('JA-DS'), true],
    ]);
  });
});

describe('the answer to a 督办单 always reaches someone', () => {
  it('with no supervisor left, the issuing unit’s head; he recused, the next head up', async () => {
    await issue('ds.super', '请说明补发结果。');
    const left = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('ds.super')}`, {
      status: 'disabled',
    });
    expect(left.statusCode, left.body).toBe(200);
    const told = async () => (await toldAbout(kit, id)).supervision_answered ?? [];
    const before = await told();
    await answer('ds.handler', 2, '已核查完毕。');
    expect(await told()).toEqual([...before, kit.staffId('ds.head')].sort());

    // Art 28: the mine's head steps aside from the case; he may not be told of it, so the head
    // above the mine is — never nobody.
    await kit.detail('ds.head', id);
    await kit.act('ds.head', id, 'recuse', { staffId: kit.staffId('ds.head'), reason: '本人是当事人亲属' });
    await answer('ds.handler', 3, '已全部补发。');
    expect(await told()).toEqual([...before, kit.staffId('ds.head'), kit.staffId('head')].sort());
  });
});
