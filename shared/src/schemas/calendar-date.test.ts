import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { CALENDAR_YEAR_PATTERN, isCalendarYear } from '../clocks/calendar-years';
import { dateOfDayNumber, dayNumber, isDateString } from '../clocks/dates';
import { CalendarDateSchema, CalendarInstantSchema } from './calendar-date';

describe('calendar dates in requests', () => {
  const date = CalendarDateSchema();

  it('takes every day that exists in the calendar’s years, and nothing else', () => {
    const first = dayNumber('1999-12-25');
    fc.assert(
      fc.property(fc.integer({ min: first, max: dayNumber('2101-01-05') }), (day) => {
        const text = dateOfDayNumber(day);
        expect(Value.Check(date, text), text).toBe(isCalendarYear(Number(text.slice(0, 4))));
      }),
    );
    for (const impossible of ['2026-02-29', '2026-11-31', '2026-12-32', '2026-13-01', '2026-00-10'])
      expect(Value.Check(date, impossible), impossible).toBe(false);
    expect(Value.Check(date, '2028-02-29')).toBe(true);
    for (const outside of ['0000-01-01', '0999-12-31', '1999-12-31', '2101-01-01', '9999-12-31'])
      expect(Value.Check(date, outside), outside).toBe(false);
  });

  it('agrees with the clocks on what a date is, for any ten characters', () => {
    const digit = fc.constantFrom(...'0123456789');
    const text = fc
      .tuple(fc.constantFrom('19', '20', '21'), fc.array(digit, { minLength: 2, maxLength: 2 }))
      .chain(([century, year]) =>
        fc
          .tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
          .map(
            ([m, d]) =>
              `${century}${year.join('')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
          ),
      );
    fc.assert(
      fc.property(text, (value) => {
        const calendarYear = isCalendarYear(Number(value.slice(0, 4)));
        expect(Value.Check(date, value), value).toBe(isDateString(value) && calendarYear);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the same years as a pattern as it counts them', () => {
    const pattern = new RegExp(`^${CALENDAR_YEAR_PATTERN}$`);
    const years = Array.from({ length: 10_000 }, (_, year) => year);
    expect(years.filter((y) => pattern.test(String(y).padStart(4, '0')) !== isCalendarYear(y))).toEqual([]);
  });

  it('takes an instant of a real day in those years', () => {
    const instant = CalendarInstantSchema();
    expect(Value.Check(instant, '2026-03-02T08:00:00.000Z')).toBe(true);
    expect(Value.Check(instant, '2026-03-02T08:00:00+08:00')).toBe(true);
    for (const bad of ['0100-01-01T00:00:00Z', '1999-12-31T23:00:00Z', '2026-02-30T00:00:00Z', '2026-03-02'])
      expect(Value.Check(instant, bad), bad).toBe(false);
  });
});
