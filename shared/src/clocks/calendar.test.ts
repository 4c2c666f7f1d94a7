import { isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { createCalendar, defaultCalendar } from './calendar';
import { addDays, yearOf } from './dates';
import { OFFICIAL_CALENDAR_YEARS } from './official-calendar';

describe('official calendar', () => {
  it('ships 2024, 2025 and 2026', () => {
    expect(defaultCalendar.years).toEqual([2024, 2025, 2026]);
  });

  it('agrees with chinese-days on every day of the shipped years', () => {
    const disagreements: string[] = [];
    for (const { year } of OFFICIAL_CALENDAR_YEARS) {
      for (let day = `${year}-01-01`; yearOf(day) === year; day = addDays(day, 1)) {
        if (defaultCalendar.isWorkingDay(day) !== isWorkday(day)) disagreements.push(day);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-15', false, 'Spring Festival'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival'],
    ['2025-09-28', true, 'make-up Sunday before National Day'],
    ['2025-10-08', false, 'National Day and Mid-autumn'],
    ['2025-10-11', true, 'make-up Saturday after National Day'],
    ['2026-11-21', false, 'an ordinary Saturday'],
    ['2026-11-23', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(defaultCalendar.isWorkingDay(date)).toBe(working);
  });

  it('names the holiday a date falls in', () => {
    expect(defaultCalendar.holidayName('2026-10-03')).toBe('国庆节');
    expect(defaultCalendar.holidayName('2026-10-10')).toBeNull();
  });
});

describe('a year without data', () => {
  it('falls back to weekends only and says the year is not covered', () => {
    expect(defaultCalendar.covers(2027)).toBe(false);
    expect(defaultCalendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(defaultCalendar.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('accepts a new year at runtime, and an extra year replaces a shipped one', () => {
    const calendar = createCalendar([
      { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeUpWorkdays: [] },
      { year: 2026, holidays: [], makeUpWorkdays: [] },
    ]);
    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(true);
  });

  it('refuses malformed data', () => {
    expect(() =>
      createCalendar([
        { year: 2027, holidays: [{ name: 'x', from: '2027-02-30', to: '2027-03-01' }], makeUpWorkdays: [] },
      ]),
    ).toThrow(RangeError);
    expect(() => createCalendar([{ year: 2027, holidays: [], makeUpWorkdays: ['2028-01-01'] }])).toThrow(
      RangeError,
    );
  });
});
