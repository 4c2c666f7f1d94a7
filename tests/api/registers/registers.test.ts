import { createHash } from 'node:crypto';
import type {
  Backlog,
  OwnedCaseList,
  PersonHistory,
  RepeatRegister,
} from '@xinfang/shared/schemas/registers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * The registers: 积案 (past a deadline, open too long, or appealed) with a resolution plan per case,
 * and 重信重访 (one person's petitions linked as one matter, more than N in a period) — a register
 * of matters, not of people: no risk flag, the accuser's name kept from the accused's line (Art 30).
 */
const WORKER = '13800000001';
const MATTER = (n: number) => ({
  title: `第${n}次反映综采一队拖欠冬季取暖补贴`,
  content: `综采一队2025年冬季的取暖补贴至今没有发放，队里说要等矿上统一安排，已经拖了${n + 3}个月，请求尽快发放。`,
});

let kit: PetitionKit;
let overdue = '';
let fresh = '';
const repeats: string[] = [];

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  overdue = (await kit.submit(WORKER)).petition.id;
  for (let n = 1; n <= 3; n += 1) {
    repeats.push(
      (await kit.submit(WORKER, { ...MATTER(n), concernedUnitId: kit.unit('JA-DS-ZC-1') })).petition.id,
    );
    kit.tick({ days: 3 });
  }
  kit.setTime(bj('2026-03-20T09:00:00')); // the first petition's triage (due 17 March) has passed
  fresh = (await kit.submit(WORKER)).petition.id;
});
afterAll(() => kit?.close());

const backlog = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/registers/backlog${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Backlog;
};

describe('积案', () => {
  it('lists the case past its triage deadline, not the fresh one, for the mine and the group', async () => {
    const items = (await backlog('ds.head')).items;
    expect(items.find((i) => i.case.petitionId === overdue)?.reasons).toEqual(['overdue']);
    expect(items.find((i) => i.case.petitionId === fresh)).toBeUndefined();
    expect((await backlog('supervisor')).items.map((i) => i.case.petitionId)).toContain(overdue);
    expect((await backlog('xh.head')).items.map((i) => i.case.petitionId)).not.toContain(overdue);
    expectError(await kit.http('ds.handler', 'GET', '/api/registers/backlog'), 403, 'FORBIDDEN');
    expectError(
      await kit.http('xh.head', 'GET', `/api/registers/backlog?unitId=${kit.unit('JA-DS')}`),
      403,
      'FORBIDDEN',
    );
  });

  it('keeps a resolution plan per case, revised and audited', async () => {
    const url = `/api/registers/plans/${overdue}`;
    expectError(await kit.http('ds.head', 'PUT', url, { plan: '   ' }), 400, 'VALIDATION_FAILED');
    expect((await kit.http('ds.head', 'PUT', url, { plan: '三月底前约谈，核实后答复。' })).statusCode).toBe(
      204,
    );
    expect((await kit.http('ds.head', 'PUT', url, { plan: '四月十日前补发并回访。' })).statusCode).toBe(204);
    const item = (await backlog('ds.head')).items.find((i) => i.case.petitionId === overdue);
    expect(item?.plan).toMatchObject({
      plan: '四月十日前补发并回访。',
      updatedBy: { id: kit.staffId('ds.head') },
    });
    // The row keeps the latest plan; the audit log keeps each revision: whose plan it replaced,
    // when, and digests of both texts (a plan may name people: its words stay out of the log).
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    const revisions = (await kit.audit(overdue))
      .filter((a) => a.action === 'register.plan')
      .map((a) => JSON.parse(a.details ?? 'null') as Record<string, unknown>);
    expect(revisions).toEqual([
      {
        replacedBy: null,
        replacedAt: null,
        replacedSha256: null,
        sha256: digest('三月底前约谈，核实后答复。'),
      },
      {
        replacedBy: kit.staffId('ds.head'),
        replacedAt: expect.any(String),
        replacedSha256: digest('三月底前约谈，核实后答复。'),
        sha256: digest('四月十日前补发并回访。'),
      },
    ]);
    expectError(await kit.http('xh.head', 'PUT', url, { plan: '越权' }), 404, 'NOT_FOUND');
  });

  it('an open case older than 90 days is backlog even inside its limits', async () => {
    await kit.act('ds.reception', fresh, 'accept');
    kit.setTime(bj('2026-06-20T09:00:00'));
    const item = (await backlog('ds.head')).items.find((i) => i.case.petitionId === fresh);
    expect(item?.reasons).toContain('long_open');
    expect(item?.ageDays).toBe(92);
  });
});

