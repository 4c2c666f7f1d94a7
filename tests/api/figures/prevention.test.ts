import { beijingDate } from '@xinfang/shared/clocks';
import { CONCLUDED_STATES } from '@xinfang/shared/figures';
import type { Figures } from '@xinfang/shared/schemas/figures';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import type { ScreeningItem } from '@xinfang/shared/schemas/screening';
import type { VisitList } from '@xinfang/shared/schemas/visits';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { PetitionKit, uniqueText } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

/**
 * The prevention work in the figures (issue 15): disputes found in screening, 包案 and 下访 of a
 * unit's subtree, built through the API in March 2026 at 东山煤矿 and 西河煤矿, must equal what the
 * screening, 包案 and 下访 lists give for the same units and days — 西河's outside 东山's figures,
 * and a dispute registered a minute before midnight on the 15th counted in the first half only.
 * A leader's reception day at 东山 on the 6th has one booking cancelled, one person who came, one
 * received (a visit registered), one who did not come, and one the desk never recorded.
 */
const WORKER = '13800000001';
/** Booked the reception day: came, received, did not come, never recorded, cancelled. */
const BOOKERS = ['13800000031', '13800000032', '13800000033', '13800000034', '13800000035'];
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const FIRST_HALF = { from: '2026-03-01', to: '2026-03-15' };
const SECOND_HALF = { from: '2026-03-16', to: '2026-03-31' };
type Period = typeof MARCH;

let kit: PetitionKit;
let visitId: string;
let sent = 0;
const post = async (who: string, url: string, body: unknown) => {
  sent += 1;
  const response = await kit.http(who, 'POST', url, body, { 'idempotency-key': `prevention-${sent}-key` });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
};
const item = (grade: string, deadline: string, unitId?: string) => ({
  subject: `${grade}级：${uniqueText(10)}`,
  involved: '部分职工',
  headcount: 5,
  grade,
  responsible: '吴磊',
  measures: '当面解释政策，限期核实。',
  deadline,
  ...(unitId ? { unitId } : {}),
});

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  const first = (await post('ds.liaison', '/api/screening/items', item('B', '2026-03-10'))) as ScreeningItem;
  await post('ds.head', '/api/screening/items', item('A', '2026-04-30', kit.unit('JA-DS-ZC-1')));
  await post('xh.head', '/api/screening/items', item('C', '2026-03-10'));

  // Two of 东山's cases and one of 西河's taken as 包案; the petitioner withdraws one of 东山's.
  const ds = [(await kit.submit(WORKER)).petition.id, (await kit.submit(WORKER)).petition.id];
  const xh = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XH-AQK') })).petition.id;
  for (const id of [...ds, xh]) await kit.act('leader', id, 'take_case', { plan: '本人包案，两周内约谈。' });
  await kit.act(WORKER, ds[0] as string, 'withdraw', { reason: '问题已解决' });

  const day = (await post('reception', '/api/reception-days', {
    leaderId: kit.staffId('ds.head'),
    date: '2026-03-06',
    place: '东山煤矿信访接待室',
    topics: '工资待遇',
    slots: [{ from: '09:00', to: '11:00', capacity: 5 }],
  })) as ReceptionDay;
  const bookings: string[] = [];
  for (const who of BOOKERS) {
    const booked = await post(who, `/api/reception-days/${day.id}/bookings`, {
      slot: 0,
      version: 1,
      topic: '反映取暖补贴',
    });
    bookings.push((booked as Booking).id);
  }
  await post(BOOKERS[4] as string, `/api/me/bookings/${bookings[4]}/cancel`, {});

  const visit = await post('leader', '/api/grassroots-visits', {
    unitId: kit.unit('JA-DS'),
    place: '东山煤矿会议室',
    date: '2026-03-05',
    topic: '取暖补贴发放',
  });
  visitId = visit.id;
  kit.setTime(bj('2026-03-05T11:00:00'));
  await post('leader', `/api/grassroots-visits/${visit.id}/held`, { summary: '座谈，听取意见。', people: 9 });
  // About the mine, so that its head sees (and its list counts) the case met there.
  const registered = (await post('reception', `/api/grassroots-visits/${visit.id}/cases`, {
    title: '综采一队取暖补贴未发放',
    content: uniqueText(60),
    kind: 'request',
    concernedUnitId: kit.unit('JA-DS'),
    categoryCode: 'wages',
    channel: 'visit',
    receivedAt: bj('2026-03-05T10:00:00'),
    petitioner: { realName: '张伟', phone: WORKER },
  })) as Submitted;
  expect(registered.petition.channel).toBe('visit');

  kit.setTime(bj('2026-03-06T10:30:00'));
  const desk = `/api/reception-days/${day.id}/bookings`;
  await post('reception', `${desk}/${bookings[0]}/attendance`, { attended: true });
  await post('reception', `${desk}/${bookings[1]}/visit`, kit.submission());
  await post('reception', `${desk}/${bookings[2]}/attendance`, { attended: false });

  kit.setTime(bj('2026-03-15T23:59:00'));
  await post('ds.head', '/api/screening/items', item('C', '2026-03-20', kit.unit('JA-DS-ZC-1')));
  kit.setTime(bj('2026-03-16T10:00:00'));
  await post('ds.head', `/api/screening/items/${first.id}/close`, { note: '补贴明细已核对，职工认可。' });
  // Read on March's last evening: the month is counted whole (a period reaching past today is
  // counted up to today), so its halves are compared day for day.
  kit.setTime(bj('2026-03-31T20:00:00'));
});
afterAll(() => kit?.close());

