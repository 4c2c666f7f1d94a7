import type { UnownedCase, UnownedCaseList } from '@xinfang/shared/schemas/registers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, toldAbout } from './notifications/support';
import { expectError, PetitionKit } from './petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 待包案 (Art 18): the open cases of a subtree that have no 包案领导 and should have one — a leader
 * handed it back, a deadline passed… — the most pressing first, each saying why; a leader takes
 * one with the case action `take_case`. And when the leader who hands a case back is himself the
 * head who would be told, the next head up is told instead (audit 34 D6): never nobody.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const unowned = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/registers/unowned${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as UnownedCaseList;
};
const ids = (list: UnownedCaseList) => list.items.map((item) => item.case.petitionId);
const accepted = async (fields: Record<string, unknown> = {}) => {
  const { petition } = await kit.submit(WORKER, { categoryCode: 'safety', ...fields });
  await kit.act('ds.reception', petition.id, 'accept');
  return petition.id;
};
const take = (who: string, id: string) => kit.act(who, id, 'take_case', { plan: '约谈当事人，两周内化解。' });
const release = (who: string, id: string, reason: string) => kit.act(who, id, 'release_case', { reason });

describe('待包案 (Art 18)', () => {
  it('lists a handed-back case with who, when and why; hides an owned one and another subtree’s', async () => {
    const handedBack = await accepted();
    await take('leader', handedBack);
    await release('leader', handedBack, '调任新岗位，不再分管安全生产');
    const retaken = await accepted();
    await take('leader', retaken);
    await release('leader', retaken, '另有安排');
    await take('ds.head', retaken);
    const elsewhere = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XH-AQK') })).petition.id;
    await take('leader', elsewhere);
    await release('leader', elsewhere, '改由西河煤矿包案');
    const fresh = await accepted();
    // Art 28: a leader recused from his case answers for it no more; another may take it.
    const recused = await accepted();
    await take('leader', recused);
    await kit.act('head', recused, 'recuse', { staffId: kit.staffId('leader'), reason: '与信访人是亲属' });

    const mine = await unowned('ds.head');
    expect(mine.items.find((item) => item.case.petitionId === handedBack)).toMatchObject({
      reasons: ['released'],
      released: {
        leader: { id: kit.staffId('leader'), name: '陈国栋（包案领导）' },
        at: expect.stringMatching(/^2026-03-02T01:00/),
        reason: '调任新岗位，不再分管安全生产',
      },
      formerLeader: null,
    } satisfies Partial<UnownedCase>);
    expect(mine.items.find((item) => item.case.petitionId === recused)).toMatchObject({
      reasons: ['leader_left'],
      released: null,
      formerLeader: { id: kit.staffId('leader') },
    });
    expect(ids(mine)).not.toContain(retaken);
    expect(ids(mine)).not.toContain(elsewhere);
    // Nothing asks a leader of a fresh case its unit handles within its limits.
    expect(ids(mine)).not.toContain(fresh);
    expect(ids(await unowned('xh.head'))).toEqual([elsewhere]);
    expect(ids(await unowned('head'))).toEqual(expect.arrayContaining([handedBack, elsewhere]));

    // Past its deadline the fresh case needs a leader too, after the handed-back one.
    kit.setTime(bj('2026-06-01T09:00:00'));
    const later = await unowned('ds.head');
    expect(later.items.find((item) => item.case.petitionId === fresh)?.reasons).toEqual(['overdue']);
    expect(ids(later).indexOf(handedBack)).toBeLessThan(ids(later).indexOf(fresh));
    // A page at a time.
    const first = await unowned('ds.head', '?limit=1');
    expect(ids(first)).toEqual([ids(later)[0]]);
    expect(ids(await unowned('ds.head', `?limit=1&cursor=${first.nextCursor}`))).toEqual([ids(later)[1]]);

    // A leader takes one from the register through the case's own action; it leaves the register.
    await take('ds.head', handedBack);
    expect(ids(await unowned('ds.head'))).not.toContain(handedBack);

    expectError(await kit.http('ds.handler', 'GET', '/api/registers/unowned'), 403, 'FORBIDDEN');
    const across = `/api/registers/unowned?unitId=${kit.unit('JA-DS')}`;
    expectError(await kit.http('xh.head', 'GET', across), 403, 'FORBIDDEN');
  });

  it('goes on where the last page ended: a case taken or handed back between pages skips or repeats none', async () => {
    // Handed back in this order, they stand in it among the rest (one reason each, same day).
    const cases: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const id = await accepted();
      await take('leader', id);
      if (i > 0) await release('leader', id, '工作调整');
      cases.push(id);
    }
    const [held, a, b, c, d] = cases as [string, string, string, string, string];
    const page = async (limit: number, cursor: string | null) =>
      unowned('ds.head', `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const before = ids(await unowned('ds.head', '?limit=100'));
    expect(before.indexOf(a)).toBeLessThan(before.indexOf(b));

    const first = await page(before.indexOf(b) + 1, null);
    expect(ids(first).at(-1)).toBe(b);
    // One before the page's end leaves the register: the next page still starts right after it.
    await take('ds.head', a);
    const second = await page(1, first.nextCursor);
    expect(ids(second)).toEqual([c]);
    // Two before it come in (handed back): the next page neither goes back nor repeats.
    await release('ds.head', a, '另有安排');
    await release('leader', held, '工作调整');
    const now = ids(await unowned('ds.head', '?limit=100'));
    expect(now.indexOf(held)).toBeLessThan(now.indexOf(c));
    expect(ids(await page(1, second.nextCursor))).toEqual([d]);

    expectError(
      await kit.http('ds.head', 'GET', '/api/registers/unowned?cursor=50'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('tells the next head up when the head who would be told is the leader who released it', async () => {
    const id = await accepted();
    await take('ds.head', id);
    await release('ds.head', id, '本人将外出学习三个月');
    // The mine's head released it: the group's head arranges another leader, not he himself.
    expect((await toldAbout(kit, id)).case_released).toEqual([kit.staffId('head')]);
    expect(
      (await unowned('head')).items.find((item) => item.case.petitionId === id)?.released?.leader,
    ).toEqual({ id: kit.staffId('ds.head'), name: expect.any(String) });
  });
});
