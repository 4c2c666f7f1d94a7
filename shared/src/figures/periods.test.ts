import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../clocks/dates';
import { bulletinPeriod, comparedPeriods, previousPeriod, sameTimeLastYear, yearPeriod } from './periods';
import { changeOf, rateValue } from './rates';

const day = fc
  .date({ min: new Date('2001-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const period = fc
  .tuple(day, fc.integer({ min: 0, max: 400 }))
  .map(([from, n]) => ({ from, to: addDays(from, n) }));

describe('comparison periods', () => {
  it('环比 ends before the period starts; as long in days, the day before, unless it starts on a 1st', () => {
    fc.assert(
      fc.property(period, (p) => {
        const before = previousPeriod(p);
        expect(before.to < p.from).toBe(true);
        expect(before.from <= before.to).toBe(true);
        if (!p.from.endsWith('-01')) {
          expect(addDays(before.to, 1)).toBe(p.from);
          expect(daysBetween(before.from, before.to)).toBe(daysBetween(p.from, p.to));
        } else expect(before.from.endsWith('-01')).toBe(true);
      }),
    );
  });

  it('环比 of a month or quarter to date is the same days of the month or quarter before (上月同期)', () => {
    const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
    const pad = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 2001, max: 2099 }),
        fc.integer({ min: 0, max: 11 }),
        fc.constantFrom(1, 3),
        fc.nat(),
        fc.nat(),
        (year, monthIndex, length, into, dayPick) => {
          // A month (length 1) from its 1st to a day within it, not its last; or a quarter (3) from
          // its 1st into its second or third month (within its first, it is that month to date).
          const start = length === 1 ? monthIndex : monthIndex - (monthIndex % 3);
          const month = length === 1 ? start : start + 1 + (into % 2);
          const day = 1 + (dayPick % (lastDay(year, month + 1) - 1));
          fc.pre(!(month === start + length - 1 && day === lastDay(year, month + 1)));
          const p = { from: `${year}-${pad(start + 1)}-01`, to: `${year}-${pad(month + 1)}-${pad(day)}` };
          // The same month and day, `length` months earlier, the day kept within that month.
          const back = (m: number) => {
            const index = year * 12 + m - length;
            const [y, mm] = [Math.floor(index / 12), (index % 12) + 1];
            return { y, mm, last: lastDay(y, mm) };
          };
          const from = back(start);
          const to = back(month);
          expect(previousPeriod(p)).toEqual({
            from: `${from.y}-${pad(from.mm)}-01`,
            to: `${to.y}-${pad(to.mm)}-${pad(Math.min(day, to.last))}`,
          });
        },
      ),
    );
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-10' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-10',
    });
    expect(previousPeriod({ from: '2026-04-01', to: '2026-05-15' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-15',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-30' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    // A year to date: the same days of the year before.
    expect(previousPeriod({ from: '2026-01-01', to: '2026-05-15' })).toEqual({
      from: '2025-01-01',
      to: '2025-05-15',
    });
  });

  it('counts a period reaching past today up to today, compared with the same days before', () => {
    expect(comparedPeriods(yearPeriod(2026), '2026-03-02')).toEqual({
      period: { from: '2026-01-01', to: '2026-03-02' },
      previousYear: { from: '2025-01-01', to: '2025-03-02' },
      previousPeriod: { from: '2025-01-01', to: '2025-03-02' },
    });
    expect(comparedPeriods({ from: '2026-01-01', to: '2026-03-31' }, '2026-02-28')).toEqual({
      period: { from: '2026-01-01', to: '2026-02-28' },
      previousYear: { from: '2025-01-01', to: '2025-02-28' },
      previousPeriod: { from: '2025-10-01', to: '2025-11-30' },
    });
    expect(comparedPeriods({ from: '2026-03-01', to: '2026-03-31' }, '2026-03-31')?.period).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(comparedPeriods({ from: '2026-03-03', to: '2026-03-31' }, '2026-03-02')).toBeNull();
    fc.assert(
      fc.property(period, day, (p, today) => {
        const compared = comparedPeriods(p, today);
        if (p.from > today) {
          expect(compared).toBeNull();
          return;
        }
        expect(compared?.period).toEqual({ from: p.from, to: [p.to, today].sort()[0] });
        expect((compared?.previousPeriod.to ?? '') < p.from).toBe(true);
        expect(compared?.previousYear).toEqual(sameTimeLastYear(compared?.period ?? p));
      }),
    );
  });

  it('环比 of a month is the month before, of a quarter the quarter before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
  });

  it('同比 is the same days a year earlier', () => {
    fc.assert(
      fc.property(period, (p) => {
        const last = sameTimeLastYear(p);
        expect(Number(last.from.slice(0, 4))).toBe(Number(p.from.slice(0, 4)) - 1);
        expect(last.from.slice(5)).toBe(p.from.slice(5) === '02-29' ? '02-28' : p.from.slice(5));
        expect(last.from <= last.to).toBe(true);
      }),
    );
  });

  it('同比 of whole months is the same whole months a year earlier, 29 February included', () => {
    expect(sameTimeLastYear({ from: '2025-02-01', to: '2025-02-28' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(sameTimeLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(sameTimeLastYear({ from: '2025-01-01', to: '2025-03-31' })).toEqual({
      from: '2024-01-01',
      to: '2024-03-31',
    });
    expect(sameTimeLastYear(yearPeriod(2025))).toEqual(yearPeriod(2024));
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const p = bulletinPeriod(`${year}-${String(month).padStart(2, '0')}`) as { from: string; to: string };
        expect(sameTimeLastYear(p)).toEqual(bulletinPeriod(`${year - 1}-${String(month).padStart(2, '0')}`));
      }),
    );
  });

  it('a rate of nothing is no rate, and a change from zero is no change ratio', () => {
    expect(rateValue(0, 0)).toBeNull();
    expect(rateValue(3, 4)).toBe(0.75);
    expect(changeOf(5, 0)).toBeNull();
    expect(changeOf(88, 100)).toBeCloseTo(-0.12);
  });
});

describe('report periods', () => {
  it('reads a month or a quarter, and nothing else', () => {
    expect(bulletinPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(bulletinPeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(bulletinPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    for (const bad of ['2026-13', '2026-Q5', '2026-1', '26-01', '2026-00', 'x'])
      expect(bulletinPeriod(bad)).toBeNull();
    // Outside the calendar's years: year 0's 同比 would be year −1, no date (a 500).
    for (const outside of ['0000-01', '0999-Q1', '1999-12', '2101-01'])
      expect(bulletinPeriod(outside)).toBeNull();
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('makes every month and quarter a period of whole months whose 环比 is the one before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const p = bulletinPeriod(`${year}-${String(month).padStart(2, '0')}`);
        expect(p).not.toBeNull();
        expect(addDays(p?.to ?? '', 1).endsWith('-01')).toBe(true);
        expect(previousPeriod(p as { from: string; to: string }).to).toBe(addDays(p?.from ?? '', -1));
      }),
    );
  });
});