const prevention = async (who: string, period: Period, unitId?: string) => {
  const query = new URLSearchParams({ ...period, ...(unitId ? { unitId } : {}) });
  const response = await kit.http(who, 'GET', `/api/figures?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const figures = response.json() as Figures;
  return Object.fromEntries(figures.prevention.map((p) => [p.figure, p]));
};
const values = async (who: string, period: Period, unitId?: string) =>
  Object.fromEntries(Object.entries(await prevention(who, period, unitId)).map(([k, p]) => [k, p.value]));

/** The same figures counted from the lists a viewer of the subtree reads. */
async function fromLists(who: string, period: Period) {
  const within = (day: string | null) => day !== null && day >= period.from && day <= period.to;
  const items = (
    (await kit.http(who, 'GET', '/api/screening/items?status=all')).json() as { items: ScreeningItem[] }
  ).items;
  const registered = (grade: string) =>
    items.filter((i) => i.grade === grade && within(beijingDate(i.createdAt))).length;
  const owned = (
    (
      await kit.http(who, 'GET', `/api/registers/owned?leaderId=${kit.staffId('leader')}`)
    ).json() as OwnedCaseList
  ).items.filter((i) => within(beijingDate(i.takenAt)));
  // 已办结 as the `concluded` count has it: the case withdrawn is not one.
  const concluded = new Set<string>(CONCLUDED_STATES);
  const held = (
    (await kit.http(who, 'GET', '/api/grassroots-visits?status=all')).json() as VisitList
  ).items.filter((v) => v.status === 'held' && within(v.date));
  return {
    'screening.A': registered('A'),
    'screening.B': registered('B'),
    'screening.C': registered('C'),
    'screening.closed': items.filter((i) => within(i.closedAt && beijingDate(i.closedAt))).length,
    'screening.overdue': items.filter((i) => i.overdue).length,
    'owned.taken': owned.length,
    'owned.concluded': owned.filter((i) => concluded.has(i.case.state)).length,
    'visits.held': held.length,
    'visits.cases': held.reduce((sum, v) => sum + v.caseCount, 0),
  };
}

describe('the prevention figures', () => {
  it('equal what the screening, 包案 and 下访 lists give for the same subtree and period', async () => {
    const mine = await values('ds.head', MARCH);
    expect(mine).toMatchObject(await fromLists('ds.head', MARCH));
    expect(mine).toEqual({
      'screening.A': 1,
      'screening.B': 1,
      'screening.C': 1,
      'screening.closed': 1,
      'screening.overdue': 1,
      'owned.taken': 2,
      'owned.concluded': 0,
      'visits.held': 1,
      'visits.cases': 1,
      'reception.days': 1,
      'reception.booked': 4,
      'reception.came': 2,
      'reception.noShow': 1,
      'reception.unrecorded': 1,
      'reception.received': 1,
      'reception.cases': 1,
    });
    expect(await values('xh.head', MARCH)).toMatchObject(await fromLists('xh.head', MARCH));
  });

  it('leave out a unit outside the subtree, and count it for the unit above both', async () => {
    const xh = await values('xh.head', MARCH);
    expect(xh).toMatchObject({
      'screening.C': 1,
      'screening.overdue': 1,
      'owned.taken': 1,
      'visits.held': 0,
      'reception.days': 0,
      'reception.booked': 0,
    });
    const group = await values('supervisor', MARCH);
    const mine = await values('supervisor', MARCH, kit.unit('JA-DS'));
    for (const [figure, value] of Object.entries(group))
      expect(value, figure).toBe((mine[figure] ?? 0) + (xh[figure] ?? 0));
  });

  it('count a boundary day once, and give the first half as the second half’s 环比', async () => {
    const first = await prevention('ds.head', FIRST_HALF);
    const second = await prevention('ds.head', SECOND_HALF);
    const march = await values('ds.head', MARCH);
    expect([first['screening.C']?.value, second['screening.C']?.value]).toEqual([1, 0]);
    expect([first['screening.closed']?.value, second['screening.closed']?.value]).toEqual([0, 1]);
    for (const [figure, p] of Object.entries(second)) {
      if (figure === 'screening.overdue') {
        expect([p.value, p.previousYear, p.previousPeriod]).toEqual([1, null, null]);
        continue;
      }
      expect((first[figure]?.value ?? 0) + p.value, figure).toBe(march[figure]);
      expect(p.previousPeriod, figure).toBe(first[figure]?.value);
      expect(p.previousYear, figure).toBe(0);
    }
  });

  // Last: the accusation counts for the group's petition office, in neither mine (the sum above).
  it('never count an accusation for the accused unit, as its visit list does not (Art 30)', async () => {
    const mine = await values('ds.head', MARCH);
    const group = await values('supervisor', MARCH);
    await post('reception', `/api/grassroots-visits/${visitId}/cases`, {
      title: '检举东山煤矿截留取暖补贴',
      content: uniqueText(60),
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'other',
      channel: 'visit',
      receivedAt: bj('2026-03-05T10:30:00'),
      petitioner: { realName: '张伟', phone: WORKER },
    });
    const still = await values('ds.head', MARCH);
    expect(still).toEqual(mine);
    expect(still).toMatchObject(await fromLists('ds.head', MARCH));
    const after = await values('supervisor', MARCH);
    expect(after).toEqual({ ...group, 'visits.cases': (group['visits.cases'] ?? 0) + 1 });
    expect(after).toMatchObject(await fromLists('supervisor', MARCH));
  });
});
