import { getLunarDate, getSolarTermDate, isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { createCalendar, defaultCalendar } from './calendar';
import { addDays, dayOfWeek, yearOf } from './dates';
import { OFFICIAL_CALENDAR_YEARS } from './official-calendar';
import { STATUTORY_HOLIDAY_YEARS } from './statutory-holidays';

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

describe('a year without its notice', () => {
  it('rests on weekends and the statutory holidays, and says the year is not covered', () => {
    expect(defaultCalendar.covers(2027)).toBe(false);
    expect(defaultCalendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2027-01-02')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2027-01-04')).toBe(true);
    // 春节 2027: 除夕 Friday 5 February to 初三 Monday 8 February; no make-up day is guessed.
    expect(['2027-02-05', '2027-02-08'].map((d) => defaultCalendar.isWorkingDay(d))).toEqual([false, false]);
    expect(defaultCalendar.holidayName('2027-02-08')).toBe('春节');
    expect(defaultCalendar.isWorkingDay('2027-02-09')).toBe(true);
    // Past the table: weekends only.
    expect(defaultCalendar.isWorkingDay('2036-01-01')).toBe(true);
  });

  it('has the holidays of 全国年节及纪念日放假办法 (2024) day by day, by the lunar calendar', () => {
    expect(STATUTORY_HOLIDAY_YEARS).toEqual([2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
    const wrong: string[] = [];
    for (const year of STATUTORY_HOLIDAY_YEARS) {
      const holidays = statutoryDays(year);
      for (let day = `${year}-01-01`; yearOf(day) === year; day = addDays(day, 1)) {
        const holiday = holidays.has(day);
        const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
        const named = defaultCalendar.holidayName(day) !== null;
        if (defaultCalendar.isWorkingDay(day) !== !(holiday || weekend) || named !== holiday) wrong.push(day);
      }
      // 元旦, four days of 春节, 清明, two of 劳动节, 端午, 中秋 (inside 国庆 in 2028 and 2031), 国庆.
      expect(holidays.size, String(year)).toBe(year === 2028 || year === 2031 ? 12 : 13);
    }
    expect(wrong).toEqual([]);
  });

  it('gives way to the notice once it is loaded', () => {
    const calendar = createCalendar([{ year: 2027, holidays: [], makeUpWorkdays: [] }]);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(calendar.holidayName('2027-02-08')).toBeNull();
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

/**
 * The statutory holidays of a year from `chinese-days`' lunar calendar and solar terms: 元旦; 除夕
 * (the day before 正月初一) to 正月初三; 清明; 1–2 May; 五月初五; 八月十五; 1–3 October.
 */
function statutoryDays(year: number): Set<string> {
  const days = new Set([`${year}-01-01`, `${year}-05-01`, `${year}-05-02`]);
  for (const day of ['10-01', '10-02', '10-03']) days.add(`${year}-${day}`);
  days.add(getSolarTermDate(year, 4, 'pure_brightness'));
  for (let day = `${year}-01-01`; yearOf(day) === year; day = addDays(day, 1)) {
    const lunar = getLunarDate(day);
    if (lunar.isLeap) continue;
    const is = (month: number, dayOfMonth: number) =>
      lunar.lunarMon === month && lunar.lunarDay === dayOfMonth;
    if (is(1, 1)) for (const offset of [-1, 0, 1, 2]) days.add(addDays(day, offset));
    if (is(5, 5) || is(8, 15)) days.add(day);
  }
  return days;
}
