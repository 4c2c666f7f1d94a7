import type { StaffHoldings } from '@xinfang/shared/schemas/admin';
import type { HandOverPlan, HandOverResult } from '@xinfang/shared/schemas/hand-over';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, messageCentre, toldAbout } from './notifications/support';
import { expectError, PetitionKit } from './petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 一键移交 (Art 24): the mine's head hands every open case a 承办人 of its safety department
 * answers for to one successor, in one request — all or nothing, each case a change of 承办人
 * through the write path, the person and the successor told, a retry never handing over twice.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
const cases: { id: string; number: string }[] = [];
/** A case of 张's under objection: no head may change its 承办人 until the desk decides (Art 23). */
let objected: { id: string; number: string };

const assignToZhang = async (objects = false) => {
  const { petition } = await kit.submit(WORKER);
  await kit.act('ds.reception', petition.id, 'assign', {
    unit: kit.unit('JA-DS-AQK'),
    reportBackBy: '2026-04-30',
  });
  if (objects) {
    await kit.act('ds.head', petition.id, 'set_handler', { staffId: kit.staffId('aqk.zhang') });
    await kit.act('ds.handler', petition.id, 'object', { reasons: '不属于安全科职责。' });
  } else {
    await kit.act('ds.handler', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'set_handler', { staffId: kit.staffId('aqk.zhang') });
  }
  return { id: petition.id, number: petition.number };
};

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  for (const name of ['aqk.zhang', 'aqk.wang', 'aqk.li'])
    await kit.createStaff(name, 'JA-DS-AQK', ['handler']);
  for (let i = 0; i < 2; i += 1) cases.push(await assignToZhang());
  objected = await assignToZhang(true);
  // 李 has a direct interest in the second case (Art 28): he may take the first, not both.
  await kit.act('ds.head', cases[1]?.id as string, 'recuse', {
    staffId: kit.staffId('aqk.li'),
    reason: '近亲属',
  });
});
afterAll(() => kit?.close());

const url = (name = 'aqk.zhang') => `/api/staff/${kit.staffId(name)}/hand-over`;
const planOf = async (name = 'aqk.zhang') =>
  (await kit.http('ds.head', 'GET', url(name))).json() as HandOverPlan;
const handOver = async (who: string, successor: string, key: string, planVersion?: string) =>
  kit.http(
    who,
    'POST',
    url(),
    {
      successorId: kit.staffId(successor),
      reason: '张工调往机电科',
      planVersion: planVersion ?? (await planOf()).planVersion,
    },
    { 'idempotency-key': key },
  );
const handlers = async () =>
  Promise.all(cases.map(async ({ id }) => (await kit.detail('ds.head', id)).handler?.id));

