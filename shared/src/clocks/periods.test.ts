import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './calendar';
import { addDays, beijingDate, daysBetween, endOfBeijingDay } from './dates';
import { addWorkingDays, dueDateOf } from './periods';

const calendar = defaultCalendar;
/** Noon in Beijing on a date. */
const at = (date: string) => `${date}T04:00:00.000Z`;

describe('Beijing days', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['2026-10-01T02:00:00.000Z', '2026-10-01'],
  ])('%s falls on %s', (instant, date) => {
    expect(beijingDate(instant)).toBe(date);
  });

  it('ends a due day at 23:59:59.999 Beijing time', () => {
    expect(endOfBeijingDay('2026-10-08')).toBe('2026-10-08T15:59:59.999Z');
  });
});

describe('Civil Code Art 201–203 — counting days', () => {
  it.each([
    // A period starts the day after the event.
    ['an ordinary 15 days', '2026-03-02', 15, '2026-03-17'],
    // Day 15 is 2025-10-05, inside National Day and Mid-autumn (10-01..10-08): ends 10-09.
    ['ending inside the National Day week', '2025-09-20', 15, '2025-10-09'],
    // Day 15 is 2026-02-16, inside Spring Festival (02-15..02-23): ends 02-24.
    ['spanning Spring Festival', '2026-02-01', 15, '2026-02-24'],
    // Day 15 is 2026-02-28, the make-up Saturday after Spring Festival: a working day.
    ['ending on a make-up Saturday', '2026-02-13', 15, '2026-02-28'],
    // Day 30 is 2026-10-03 (National Day): ends 10-08.
    ['30 days into National Day 2026', '2026-09-03', 30, '2026-10-08'],
    // Day 60 is 2026-01-03 (New Year holiday, a Saturday): ends on the make-up Sunday 01-04.
    ['60 days into New Year 2026', '2025-11-04', 60, '2026-01-04'],
  ])('%s: from %s, %i days → %s', (_case, start, days, due) => {
    expect(dueDateOf(at(start), { length: days, unit: 'days' }, calendar).date).toBe(due);
  });

  it.each([
    // Fri 09-26 (1), Sat 09-27 rest, Sun 09-28 make-up (2), 09-29 (3), 09-30 (4), 10-01..08 rest, 10-09 (5).
    ['across the make-up Sunday before National Day 2025', '2025-09-25', '2025-10-09'],
    // Sat 02-14 make-up (1), 02-15..23 Spring Festival, 02-24 (2) … 02-27 (5).
    ['across Spring Festival 2026 and its make-up Saturday', '2026-02-13', '2026-02-27'],
    ['an ordinary week', '2026-11-23', '2026-11-30'],
  ])('5 working days %s: from %s → %s', (_case, start, due) => {
    expect(dueDateOf(at(start), { length: 5, unit: 'working_days' }, calendar).date).toBe(due);
  });

  it('flags a count that runs into a year without its notice', () => {
    expect(dueDateOf(at('2026-12-20'), { length: 30, unit: 'days' }, calendar).calendarComplete).toBe(false);
    expect(dueDateOf(at('2026-11-20'), { length: 30, unit: 'days' }, calendar).calendarComplete).toBe(true);
  });

  it.each([
    // Day 30 is 2027-02-08, 正月初三: the review window (Art 35) ends on Tuesday 02-09.
    ['a review window into 春节 2027', '2027-01-09', { length: 30, unit: 'days' }, '2027-02-09'],
    // Accepted 2026-12-10: day 60 is 2027-02-08 too (Art 34).
    ['a handling period into 春节 2027', '2026-12-10', { length: 60, unit: 'days' }, '2027-02-09'],
    // Assigned Monday 2026-12-28: 29, 30, 31 December, (元旦 2027 on Friday), 4 and 5 January.
    ['an objection window over 元旦 2027', '2026-12-28', { length: 5, unit: 'working_days' }, '2027-01-05'],
  ] as const)('without the notice, %s: from %s, %o → %s', (_case, start, period, due) => {
    expect(dueDateOf(at(start), period, calendar)).toEqual({ date: due, calendarComplete: false });
  });

  const instants = fc
    .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-10-31T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString());

  it('a due date in days is after its start, at least the period away, and a working day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 90 }), (start, days) => {
        const due = dueDateOf(start, { length: days, unit: 'days' }, calendar).date;
        const gap = daysBetween(beijingDate(start), due);
        expect(gap).toBeGreaterThanOrEqual(days);
        expect(calendar.isWorkingDay(due)).toBe(true);
        // No earlier working day at or after the nominal last day.
        for (let d = addDays(beijingDate(start), days); d < due; d = addDays(d, 1)) {
          expect(calendar.isWorkingDay(d)).toBe(false);
        }
      }),
    );
  });

  it('a due date in working days is a working day with exactly that many working days up to it', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 20 }), (start, count) => {
        const from = beijingDate(start);
        const due = addWorkingDays(from, count, calendar);
        expect(due > from).toBe(true);
        expect(calendar.isWorkingDay(due)).toBe(true);
        let working = 0;
        for (let d = addDays(from, 1); d <= due; d = addDays(d, 1))
          if (calendar.isWorkingDay(d)) working += 1;
        expect(working).toBe(count);
      }),
    );
  });
});
