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
  reportMonths,
  reportQuarters,
  reportRequest,
  reportYears,
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