describe('一键移交 of a 承办人’s cases', () => {
  it('is offered and done only by a head whose subtree holds the person’s unit', async () => {
    for (const who of ['xh.head', 'aqk.wang']) {
      expectError(await kit.http(who, 'GET', url()), 403, 'FORBIDDEN');
      expectError(await handOver(who, 'aqk.wang', `outside-${who}`), 403, 'FORBIDDEN');
    }
    expect(await handlers()).toEqual([kit.staffId('aqk.zhang'), kit.staffId('aqk.zhang')]);
  });

  it('offers only those who may take every case, and refuses all when one case may not go', async () => {
    const plan = await planOf();
    expect(plan.cases).toEqual({
      total: 2,
      petitions: cases.map(({ number }) => ({ number, state: 'handling' })),
    });
    // The case under objection stays out, named with why; it blocks no successor for the rest.
    expect(plan.blocked).toEqual([
      { number: objected.number, state: 'objected', why: expect.stringContaining('异议') },
    ]);
    // Not 张 himself, nor 李 (recused from the second), nor anyone outside the department.
    expect(plan.successors.map((s) => s.id)).toContain(kit.staffId('aqk.wang'));
    for (const name of ['aqk.zhang', 'aqk.li', 'xh.handler'])
      expect(plan.successors.map((s) => s.id)).not.toContain(kit.staffId(name));

    const recused = expectError(
      await handOver('ds.head', 'aqk.li', 'hand-over-li'),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(recused.details).toMatchObject({
      rule: 'handler.recused',
      article: 'Art 28',
      param: 'successorId',
    });
    expect(recused.message).toContain(`1 件信访事项不能交给所选人员承办，全部未移交`);
    expect(recused.message).toContain(`信访事项 ${cases[1]?.number}`);
    expect(recused.message).not.toContain(cases[0]?.number as string);
    const outside = expectError(
      await handOver('ds.head', 'xh.handler', 'hand-over-xh'),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(outside.details).toMatchObject({ rule: 'handler.not_in_unit', article: 'Art 24' });
    expect(outside.message).toContain(`信访事项 ${cases[0]?.number}、${cases[1]?.number}`);
    // Nothing moved, nobody told, nothing written.
    expect(await handlers()).toEqual([kit.staffId('aqk.zhang'), kit.staffId('aqk.zhang')]);
    for (const { id } of cases) {
      expect((await toldAbout(kit, id)).case_handed_over).toBeUndefined();
      expect((await kit.audit(id)).filter((a) => a.action === 'petition.hand_over')).toEqual([]);
    }
  });

  it('moves only the cases the head saw: anything new since refuses it, nothing moved', async () => {
    const seen = await planOf();
    const late = await assignToZhang();
    const stale = expectError(
      await handOver('ds.head', 'aqk.wang', 'hand-over-stale', seen.planVersion),
      409,
      'VERSION_CONFLICT',
    );
    expect(stale.message).toBe('又有新的变化，请再看一下');
    expect((await kit.detail('ds.head', late.id)).handler?.id).toBe(kit.staffId('aqk.zhang'));
    expect((await kit.audit(late.id)).filter((a) => a.action === 'petition.hand_over')).toEqual([]);
    // Read again, it is on the plan, and goes with the others (next test).
    expect((await planOf()).cases.petitions.map((p) => p.number)).toContain(late.number);
    cases.push(late);
  });

  it('moves every case to the successor once, tells both, and frees the person to move', async () => {
    const { planVersion } = await planOf();
    const first = await handOver('ds.head', 'aqk.wang', 'hand-over-wang', planVersion);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      successor: { id: kit.staffId('aqk.wang') },
      cases: { total: cases.length },
    } satisfies Partial<Record<keyof HandOverResult, unknown>>);
    // A retry sends what the first sent (its plan's version too): answered, not done again.
    const again = await handOver('ds.head', 'aqk.wang', 'hand-over-wang', planVersion);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());

    expect(await handlers()).toEqual(cases.map(() => kit.staffId('aqk.wang')));
    expect((await kit.detail('ds.head', objected.id)).handler?.id).toBe(kit.staffId('aqk.zhang'));
    for (const { id, number } of cases) {
      const entries = (await kit.audit(id)).filter((a) => a.action === 'petition.hand_over');
      expect(entries).toHaveLength(1);
      expect(JSON.parse(entries[0]?.details ?? '{}')).toMatchObject({
        fromStaffId: kit.staffId('aqk.zhang'),
        toStaffId: kit.staffId('aqk.wang'),
        reason: '张工调往机电科',
      });
      const told = await toldAbout(kit, id);
      expect(told.case_handed_over).toEqual([kit.staffId('aqk.zhang')]);
      expect(told.handler_named).toContain(kit.staffId('aqk.wang'));
      const timeline = (await kit.detail('ds.head', id)).timeline.filter((e) => e.type === 'handler_set');
      expect(timeline).toHaveLength(2);
      const notice = (await messageCentre(kit, 'aqk.zhang')).items.find(
        (n) => n.event === 'case_handed_over' && n.petitionId === id,
      );
      expect(notice?.body).toContain(`信访事项 ${number} 移交本单位其他同事承办`);
    }
    const staffEntry = (await kit.audit(kit.staffId('aqk.zhang'))).filter(
      (a) => a.action === 'staff.hand_over',
    );
    expect(staffEntry).toHaveLength(1);

    // Only the case under objection holds him, and the administrator is told what it waits for.
    const holdings = await kit.http('admin', 'GET', `/api/staff/${kit.staffId('aqk.zhang')}/holdings`);
    expect((holdings.json() as StaffHoldings).handling).toEqual({
      total: 1,
      petitions: [{ number: objected.number, state: 'objected' }],
    });
    const move = () =>
      kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('aqk.zhang')}`, { unitId: kit.unit('JA-DS-RLK') });
    const held = expectError(await move(), 409, 'IN_USE');
    expect(held.message).toContain('要等信访部门处理异议后才能改派');
    expect(held.message).not.toContain('一键移交');
    // Overruled, the case is the unit's again: the hand-over takes it, and he is free to move.
    await kit.act('ds.reception', objected.id, 'overrule_objection', { reasons: '属于安全科职责。' });
    const rest = await planOf();
    expect([rest.cases.total, rest.blocked]).toEqual([1, []]);
    const last = await handOver('ds.head', 'aqk.wang', 'hand-over-wang-2', rest.planVersion);
    expect(last.statusCode, last.body).toBe(200);
    const moved = await move();
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('hands over nothing for a person with nothing to move, and names nobody', async () => {
    // 李 answers for no case: neither a colleague nor someone outside his unit is taken or named.
    const plan = await planOf('aqk.li');
    expect([plan.cases.total, plan.blocked, plan.successors]).toEqual([0, [], []]);
    for (const successor of ['aqk.wang', 'xh.handler', 'admin']) {
      const answer = await kit.http(
        'ds.head',
        'POST',
        url('aqk.li'),
        { successorId: kit.staffId(successor), reason: '调岗', planVersion: plan.planVersion },
        { 'idempotency-key': `nothing-${successor}` },
      );
      const error = expectError(answer, 409, 'VERSION_CONFLICT');
      expect(error.message).toBe('他没有需要移交的事项');
      expect(answer.body).not.toMatch(/displayName|郑华|赵敏/);
    }
    expect((await kit.audit(kit.staffId('aqk.li'))).filter((a) => a.action === 'staff.hand_over')).toEqual(
      [],
    );
  });
});
