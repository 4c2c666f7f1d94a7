import type { MissingReports, ScreeningItem, ScreeningReport } from '@xinfang/shared/schemas/screening';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Risk screening (矛盾纠纷排查) and nil reports (零报告), with the server's clock moved: units
 * register graded disputes and report every week — items or "nothing to report"; a liaison officer
 * sees only his own; the office sees who has not reported, and who reported after the week's last
 * working day (the week of 28 September 2026 ends on Wednesday 30th: National Day follows).
 */
let kit: PetitionKit;
const ITEM = {
  subject: '综采一队因夜班补贴核算方式调整有意见',
  involved: '综采一队部分夜班职工',
  headcount: 12,
  grade: 'B',
  responsible: '吴磊',
  measures: '队长当面解释核算办法，人力资源科下周一前核对补贴明细。',
  deadline: '2026-10-16',
};
let sent = 0;
const post = (who: string, url: string, body: unknown) => {
  sent += 1;
  return kit.http(who, 'POST', url, body, { 'idempotency-key': `screening-${sent}-key` });
};

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-09-28T09:00:00') }); // Monday of 2026-W40
});
afterAll(() => kit?.close());

const missing = async (who: string, period: string, unit = '') => {
  const response = await kit.http(who, 'GET', `/api/screening/reports/missing?period=${period}${unit}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MissingReports;
};

describe('items', () => {
  it('a liaison officer registers a graded dispute, once however often the phone retries', async () => {
    expectError(
      await post('ds.liaison', '/api/screening/items', { ...ITEM, grade: 'D' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await post('ds.liaison', '/api/screening/items', { ...ITEM, deadline: '2026-09-01' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await post('ds.liaison', '/api/screening/items', { ...ITEM, deadline: '2026-11-31' }),
      400,
      'VALIDATION_FAILED',
    );
    const headers = { 'idempotency-key': 'screening-retry-0001' };
    const first = await kit.http('ds.liaison', 'POST', '/api/screening/items', ITEM, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await kit.http('ds.liaison', 'POST', '/api/screening/items', ITEM, headers);
    expect(again.json()).toEqual(first.json());
    const item = first.json() as ScreeningItem;
    expect(item).toMatchObject({
      period: '2026-W40',
      grade: 'B',
      status: 'open',
      unit: { code: 'JA-DS-ZC-1' },
    });
    expect((await kit.audit(item.id)).map((a) => a.action)).toEqual(['screening.register']);
  });

  it('the liaison officer sees only what he registered; the mine sees its subtree; another mine nothing', async () => {
    const byHead = await post('ds.head', '/api/screening/items', {
      ...ITEM,
      unitId: kit.unit('JA-DS-ZC-1'),
      grade: 'A',
    });
    expect(byHead.statusCode, byHead.body).toBe(201);
    const list = async (who: string) =>
      ((await kit.http(who, 'GET', '/api/screening/items')).json() as { items: ScreeningItem[] }).items;
    expect((await list('ds.liaison')).map((i) => i.grade)).toEqual(['B']);
    expect((await list('ds.head')).map((i) => i.grade)).toEqual(['A', 'B']);
    expect(await list('xh.head')).toEqual([]);
    expectError(await kit.http('ds.handler', 'GET', '/api/screening/items'), 403, 'FORBIDDEN');
    expectError(
      await post('xh.head', '/api/screening/items', { ...ITEM, unitId: kit.unit('JA-DS-ZC-1') }),
      403,
      'FORBIDDEN',
    );
  });

  it('an item past its deadline shows overdue until it is closed, once', async () => {
    const items = (
      (await kit.http('ds.head', 'GET', '/api/screening/items')).json() as { items: ScreeningItem[] }
    ).items;
    kit.setTime(bj('2026-10-19T09:00:00'));
    const later = (
      (await kit.http('ds.head', 'GET', '/api/screening/items')).json() as { items: ScreeningItem[] }
    ).items;
    expect(later.map((i) => i.overdue)).toEqual([true, true]);
    const id = items[0]?.id as string;
    const closed = await kit.http('ds.head', 'POST', `/api/screening/items/${id}/close`, {
      note: '已补发并解释清楚。',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      overdue: false,
      closingNote: '已补发并解释清楚。',
    });
    expectError(
      await kit.http('ds.head', 'POST', `/api/screening/items/${id}/close`, { note: '再次' }),
      409,
      'ALREADY_EXISTS',
    );
    // The unit's head or the office closes an item, not the liaison officer who found it.
    expectError(
      await kit.http('ds.liaison', 'POST', `/api/screening/items/${id}/close`, { note: '不是他的' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await kit.http('xh.head', 'POST', `/api/screening/items/${id}/close`, { note: '别人的' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('weekly reports', () => {
  it('who owes W40: every unit with a liaison officer or a head, until it reports', async () => {
    const before = await missing('supervisor', '2026-W40');
    expect(before).toMatchObject({ period: '2026-W40', dueDate: '2026-09-30', pastDue: true, reported: 0 });
    expect(before.missing.map((u) => u.code)).toEqual(['JA', 'JA-DS', 'JA-DS-ZC-1', 'JA-XH']);
    expect((await missing('ds.head', '2026-W40')).missing.map((u) => u.code)).toEqual([
      'JA-DS',
      'JA-DS-ZC-1',
    ]);
    expectError(
      await kit.http('ds.liaison', 'GET', '/api/screening/reports/missing?period=2026-W40'),
      403,
      'FORBIDDEN',
    );
    expectError(
      await kit.http('supervisor', 'GET', '/api/screening/reports/missing?period=2026-W54'),
      400,
      'VALIDATION_FAILED',
    );
    // Years the calendar does not hold: year 999's week had no 4 January to count from (a 500).
    for (const period of ['0999-W01', '0000-W01', '2101-W01']) {
      const asked = await kit.http('supervisor', 'GET', `/api/screening/reports/missing?period=${period}`);
      expect(expectError(asked, 400, 'VALIDATION_FAILED').details, period).toEqual([
        expect.objectContaining({ path: '/querystring/period' }),
      ]);
      const reported = await kit.http('ds.liaison', 'POST', '/api/screening/reports', { period, nil: true });
      expect(expectError(reported, 400, 'VALIDATION_FAILED').details, period).toEqual([
        expect.objectContaining({ path: '/body/period' }),
      ]);
    }
  });

  it('a unit with items reports them, late after the 30th; nil is refused while it has items', async () => {
    const nil = expectError(
      await kit.http('ds.liaison', 'POST', '/api/screening/reports', { period: '2026-W40', nil: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(nil.message).toContain('已登记2件');
    const sent = await kit.http('ds.liaison', 'POST', '/api/screening/reports', {
      period: '2026-W40',
      nil: false,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json() as ScreeningReport).toMatchObject({ nil: false, itemCount: 2, late: true });
    expectError(
      await kit.http('ds.liaison', 'POST', '/api/screening/reports', { period: '2026-W40', nil: false }),
      409,
      'ALREADY_EXISTS',
    );
    const own = await kit.http('ds.liaison', 'GET', '/api/screening/reports?period=2026-W40');
    expect(own.json().items.map((r: ScreeningReport) => [r.unit.code, r.itemCount])).toEqual([
      ['JA-DS-ZC-1', 2],
    ]);
    const after = await missing('supervisor', '2026-W40');
    expect(after.missing.map((u) => u.code)).toEqual(['JA', 'JA-DS', 'JA-XH']);
    expect(after.late.map((r) => r.unit.code)).toEqual(['JA-DS-ZC-1']);
  });

  it('a nil report on time: nothing registered, before the week’s last working day ends', async () => {
    kit.setTime(bj('2026-10-23T17:00:00')); // Friday of W43
    expectError(
      await kit.http('xh.head', 'POST', '/api/screening/reports', { period: '2026-W43', nil: false }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('xh.head', 'POST', '/api/screening/reports', { period: '2026-W44', nil: true }),
      400,
      'VALIDATION_FAILED',
    );
    const sent = await kit.http('xh.head', 'POST', '/api/screening/reports', {
      period: '2026-W43',
      nil: true,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ nil: true, itemCount: 0, late: false, unit: { code: 'JA-XH' } });
    const week = await missing('supervisor', '2026-W43');
    expect(week).toMatchObject({ pastDue: false, reported: 1, late: [] });
    expect(week.missing.map((u) => u.code)).not.toContain('JA-XH');
    const audited = await kit.app.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'screening.report')
      .execute();
    expect(audited).toHaveLength(2);
  });
});

describe('a retry after midnight', () => {
  it('an item registered late in the evening, due that day, is answered as first registered', async () => {
    kit.setTime(bj('2026-10-30T23:50:00'));
    const item = { ...ITEM, deadline: '2026-10-30' };
    const headers = { 'idempotency-key': 'screening-midnight-key' };
    const first = await kit.http('ds.liaison', 'POST', '/api/screening/items', item, headers);
    expect(first.statusCode, first.body).toBe(201);
    kit.tick({ minutes: 20 });
    const again = await kit.http('ds.liaison', 'POST', '/api/screening/items', item, headers);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    // A new one is checked as ever: its deadline is now past.
    expectError(await post('ds.liaison', '/api/screening/items', item), 400, 'VALIDATION_FAILED');
  });
});
