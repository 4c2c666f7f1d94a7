import type { Figures } from '@xinfang/shared/schemas/figures';
import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, messageCentre, toldAbout } from './notifications/support';
import { PetitionKit } from './petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Art 18: a 包案 is kept as the leader's stint, closed when he hands the case back (交出包案) or
 * another leader takes it over: a month's 包案 figures, once reported, do not change afterwards.
 * The case then has no leader, and the head of the unit holding it is told so, with the reason.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

describe('a released 包案 afterwards (audit 34 D2, D6)', () => {
  /** 东山's 包案 figures for a month, as the head of the mine reads them. */
  const owned = async (month: string) => {
    const to = month === '2026-03' ? '2026-03-31' : '2026-04-30';
    const response = await kit.http('ds.head', 'GET', `/api/figures?from=${month}-01&to=${to}`);
    expect(response.statusCode, response.body).toBe(200);
    const figures = (response.json() as Figures).prevention;
    return figures.filter((p) => p.figure.startsWith('owned.')).map((p) => [p.figure, p.value]);
  };

  it('keeps the month it was taken in counted, and tells the head that it has no leader', async () => {
    const { petition } = await kit.submit(WORKER, { categoryCode: 'safety' });
    const { id, number } = petition;
    await kit.act('ds.reception', id, 'accept');
    await kit.act('leader', id, 'take_case', { plan: '本人包案，两周内化解。' });
    kit.setTime(bj('2026-04-10T10:00:00'));
    const march = await owned('2026-03');
    expect(march).toContainEqual(['owned.taken', expect.any(Number)]);

    const reason = '调任新岗位，不再分管安全生产';
    await kit.act('leader', id, 'release_case', { reason });
    // A figure reported for March does not change afterwards.
    expect(await owned('2026-03')).toEqual(march);
    // The head of the mine holding it arranges another leader, with the reason; the leader who
    // released it is not told of his own step.
    expect((await toldAbout(kit, id)).case_released).toEqual([kit.staffId('ds.head')]);
    const notice = (await messageCentre(kit, 'ds.head')).items.find(
      (n) => n.event === 'case_released' && n.petitionId === id,
    );
    expect(notice?.body).toBe(`包案领导交出了信访事项 ${number} 的包案（理由：${reason}），请安排领导包案。`);

    // Taken again in April: April's stint, and March still has its own.
    await kit.act('ds.head', id, 'take_case', { plan: '矿长包案，一周内约谈。' });
    expect(await owned('2026-03')).toEqual(march);
    expect(await owned('2026-04')).toContainEqual(['owned.taken', 1]);
    const list = (await kit.http('ds.head', 'GET', '/api/registers/owned')).json() as OwnedCaseList;
    expect(list.items.find((item) => item.case.petitionId === id)?.takenAt).toMatch(/^2026-04-10T02:/);
  });
});
