import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './calendar';
import { addDays } from './dates';
import { screeningPeriodBounds, screeningPeriodOf, screeningReportDue } from './screening-period';

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
  });

  it('is due on the week’s last working day: the make-up Saturday before National Day, Friday otherwise', () => {
    expect(screeningReportDue('2026-W49', defaultCalendar)).toBe('2026-12-04');
    // 2026-09-28..10-04: National Day from 1 October; Monday 28 and Tuesday 29 September are worked.
    expect(screeningReportDue('2026-W40', defaultCalendar)).toBe('2026-09-30');
    // Spring Festival 2026 (15–23 February): the week of 16 February has no working day.
    expect(screeningReportDue('2026-W08', defaultCalendar)).toBe('2026-02-24');
  });
});
