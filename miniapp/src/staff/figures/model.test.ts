import type { PreventionCount, UnitTableRow } from '@xinfang/shared/schemas/figures';
import type { SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeText,
  chooseReport,
  downloadFailure,
  filterOf,
  filterQuery,
  initialReportChoice,
  percentText,
  presetPeriod,
  receptionLine,
  reportMonths,
  reportQuarters,
  reportRequest,
  reportYears,
  SUPERVISION_COLUMNS,
  sortUnitRows,
  supervisionCells,
  unitCellText,
} from './model';

describe('the figures page', () => {
  it('takes this month, quarter and year in Beijing time, up to today', () => {
    // 2026-05-31 20:00 UTC is already 1 June in Beijing.
    const now = new Date('2026-05-31T20:00:00Z');
    expect(presetPeriod('month', now)).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(presetPeriod('quarter', now)).toEqual({ from: '2026-04-01', to: '2026-06-01' });
    expect(presetPeriod('year', now)).toEqual({ from: '2026-01-01', to: '2026-06-01' });
  });

  it('says 同比 and 环比 in words, counts in percent and rates in points', () => {
    expect(changeText(88, 100, 'count')).toBe('下降 12%');
    expect(changeText(5, 4, 'count')).toBe('上升 25%');
    expect(changeText(3, 3, 'count')).toBe('持平');
    expect(changeText(3, 0, 'count')).toBe('—');
    expect(changeText(0.9, 0.85, 'rate')).toBe('上升 5 个百分点');
    expect(changeText(null, 0.85, 'rate')).toBe('—');
    expect(percentText(0.875)).toBe('87.5%');
    expect(percentText(null)).toBe('—');
  });

  it('says the reception days in one plain line, and nothing when none was booked', () => {
    const count = (figure: PreventionCount['figure'], value: number): PreventionCount => ({
      figure,
      label: figure,
      value,
      previousYear: 0,
      previousPeriod: 0,
    });
    const held = [
      count('visits.held', 2),
      count('reception.days', 3),
      count('reception.booked', 9),
      count('reception.came', 7),
      count('reception.cases', 4),
    ];
    expect(receptionLine(held)).toBe('领导接访 3 天，来访 7 人，登记 4 件。');
    // Booked but nobody came yet: the line still says so, rather than hiding the bookings.
    expect(receptionLine([count('reception.booked', 2)])).toBe('领导接访 0 天，来访 0 人，登记 0 件。');
    expect(receptionLine([count('visits.held', 2), count('reception.days', 0)])).toBeNull();
  });

  it('carries a ledger filter through the page URL unchanged', () => {
    const filter = fc.record(
      {
        figure: fc.constantFrom('received', 'replied.first', 'collective_people'),
        from: fc.constant('2026-01-01'),
        unitId: fc.string({ minLength: 1, maxLength: 26 }),
        subtree: fc.boolean(),
        categoryCode: fc.string({ minLength: 1, maxLength: 32 }),
        search: fc.string({ minLength: 1, maxLength: 50 }),
        repeat: fc.boolean(),
        late: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, (f) => {
        const params = Object.fromEntries(
          filterQuery(f as never)
            .split('&')
            .filter(Boolean)
            .map((p) => p.split('=')),
        );
        expect(filterOf(params)).toEqual(f);
      }),
    );
  });
});

describe('the reports on the figures page', () => {
  // 2026-12-31 17:00 UTC is 2027-01-01 in Beijing: the new year's report is offered.
  const newYear = new Date('2026-12-31T17:00:00Z');

  it('starts at this Beijing year, month and quarter, and offers the two years before', () => {
    expect(initialReportChoice(new Date('2026-08-10T04:00:00Z'))).toEqual({
      kind: 'annual',
      year: 2026,
      month: 8,
      quarter: 3,
    });
    expect(reportYears(newYear)).toEqual([2027, 2026, 2025]);
  });

  it('starts in January at last year’s whole report and December’s bulletin', () => {
    expect(initialReportChoice(newYear)).toEqual({ kind: 'annual', year: 2026, month: 12, quarter: 4 });
    expect(initialReportChoice(new Date('2027-01-31T15:00:00Z'))).toMatchObject({ year: 2026, month: 12 });
    // 1 February in Beijing: this year again.
    expect(initialReportChoice(new Date('2027-01-31T16:00:00Z'))).toMatchObject({ year: 2027, month: 2 });
  });

  it('offers the months and quarters begun by today, and keeps a choice within them', () => {
    const may = new Date('2026-05-10T04:00:00Z');
    expect(reportMonths(2026, may)).toEqual([1, 2, 3, 4, 5]);
    expect(reportMonths(2025, may)).toHaveLength(12);
    expect(reportQuarters(2026, may)).toEqual([1, 2]);
    expect(reportQuarters(2025, may)).toEqual([1, 2, 3, 4]);
    const december = { kind: 'month', year: 2025, month: 12, quarter: 4 } as const;
    expect(chooseReport(december, { year: 2026 }, may)).toEqual({
      ...december,
      year: 2026,
      month: 5,
      quarter: 2,
    });
    expect(chooseReport(december, { month: 3 }, may)).toEqual({ ...december, month: 3 });
  });

  it('asks for the report the choice names', () => {
    const choice = { kind: 'annual', year: 2026, month: 3, quarter: 1 } as const;
    expect(reportRequest(choice)).toEqual({ kind: 'annual', year: 2026 });
    expect(reportRequest({ ...choice, kind: 'month' })).toEqual({ kind: 'bulletin', year: 2026, month: 3 });
    expect(reportRequest({ ...choice, kind: 'quarter' })).toEqual({
      kind: 'bulletin',
      year: 2026,
      quarter: 1,
    });
  });

  it('says plainly that a download broke off, and gives other failures their own words', () => {
    const otherwise = () => '没有权限';
    expect(downloadFailure({ code: 'NETWORK_ERROR' }, otherwise)).toBe('下载没有完成，文件不完整，请重试');
    expect(downloadFailure({ code: 'TIMEOUT' }, otherwise)).toBe('下载没有完成，文件不完整，请重试');
    expect(downloadFailure({ code: 'FORBIDDEN' }, otherwise)).toBe('没有权限');
  });
});

