import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  beijingDate,
  beijingDayNumber,
  compareInstants,
  dateOfDayNumber,
  dayNumber,
  dayOfWeek,
  daysBetween,
  endOfBeijingDay,
  endOfBeijingDayNumber,
} from './dates';

const DAY_MS = 86_400_000;
/** What the arithmetic must agree with: JavaScript's own Gregorian calendar. */
const viaDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

// 1601-01-01 … 2399-12-31: both sides of two 400-year eras and every century rule.
const days = fc.integer({ min: -134_774, max: 157_071 });

describe('calendar days by arithmetic', () => {
  it('a day number and its date agree with the Date calendar, both ways', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(dateOfDayNumber(day)).toBe(viaDate(day));
        expect(dayNumber(viaDate(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds days, counts the days between and names the weekday as the Date calendar does', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -800, max: 800 }), (day, step) => {
        const date = viaDate(day);
        expect(addDays(date, step)).toBe(viaDate(day + step));
        expect(daysBetween(date, viaDate(day + step))).toBe(step);
        expect(dayOfWeek(date)).toBe(new Date(day * DAY_MS).getUTCDay());
      }),
    );
  });

  it('orders instants as their times do, written with milliseconds or without', () => {
    const instant = fc
      .tuple(fc.integer({ min: -11_644_473_600_000, max: 253_402_300_799_999 }), fc.boolean())
      .map(([ms, short]) => {
        const text = new Date(ms).toISOString();
        return short ? text.replace(/\.\d{3}Z$/, 'Z') : text;
      });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(Math.sign(compareInstants(a, b))).toBe(Math.sign(Date.parse(a) - Date.parse(b)));
      }),
      { numRuns: 2000 },
    );
    expect(compareInstants('2026-12-31T15:59:59Z', '2026-12-31T15:59:59.000Z')).toBe(0);
  });

  it('puts an instant on its Beijing day, which starts at 16:00 UTC the day before', () => {
    expect(beijingDate('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
    expect(beijingDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(beijingDate('2024-02-28T16:00:00Z')).toBe('2024-02-29');
  });

  it('reads the Beijing day of an instant by its digits as Date does by parsing, and ends each day alike', () => {
    const BEIJING_MS = 8 * 3_600_000;
    const instantMs = fc.integer({ min: Date.UTC(1601, 0, 1), max: Date.UTC(2399, 11, 31, 23, 59, 59, 999) });
    fc.assert(
      fc.property(instantMs, fc.boolean(), (ms, short) => {
        const text = new Date(ms).toISOString();
        const instant = short ? text.replace(/\.\d{3}Z$/, 'Z') : text;
        expect(beijingDayNumber(instant)).toBe(Math.floor((Date.parse(instant) + BEIJING_MS) / DAY_MS));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(days, (day) => {
        const end = new Date((day + 1) * DAY_MS - BEIJING_MS - 1).toISOString();
        expect(endOfBeijingDayNumber(day)).toBe(end);
        expect(endOfBeijingDay(viaDate(day))).toBe(end);
      }),
    );
    // Hours 15 and 16 UTC are either side of midnight in Beijing.
    expect(beijingDayNumber('2026-12-31T15:59:59.999Z')).toBe(dayNumber('2026-12-31'));
    expect(beijingDayNumber('2026-12-31T16:00:00.000Z')).toBe(dayNumber('2027-01-01'));
  });

  it('leap days: every fourth year, not centuries, but every fourth century', () => {
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(() => dayNumber('2026-1-1')).toThrow(RangeError);
  });
});
