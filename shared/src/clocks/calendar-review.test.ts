import { describe, expect, it } from 'vitest';
import { createCalendar, defaultCalendar } from './calendar';
import { calendarChanges, missingCalendarYear } from './calendar-review';

const YEAR_2027 = {
  year: 2027,
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  makeUpWorkdays: ['2027-01-09'],
};

describe('reviewing a new calendar year', () => {
  it('lists the days whose kind changes: a holiday on a weekday, a weekend worked', () => {
    // 2027-01-01 is a Friday; the 2nd and 3rd are a weekend, rest days either way.
    expect(calendarChanges(defaultCalendar, createCalendar([YEAR_2027]), 2027)).toEqual([
      { date: '2027-01-01', weekday: 5, working: false, holiday: '元旦' },
      { date: '2027-01-09', weekday: 6, working: true, holiday: null },
    ]);
  });

  it('lists nothing when the year is replaced by the same schedule', () => {
    const once = createCalendar([YEAR_2027]);
    expect(calendarChanges(once, createCalendar([YEAR_2027]), 2027)).toEqual([]);
  });

  it('warns of next year from November, and of this year at any time', () => {
    expect(missingCalendarYear(defaultCalendar, '2026-10-31')).toBeNull();
    expect(missingCalendarYear(defaultCalendar, '2026-11-01')).toBe(2027);
    expect(missingCalendarYear(defaultCalendar, '2026-12-03')).toBe(2027);
    expect(missingCalendarYear(createCalendar([YEAR_2027]), '2026-12-03')).toBeNull();
    expect(missingCalendarYear(defaultCalendar, '2027-03-01')).toBe(2027);
  });
});