describe('重信重访', () => {
  const register = async (who: string, query = '') => {
    const response = await kit.http(who, 'GET', `/api/registers/repeat-petitioners${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as RepeatRegister;
  };

  it('groups one person’s linked petitions on one matter, more than two in a year', async () => {
    const { items, moreThan, periodDays } = await register('ds.head');
    expect([moreThan, periodDays]).toEqual([2, 365]);
    const matter = items.find((m) => m.cases.some((c) => c.petitionId === repeats[0]));
    expect(matter?.cases.map((c) => c.petitionId)).toEqual(repeats);
    // Masked as on the person's history: the petition's detail reveals the name, audited.
    expect(matter).toMatchObject({ count: 3, petitionerName: '张*', open: true });
    // Nothing in it that marks the person: the matter, its cases and its plan only.
    expect(Object.keys(matter ?? {}).sort()).toEqual(
      ['cases', 'count', 'firstAt', 'lastAt', 'open', 'petitionerId', 'petitionerName', 'plan'].sort(),
    );
    expect((await register('ds.head', '?moreThan=3')).items).toEqual([]);
    expect((await register('ds.head', '?periodDays=30')).items).toEqual([]);
    expect((await register('xh.head')).items).toEqual([]);
    expectError(
      await kit.http('ds.head', 'GET', '/api/registers/repeat-petitioners?moreThan=0'),
      400,
      'VALIDATION_FAILED',
    );
    const reads = await kit.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'register.repeat_petitioners.read')
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(4);
  });

  it('Art 30: an accusation repeated against a mine is not in that mine’s register, only above it', async () => {
    const accusations: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      const accusation = { ...MATTER(n), title: `检举东山煤矿截留取暖补贴（第${n}次）`, kind: 'accusation' };
      accusations.push(
        (
          await kit.submit(WORKER, {
            ...accusation,
            concernedUnitId: kit.unit('JA-DS'),
            categoryCode: 'other',
          })
        ).petition.id,
      );
      kit.tick({ hours: 5 });
    }
    const mine = (await register('ds.head')).items.flatMap((m) => m.cases.map((c) => c.petitionId));
    expect(mine.filter((id) => accusations.includes(id))).toEqual([]);
    const group = (await register('supervisor')).items.find((m) =>
      m.cases.some((c) => c.petitionId === accusations[0]),
    );
    expect(group?.count).toBe(3);
    expect(group?.petitionerName).toBe('张*');
  });

  it('groups one matter brought online and at the desk, as the repeat figure counts it', async () => {
    const phone = '13800000055';
    const matter = (n: number) => ({
      title: `第${n}次反映机电队井下津贴少发`,
      content: `机电队今年一月到三月的井下津贴每月少发两百元，问了队里${n}次都说是按新办法算的，请求核实后补发。`,
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
    });
    const ids: string[] = [];
    for (let n = 1; n <= 2; n += 1) {
      ids.push((await kit.submit(phone, matter(n))).petition.id);
      kit.tick({ days: 1 });
    }
    // Each desk registration makes a petitioner record of its own, even with the same phone.
    for (let n = 3; n <= 4; n += 1) {
      const at = matter(n);
      ids.push(
        (await kit.register('ds.reception', { ...at, petitioner: { realName: '周明', phone } })).petition.id,
      );
      kit.tick({ days: 1 });
    }
    const found = (await register('ds.head')).items.find((m) => m.cases.some((c) => c.petitionId === ids[0]));
    expect(found?.cases.map((c) => c.petitionId)).toEqual(ids);
    expect(found).toMatchObject({ count: 4, petitionerName: '周*' });
    // The register and the figure agree: every petition of the matter but the first is a repeat.
    const repeatFacts = await kit.app.db
      .selectFrom('figure_fact')
      .select('petition_id')
      .where('metric', '=', 'repeat')
      .where('petition_id', 'in', ids)
      .execute();
    expect(repeatFacts.map((f) => f.petition_id).sort()).toEqual(ids.slice(1).sort());
    // The person's history has all four, found by the phone's hash.
    const history = await kit.http(
      'ds.head',
      'GET',
      `/api/registers/petitioners/${found?.petitionerId}/history`,
    );
    expect(history.statusCode, history.body).toBe(200);
    expect((history.json() as PersonHistory).cases.map((c) => c.case.petitionId)).toEqual(ids);
  });

  it('groups a desk-only visitor’s registrations linked by hand, and his history follows the links', async () => {
    const registerOne = async (n: number, phone: string) =>
      (
        await kit.register('ds.reception', {
          title: `第${n}次反映掘进二队加班费没有发`,
          content: `掘进二队去年十月到十二月的加班费一直没有发，找了队长${n}次都说等等，请求矿上尽快解决。`,
          concernedUnitId: kit.unit('JA-DS-ZC-1'),
          petitioner: { realName: '王老汉', phone },
        })
      ).petition.id;
    const ids: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      ids.push(await registerOne(n, '13800000099'));
      kit.tick({ days: 1 });
    }
    // A letter written with his son's phone: only the link staff make, with why, says it is his.
    ids.push(await registerOne(4, '13800000098'));
    for (const other of ids.slice(0, 3)) {
      const linked = await kit.http('ds.head', 'POST', `/api/petitions/${ids[3]}/links`, {
        petitionId: other,
        reason: '用儿子的手机写的信，本人来访时认了',
      });
      expect(linked.statusCode, linked.body).toBe(200);
    }
    const found = (await register('ds.head')).items.find((m) => m.cases.some((c) => c.petitionId === ids[0]));
    expect(found?.cases.map((c) => c.petitionId)).toEqual(ids);
    expect(found?.petitionerName).toBe('王*汉');
    const history = await kit.http(
      'ds.head',
      'GET',
      `/api/registers/petitioners/${found?.petitionerId}/history`,
    );
    expect(history.statusCode, history.body).toBe(200);
    const cases = (history.json() as PersonHistory).cases;
    expect(cases.map((c) => c.case.petitionId)).toEqual(ids);
    expect(cases.at(-1)?.linkedTo.sort()).toEqual(ids.slice(0, 3).sort());
  });
});

describe('包案 (Art 18)', () => {
  it('a leader takes a backlog case with a plan: his list, the backlog and the case show him; one leader at a time', async () => {
    const plan = '本人包案：两周内约谈信访人，核实后书面答复。';
    await kit.refused('ds.handler', overdue, 'take_case', { plan }, 'auth.role_not_permitted');
    const taken = await kit.act('leader', overdue, 'take_case', { plan });
    expect(taken.responsibleLeader).toEqual({ id: kit.staffId('leader'), name: '陈国栋（包案领导）' });
    await kit.refused('ds.head', overdue, 'take_case', { plan: '我来' }, 'ownership.taken');

    const mine = await kit.http('leader', 'GET', '/api/registers/owned');
    expect(mine.statusCode, mine.body).toBe(200);
    const list = mine.json() as OwnedCaseList;
    expect(list.items.map((i) => i.case.petitionId)).toEqual([overdue]);
    expect(list.items[0]).toMatchObject({
      plan: { plan },
      leader: { id: kit.staffId('leader') },
      overdue: true,
    });
    expect([list.open, list.closed]).toEqual([1, 0]);
    // The mine's head sees the leader's list of the cases in his reach; 西河 sees none of them.
    const leaderId = kit.staffId('leader');
    const fromMine = await kit.http('ds.head', 'GET', `/api/registers/owned?leaderId=${leaderId}`);
    expect((fromMine.json() as OwnedCaseList).items).toHaveLength(1);
    const fromXh = await kit.http('xh.head', 'GET', `/api/registers/owned?leaderId=${leaderId}`);
    expect((fromXh.json() as OwnedCaseList).items).toEqual([]);
    expectError(await kit.http('ds.handler', 'GET', '/api/registers/owned'), 403, 'FORBIDDEN');

    const item = (await backlog('ds.head')).items.find((i) => i.case.petitionId === overdue);
    expect(item?.responsibleLeader).toEqual({ id: leaderId, name: '陈国栋（包案领导）' });
    expect(item?.plan?.plan).toBe(plan);
    expect((await kit.detail('ds.head', fresh)).responsibleLeader).toBeUndefined();
  });
});

describe('a repeat petitioner’s history', () => {
  it('shows the person’s cases on one page, masked and audited, without what the viewer may not see', async () => {
    const matter = (
      await kit.http('supervisor', 'GET', '/api/registers/repeat-petitioners')
    ).json() as RepeatRegister;
    const personId = matter.items.find((m) => m.cases.some((c) => c.petitionId === repeats[0]))?.petitionerId;
    expect(personId).toBeTruthy();
    const url = `/api/registers/petitioners/${personId}/history`;

    const group = (await kit.http('supervisor', 'GET', url)).json() as PersonHistory;
    expect(group.maskedName).toBe('张*');
    expect(group.cases.map((c) => c.case.petitionId)).toEqual(expect.arrayContaining([overdue, ...repeats]));
    expect(group.cases.find((c) => c.case.petitionId === overdue)?.responsibleLeader?.id).toBe(
      kit.staffId('leader'),
    );
    expect(group.cases.find((c) => c.case.petitionId === repeats[1])?.linkedTo.length).toBeGreaterThan(0);
    // No label, no score: the cases and what is being done about them.
    expect(Object.keys(group).sort()).toEqual(['cases', 'maskedName', 'petitionerId']);

    // The accused mine: the accusations are neither listed nor counted (Art 30).
    const mine = (await kit.http('ds.head', 'GET', url)).json() as PersonHistory;
    expect(Object.keys(mine).sort()).toEqual(['cases', 'maskedName', 'petitionerId']);
    expect(mine.cases.length).toBeGreaterThan(0);
    expect(mine.cases.every((c) => c.case.kind !== 'accusation')).toBe(true);
    expectError(await kit.http('xh.head', 'GET', url), 404, 'NOT_FOUND');
    expectError(await kit.http('ds.handler', 'GET', url), 403, 'FORBIDDEN');
    const reads = await kit.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'register.person_history.read')
      .where('target_id', '=', personId ?? '')
      .execute();
    expect(reads).toHaveLength(2);
  });

  it('Art 30: the accused mine’s answer does not change when the person accuses it', async () => {
    const accuser = '13700000030';
    const request = (await kit.submit(accuser)).petition.id;
    const url = `/api/registers/petitioners/${await kit.petitionerId(accuser)}/history`;
    const read = async () => {
      const response = await kit.http('ds.head', 'GET', url);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as PersonHistory;
    };
    const before = await read();
    expect(before.cases.map((c) => c.case.petitionId)).toEqual([request]);
    const accusation = (
      await kit.submit(accuser, {
        kind: 'accusation',
        concernedUnitId: kit.unit('JA-DS'),
        categoryCode: 'other',
        title: '检举东山煤矿领导违规发放津贴',
      })
    ).petition.id;
    expect(await read()).toEqual(before);
    // Above the mine the accusation is in the person's history.
    const group = (await kit.http('supervisor', 'GET', url)).json() as PersonHistory;
    expect(group.cases.map((c) => c.case.petitionId)).toEqual([request, accusation]);
  });
});
