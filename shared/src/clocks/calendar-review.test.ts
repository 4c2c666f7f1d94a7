import { describe, expect, it } from 'vitest';
import { createCalendar, defaultCalendar } from './calendar';
import { calendarChanges, calendarExceptions, missingCalendarYear } from './calendar-review';

/** A 2027 notice as it might read (the days here are for the test). */
const YEAR_2027 = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-12' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeUpWorkdays: ['2027-02-20', '2027-10-09'],
};

describe('reviewing a new calendar year', () => {
  it('lists the days whose kind changes against the statutory holidays: weekdays off, weekends worked', () => {
    const changes = calendarChanges(defaultCalendar, createCalendar([YEAR_2027]), 2027);
    expect(changes.map((c) => `${c.date} ${c.working ? '班' : c.holiday}`)).toEqual([
      // 春节 is four days by law (除夕 to 初三, Friday 02-05 to Monday 02-08): the notice adds four.
      '2027-02-09 春节',
      '2027-02-10 春节',
      '2027-02-11 春节',
      '2027-02-12 春节',
      '2027-02-20 班',
      '2027-05-03 劳动节',
      '2027-05-04 劳动节',
      '2027-05-05 劳动节',
      '2027-10-04 国庆节',
      '2027-10-05 国庆节',
      '2027-10-06 国庆节',
      '2027-10-07 国庆节',
      '2027-10-09 班',
    ]);
    expect(changes[0]).toEqual({ date: '2027-02-09', weekday: 2, working: false, holiday: '春节' });
  });

  it('replaces the whole year: a statutory holiday the notice leaves out is a working day', () => {
    const partial = createCalendar([{ ...YEAR_2027, holidays: YEAR_2027.holidays.slice(0, 1) }]);
    expect(calendarChanges(defaultCalendar, partial, 2027).filter((c) => c.working)).toContainEqual({
      date: '2027-04-05',
      weekday: 1,
      working: true,
      holiday: null,
    });
  });

  it('lists nothing when the year is replaced by the same schedule', () => {
    const once = createCalendar([YEAR_2027]);
    expect(calendarChanges(once, createCalendar([YEAR_2027]), 2027)).toEqual([]);
  });

  it("keeps each year's weekdays off and weekends worked, to tell which years a new calendar changes", () => {
    const before = calendarExceptions(defaultCalendar);
    const after = calendarExceptions(createCalendar([YEAR_2027]));
    expect([...before.keys()]).toEqual([
      2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035,
    ]);
    expect(before.get(2026)?.split(' ').slice(0, 3)).toEqual(['0101', '0102', '+0104']);
    expect(before.get(2027)).toBe('0101 0205 0208 0405 0609 0915 1001');
    expect([...after].filter(([year, days]) => before.get(year) !== days).map(([year]) => year)).toEqual([
      2027,
    ]);
  });

  it('warns of next year from November, and of this year at any time', () => {
    expect(missingCalendarYear(defaultCalendar, '2026-10-31')).toBeNull();
    expect(missingCalendarYear(defaultCalendar, '2026-11-01')).toBe(2027);
    expect(missingCalendarYear(defaultCalendar, '2026-12-03')).toBe(2027);
    expect(missingCalendarYear(createCalendar([YEAR_2027]), '2026-12-03')).toBeNull();
    expect(missingCalendarYear(defaultCalendar, '2027-03-01')).toBe(2027);
  });
});
