import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTORS, act, answer, later, replied, T0, UNITS } from '../lifecycle/test-kit';
import { type Calendar, createCalendar, defaultCalendar } from './calendar';
import type { Clock, PauseInterval } from './clock';
import { clocksOf } from './clocks-of';
import { addDays, beijingDate, type DateString, daysBetween, endOfBeijingDay, type Instant } from './dates';
import { DEFAULT_ESCALATION_POLICY, ladderOf } from './escalation';
import {
  CLOCK_STATUSES,
  clockStatus,
  DUE_SOON_WORKING_DAYS,
  dueSoon,
  isPaused,
  overdue,
  pausedDays,
} from './status';

/** 10:00 Beijing time on a date. */
const bj = (date: string) => `${date}T02:00:00.000Z`;
const DAY0 = '2027-01-01';
const day = fc.integer({ min: 0, max: 364 }).map((n) => addDays(DAY0, n));

/** A 2027 of random holiday blocks and make-up days: long holidays, odd weeks, none at all. */
const calendars: fc.Arbitrary<Calendar> = fc
  .record({
    holidays: fc.array(
      fc.record({ from: day, length: fc.integer({ min: 0, max: 9 }) }).map((b) => ({
        name: '假日',
        from: b.from,
        to: addDays(b.from, b.length),
      })),
      { maxLength: 8 },
    ),
    makeUpWorkdays: fc.array(day, { maxLength: 6 }),
  })
  .map((year) => createCalendar([{ year: 2027, ...year }]));

/** A pause: none, one that ended, or one still running (the hearing is awaited). */
type PauseShape = 'none' | 'ended' | 'running';

function clockOn(dueDate: DateString, pause: PauseShape, pausedOn: DateString): Clock {
  const paused: PauseInterval[] =
    pause === 'none'
      ? []
      : [{ from: bj(pausedOn), to: pause === 'ended' ? endOfBeijingDay(pausedOn) : null }];
  return {
    name: 're_examination_answer',
    article: '36',
    kind: 'deadline',
    stage: 're_examination',
    ref: null,
    period: null,
    extraDays: 0,
    start: bj(DAY0),
    startDate: DAY0,
    dueDate,
    due: endOfBeijingDay(dueDate),
    paused,
    finishedAt: null,
    finishedBy: null,
    met: null,
    calendarComplete: true,
  };
}

const instants = fc.integer({ min: 0, max: 364 * 24 * 60 }).map((minutes) => {
  const at = new Date(Date.parse(`${DAY0}T00:00:00+08:00`) + minutes * 60_000);
  return at.toISOString() as Instant;
});
const pauses = fc.constantFrom<PauseShape>('none', 'ended', 'running');

describe('due soon is the yellow flag’s window, in working days (Art 38)', () => {
  it('one number for both', () => {
    expect(DEFAULT_ESCALATION_POLICY.dueSoonWorkingDays).toBe(DUE_SOON_WORKING_DAYS);
  });

  it('a running, unpaused deadline is due soon exactly when the ladder flags it yellow', () => {
    fc.assert(
      fc.property(calendars, day, instants, (calendar, dueDate, now) => {
        const clock = clockOn(dueDate, 'none', DAY0);
        const rungs = ladderOf(
          { dueDate, overdue: now > clock.due },
          UNITS.group,
          beijingDate(now),
          calendar,
          DEFAULT_ESCALATION_POLICY,
        );
        const yellow = rungs.some((r) => r.flag === 'yellow');
        expect(dueSoon(clock, now, calendar)).toBe(yellow);
        expect(clockStatus(clock, now, calendar) === 'due_soon').toBe(yellow);
      }),
    );
  });

  it('before the Labour Day holiday: warned 8 calendar days ahead, and due soon with it', () => {
    // Handling due Wed 6 May 2026; 1–5 May rest, so three working days ahead is Tue 28 April.
    const clock = clockOn('2026-05-06', 'none', DAY0);
    expect(clockStatus(clock, bj('2026-04-27'), defaultCalendar)).toBe('running');
    expect(clockStatus(clock, bj('2026-04-28'), defaultCalendar)).toBe('due_soon');
  });
});

describe('a paused clock says so (Art 36: the hearing time does not count)', () => {
  it('is paused, never due soon or overdue, however near or past its date', () => {
    fc.assert(
      fc.property(calendars, day, day, instants, pauses, (calendar, dueDate, pausedOn, now, pause) => {
        const clock = clockOn(dueDate, pause, pausedOn);
        const status = clockStatus(clock, now, calendar);
        expect(CLOCK_STATUSES).toContain(status);
        const inTime = pause === 'running' && pausedOn <= dueDate;
        expect(status === 'paused').toBe(inTime);
        if (inTime) {
          expect(dueSoon(clock, now, calendar)).toBe(false);
          expect(overdue(clock, now)).toBe(false);
          expect(pausedDays(clock, now)).toBe(Math.max(0, daysBetween(pausedOn, beijingDate(now))));
        } else expect(pausedDays(clock, now)).toBeNull();
      }),
    );
  });

  it('stops nothing when the limit had run out before the hearing was scheduled: overdue', () => {
    fc.assert(
      fc.property(calendars, day, fc.integer({ min: 1, max: 60 }), instants, (calendar, due, late, now) => {
        const pausedOn = addDays(due, late);
        fc.pre(beijingDate(now) >= pausedOn);
        const clock = clockOn(due, 'running', pausedOn);
        expect(isPaused(clock)).toBe(false);
        expect(clockStatus(clock, now, calendar)).toBe('overdue');
        expect(overdue(clock, now)).toBe(true);
      }),
    );
  });

  it('from the hearing’s scheduling until it is held, counting the days', () => {
    const reason = { reason: '补发金额不对' };
    const reviewed = answer(
      act(replied(), ACTORS.petitioner, 'request_review', reason, later(T0, 25)),
      ACTORS.mineHandler,
      ACTORS.mineHead,
      later(T0, 30),
    );
    const asked = act(reviewed, ACTORS.petitioner, 'request_re_examination', reason, later(T0, 31));
    const place = { scheduledFor: later(T0, 40), place: '集团听证室' };
    const scheduled = act(asked, ACTORS.groupHandler, 'schedule_hearing', place, later(T0, 35));
    const answerClock = (p: typeof asked, now: Instant) =>
      clocksOf(p, defaultCalendar, now).find((c) => c.name === 're_examination_answer') as Clock;
    const waiting = answerClock(scheduled, later(T0, 38));
    expect(isPaused(waiting)).toBe(true);
    expect(clockStatus(waiting, later(T0, 38), defaultCalendar)).toBe('paused');
    expect(pausedDays(waiting, later(T0, 38))).toBe(3);
    const held = act(scheduled, ACTORS.groupHandler, 'hold_hearing', { summary: '听证' }, later(T0, 45));
    const after = answerClock(held, later(T0, 46));
    expect(isPaused(after)).toBe(false);
    expect(pausedDays(after, later(T0, 46))).toBeNull();
    expect(clockStatus(after, later(T0, 46), defaultCalendar)).not.toBe('paused');
  });
});
