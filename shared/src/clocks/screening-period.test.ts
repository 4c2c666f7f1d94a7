import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './calendar';
import { addDays, daysBetween } from './dates';
import {
  isDailyPeriod,
  screeningPeriodBounds,
  screeningPeriodDays,
  screeningPeriodOf,
  screeningReportDue,
  sensitivePeriodsOverlap,
} from './screening-period';

describe('screening weeks', () => {
  it.each([
    ['2026-12-03', '2026-W49'],
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2027-01-03', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (date, period) => {
    expect(screeningPeriodOf(date)).toBe(period);
  });

  it('every day of a week maps back to it, Monday to Sunday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 366 }), (offset) => {
        const date = addDays('2024-01-01', offset);
        const bounds = screeningPeriodBounds(screeningPeriodOf(date));
        expect(bounds && bounds.from <= date && date <= bounds.to).toBe(true);
        expect(bounds && addDays(bounds.from, 6)).toBe(bounds?.to);
      }),
    );
  });

  it('refuses what is not a week', () => {
    expect(screeningPeriodBounds('2026-W54')).toBeNull();
    expect(screeningPeriodBounds('2025-W53')).toBeNull();
    expect(screeningPeriodBounds('2026-W00')).toBeNull();
    expect(screeningPeriodBounds('2026-49')).toBeNull();
    // Weeks of years the calendar does not hold: year 999's 4 January was no date (a 500).
    for (const outside of ['0000-W01', '0999-W01', '1999-W10', '2101-W01'])
      expect(screeningReportDue(outside, defaultCalendar)).toBeNull();
    expect(screeningPeriodBounds('2000-W01')).toEqual({ from: '2000-01-03', to: '2000-01-09' });
  });

  it('is due on the week’s last working day: the make-up Saturday before National Day, Friday otherwise', () => {
    expect(screeningReportDue('2026-W49', defaultCalendar)).toBe('2026-12-04');
    // 2026-09-28..10-04: National Day from 1 October; Monday 28 and Tuesday 29 September are worked.
    expect(screeningReportDue('2026-W40', defaultCalendar)).toBe('2026-09-30');
    // Spring Festival 2026 (15–23 February): the week of 16 February has no working day.
    expect(screeningReportDue('2026-W08', defaultCalendar)).toBe('2026-02-24');
  });
});

describe('sensitive periods: daily reports', () => {
  const LIANGHUI = { name: '全国两会', from: '2027-03-03', to: '2027-03-12' };

  it('makes each sensitive day its own period, due that day, weekends included', () => {
    expect(screeningPeriodOf('2027-03-06', [LIANGHUI])).toBe('2027-03-06');
    expect(screeningReportDue('2027-03-06', defaultCalendar, [LIANGHUI])).toBe('2027-03-06');
    expect(screeningPeriodOf('2027-03-02', [LIANGHUI])).toBe('2027-W09');
    // A day outside every sensitive period is no period.
    expect(screeningPeriodBounds('2027-03-13', [LIANGHUI])).toBeNull();
    expect(screeningPeriodBounds('2027-03-13')).toBeNull();
  });

  it('leaves a week only its other days, due on the last working one of them', () => {
    // 2027-W09 is 1–7 March: Monday 1 and Tuesday 2 remain.
    expect(screeningPeriodDays('2027-W09', [LIANGHUI])).toEqual(['2027-03-01', '2027-03-02']);
    expect(screeningReportDue('2027-W09', defaultCalendar, [LIANGHUI])).toBe('2027-03-02');
    // 2027-W10 (8–14 March) keeps its weekend; its last working day, Friday, is sensitive: due Monday.
    expect(screeningPeriodDays('2027-W10', [LIANGHUI])).toEqual(['2027-03-13', '2027-03-14']);
    expect(screeningReportDue('2027-W10', defaultCalendar, [LIANGHUI])).toBe('2027-03-15');
    // A week wholly inside a sensitive period owes no weekly report.
    expect(
      screeningPeriodDays('2027-W10', [{ name: '长', from: '2027-03-01', to: '2027-03-20' }]),
    ).toBeNull();
  });

  it('tiles every stretch of days without gaps or overlaps, and daily periods tile the sensitive period', () => {
    const sensitiveArb = fc
      .record({ start: fc.integer({ min: 0, max: 700 }), length: fc.integer({ min: 1, max: 40 }) })
      .map(({ start, length }) => ({
        name: '敏感时期',
        from: addDays('2026-01-01', start),
        to: addDays('2026-01-01', start + length - 1),
      }));
    fc.assert(
      fc.property(sensitiveArb, (sensitive) => {
        const from = addDays(sensitive.from, -14);
        const to = addDays(sensitive.to, 14);
        const covered = new Map<string, string>();
        for (let day = from; day <= to; day = addDays(day, 1)) {
          const period = screeningPeriodOf(day, [sensitive]);
          const days = screeningPeriodDays(period, [sensitive]);
          // The period a day falls in covers it, and every day it covers maps back to it.
          expect(days).toContain(day);
          for (const other of days ?? []) {
            expect(screeningPeriodOf(other, [sensitive])).toBe(period);
            const seen = covered.get(other);
            expect(seen === undefined || seen === period).toBe(true);
            covered.set(other, period);
          }
        }
        const daily = [...covered.entries()].filter(([, period]) => isDailyPeriod(period));
        const sensitiveDays = daily
          .map(([day]) => day)
          .filter((d) => d >= sensitive.from && d <= sensitive.to);
        expect(sensitiveDays.length).toBe(daysBetween(sensitive.from, sensitive.to) + 1);
        expect(
          daily.every(([day, period]) => day === period && day >= sensitive.from && day <= sensitive.to),
        ).toBe(true);
        // A sensitive day is due that day; a week no earlier than its first day.
        for (const period of new Set(covered.values())) {
          const due = screeningReportDue(period, defaultCalendar, [sensitive]) ?? '';
          const first = (screeningPeriodDays(period, [sensitive]) ?? [])[0] ?? '';
          expect(isDailyPeriod(period) ? due === period : due >= first).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('knows overlapping declarations', () => {
    expect(sensitivePeriodsOverlap(LIANGHUI, { name: 'b', from: '2027-03-12', to: '2027-03-20' })).toBe(true);
    expect(sensitivePeriodsOverlap(LIANGHUI, { name: 'b', from: '2027-03-13', to: '2027-03-20' })).toBe(
      false,
    );
  });
});
