import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beijingHour,
  isQuiet,
  nextBeijingMidnight,
  nextDayOutsideQuietHours,
  outsideQuietHours,
  retryDelayMs,
} from './timing';

const bj = (local: string) => new Date(`${local}+08:00`);
const NIGHT = { from: 21 * 60, to: 8 * 60 };

describe('quiet hours (Beijing time)', () => {
  it('holds an SMS from 21:00 to 08:00, and lets one go outside them', () => {
    expect(outsideQuietHours(bj('2026-03-02T20:59:00'), NIGHT)).toEqual(bj('2026-03-02T20:59:00'));
    expect(outsideQuietHours(bj('2026-03-02T21:00:00'), NIGHT)).toEqual(bj('2026-03-03T08:00:00'));
    expect(outsideQuietHours(bj('2026-03-03T03:15:42'), NIGHT)).toEqual(bj('2026-03-03T08:00:00'));
    expect(outsideQuietHours(bj('2026-03-03T08:00:00'), NIGHT)).toEqual(bj('2026-03-03T08:00:00'));
    expect(outsideQuietHours(bj('2026-03-03T03:15:42'), null)).toEqual(bj('2026-03-03T03:15:42'));
  });

  it('works for hours that do not wrap midnight too', () => {
    const lunch = { from: 12 * 60, to: 13 * 60 + 30 };
    expect(outsideQuietHours(bj('2026-03-02T12:10:00'), lunch)).toEqual(bj('2026-03-02T13:30:00'));
    expect(isQuiet(bj('2026-03-02T13:30:00'), lunch)).toBe(false);
  });

  it('never returns a quiet moment, nor one earlier than asked, nor more than a day later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        (at, from, to) => {
          fc.pre(from !== to);
          const quiet = { from, to };
          const out = outsideQuietHours(at, quiet);
          expect(isQuiet(out, quiet)).toBe(false);
          expect(out.getTime()).toBeGreaterThanOrEqual(at.getTime() - 60_000);
          expect(out.getTime() - at.getTime()).toBeLessThanOrEqual(24 * 3600_000);
        },
      ),
    );
  });

  it('knows when WeChat’s daily quota resets: midnight in Beijing', () => {
    expect(nextBeijingMidnight(bj('2026-03-02T23:59:30'))).toEqual(bj('2026-03-03T00:00:00'));
    expect(nextBeijingMidnight(bj('2026-03-02T00:00:00'))).toEqual(bj('2026-03-03T00:00:00'));
  });

  it('sends what a day limit held back the next morning, once the quiet hours end, not at midnight', () => {
    expect(nextDayOutsideQuietHours(bj('2026-03-02T10:00:00'), NIGHT)).toEqual(bj('2026-03-03T08:00:00'));
    expect(nextDayOutsideQuietHours(bj('2026-03-02T23:59:00'), NIGHT)).toEqual(bj('2026-03-03T08:00:00'));
    expect(nextDayOutsideQuietHours(bj('2026-03-02T10:00:00'), null)).toEqual(bj('2026-03-03T00:00:00'));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        (at, from, to) => {
          fc.pre(from !== to);
          const quiet = { from, to };
          const out = nextDayOutsideQuietHours(at, quiet);
          const midnight = nextBeijingMidnight(at);
          expect(isQuiet(out, quiet)).toBe(false);
          expect(out.getTime()).toBeGreaterThanOrEqual(midnight.getTime());
          expect(out.getTime() - midnight.getTime()).toBeLessThan(24 * 3600_000);
        },
      ),
    );
  });

  it('reads the hour of the day in Beijing', () => {
    expect(beijingHour(bj('2026-03-04T00:07:00'))).toBe(0);
    expect(beijingHour(bj('2026-03-04T07:59:59'))).toBe(7);
    expect(beijingHour(bj('2026-03-04T08:00:00'))).toBe(8);
    expect(beijingHour(bj('2026-03-04T23:30:00'))).toBe(23);
  });
});

describe('retry waits', () => {
  it('double each time, from 30 s to at most 6 h, half of each wait random', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 1)).toBe(30_000);
    expect(retryDelayMs(2, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, () => 1)).toBe(6 * 3600_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const wait = retryDelayMs(attempt, () => r);
          const ceiling = Math.min(6 * 3600_000, 30_000 * 2 ** (attempt - 1));
          expect(wait).toBeGreaterThanOrEqual(ceiling / 2 - 1);
          expect(wait).toBeLessThanOrEqual(ceiling + 1);
        },
      ),
    );
  });
});