describe('the table of units in order', () => {
  const row = (index: number, value: number | null): UnitTableRow => ({
    unitId: `u${index}`,
    label: `单位${index}`,
    subtree: true,
    cells: [{ column: 'satisfaction.first' as const, value, ledger: {} }],
  });
  const rows = fc
    .array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxLength: 12 })
    .map((values) => values.map((v, i) => row(i, v)));
  const values = (list: UnitTableRow[]) => list.map((r) => r.cells[0]?.value ?? null);

  it('orders by a column either way, the units with no value last, ties in the tree’s order', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom('desc' as const, 'asc' as const), (list, direction) => {
        const sorted = sortUnitRows(list, { column: 'satisfaction.first', direction });
        expect([...sorted].sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual(
          [...list].sort((a, b) => a.unitId.localeCompare(b.unitId)),
        );
        const counted = values(sorted).filter((v) => v !== null) as number[];
        expect(values(sorted)).toEqual([...counted, ...values(list).filter((v) => v === null)]);
        for (const [i, b] of sorted.entries()) {
          const a = sorted[i - 1];
          if (!a) continue;
          const [x, y] = [a.cells[0]?.value ?? null, b.cells[0]?.value ?? null];
          if (x === null || y === null || x === y) {
            if (x === y) expect(list.indexOf(a)).toBeLessThan(list.indexOf(b));
          } else expect(direction === 'desc' ? x > y : x < y).toBe(true);
        }
      }),
    );
  });

  it('keeps the tree’s order when asked, and prints a rate of nothing counted as a dash', () => {
    const list = [row(0, 2), row(1, 5)];
    expect(sortUnitRows(list, { column: 'unit' })).toEqual(list);
    expect(unitCellText({ column: 'satisfaction.first', value: null, ledger: {} }, true)).toBe('—');
    expect(unitCellText({ column: 'satisfaction.first', value: 0.5, ledger: {} }, true)).toBe('50%');
    expect(unitCellText({ column: 'repeat', value: 3, ledger: {} }, false)).toBe('3');
  });
});

/** A unit's 督办 figures: three reds on two levels, one signed for. */
const supervisedUnit = (over: Partial<SupervisionFiguresRow> = {}): SupervisionFiguresRow => ({
  unitId: 'aqk',
  label: '东山煤矿安全科',
  yellow: 4,
  red: 3,
  redLevels: [
    { level: 1, steps: 2 },
    { level: 2, steps: 1 },
  ],
  redAcknowledged: 1,
  acknowledgeDays: { median: 2.5, longest: 4 },
  notices: {
    issued: 5,
    answeredOnTime: 1,
    answeredLate: 2,
    waiting: 0,
    overdue: 1,
    ended: 1,
    returned: 3,
  },
  casesSupervised: 4,
  ...over,
});

describe('the 督办通报 table', () => {
  it('prints every column in order, the reds by level and how long 签收 took under them', () => {
    const cells = supervisionCells(supervisedUnit());
    expect(cells.map((c) => c.column)).toEqual([...SUPERVISION_COLUMNS]);
    expect(Object.fromEntries(cells.map((c) => [c.label, [c.value, c.detail]]))).toEqual({
      黄灯: ['4', null],
      红灯: ['3', '1级 2 · 2级 1'],
      红灯已签收: ['1/3', '一半在 2.5 个工作日内签收，最长 4 个工作日'],
      督办单: ['5', null],
      按期答复: ['1', null],
      逾期答复: ['2', null],
      超期未答复: ['1', null],
      退回重答: ['3', null],
      督办事项: ['4', null],
    });
  });

  it('says nothing of 签收 time when no red was signed for, nor of levels without reds', () => {
    const cells = supervisionCells(
      supervisedUnit({
        red: 0,
        redLevels: [],
        redAcknowledged: 0,
        acknowledgeDays: { median: null, longest: null },
      }),
    );
    const cell = (column: string) => cells.find((c) => c.column === column);
    expect(cell('red')).toMatchObject({ value: '0', detail: null });
    expect(cell('acknowledged')).toMatchObject({ value: '0/0', detail: null });
  });
});
