import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../lifecycle/test-kit';
import { defaultCalendar } from './calendar';
import { addDays, type DateString, endOfBeijingDay, startOfBeijingDay } from './dates';
import { type ScreeningDeadline, screeningEscalationsOf } from './screening-escalation';

/** A B-grade item of the first team, due on Wednesday 6 May 2026 (1–5 May off, Saturday 9 May worked). */
const item: ScreeningDeadline = { deadline: '2026-05-06', status: 'open', unit: UNITS.team1 };
const on = (day: DateString, of = item) =>
  screeningEscalationsOf(of, defaultCalendar, endOfBeijingDay(day)).map((r) => [r.level, r.flag, r.unit.id]);

describe('screeningEscalationsOf', () => {
  it('is yellow from three working days before the deadline, counting over Labour Day', () => {
    expect(on('2026-04-27')).toEqual([]);
    expect(on('2026-04-28')).toEqual([[0, 'yellow', 'team1']]);
    expect(on('2026-05-06')).toEqual([[0, 'yellow', 'team1']]);
  });

  it('is red to the unit the day after, and climbs a level every five working days late', () => {
    expect(on('2026-05-07')).toEqual([[1, 'red', 'team1']]);
    // Working days late: 7, 8, 9 (a worked Saturday), 11, 12 May.
    expect(on('2026-05-11')).toEqual([[1, 'red', 'team1']]);
    expect(on('2026-05-12')).toEqual([
      [1, 'red', 'team1'],
      [2, 'red', 'section1'],
    ]);
    expect(on('2026-12-31').map(([level, , unit]) => [level, unit])).toEqual([
      [1, 'team1'],
      [2, 'section1'],
      [3, 'mine1'],
      [4, 'group'],
    ]);
  });

  it('turns red only once the deadline day has ended (Beijing time)', () => {
    expect(screeningEscalationsOf(item, defaultCalendar, endOfBeijingDay('2026-05-06'))).toHaveLength(1);
    expect(screeningEscalationsOf(item, defaultCalendar, startOfBeijingDay('2026-05-07'))[0]?.flag).toBe(
      'red',
    );
  });

  it('has no step once closed', () => {
    expect(on('2026-12-31', { ...item, status: 'closed' })).toEqual([]);
  });

  it('never repeats or skips a level, never climbs above the root, and keeps what it reached', () => {
    const units = fc.constantFrom(...Object.values(UNITS));
    const days = fc.integer({ min: -30, max: 400 });
    const policy = fc.record({
      dueSoonWorkingDays: fc.integer({ min: 0, max: 10 }),
      upAfterWorkingDays: fc.integer({ min: 1, max: 15 }),
    });
    fc.assert(
      fc.property(units, days, days, policy, fc.boolean(), (unit, a, b, pol, closed) => {
        const of: ScreeningDeadline = { deadline: '2026-05-06', status: closed ? 'closed' : 'open', unit };
        const at = (d: number) =>
          screeningEscalationsOf(of, defaultCalendar, endOfBeijingDay(addDays('2026-05-06', d)), pol);
        const [early, later] = a <= b ? [at(a), at(b)] : [at(b), at(a)];
        if (closed) return later.length === 0;
        const levels = later.map((r) => r.level);
        const contiguous = levels.every((l, i) => i === 0 || l === (levels[i - 1] ?? 0) + 1);
        const withinRoot = later.every((r) => r.unit.path.length >= 1 && unit.path.includes(r.unit.id));
        const red = later.filter((r) => r.flag === 'red').map((r) => r.level);
        // Once red, every red level reached earlier is still reached (yellow gives way to red).
        const kept = early.filter((r) => r.flag === 'red').every((r) => red.includes(r.level));
        return new Set(levels).size === levels.length && contiguous && withinRoot && kept;
      }),
      { numRuns: 200 },
    );
  });
});
