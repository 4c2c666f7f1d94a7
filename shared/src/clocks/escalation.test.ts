import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Petition } from '../lifecycle/petition';
import {
  ACTORS,
  act,
  answer,
  assigned,
  handling,
  issued,
  later,
  replied,
  submitted,
  T0,
  UNITS,
} from '../lifecycle/test-kit';
import { isWithin } from '../lifecycle/units';
import { defaultCalendar } from './calendar';
import { clocksOf } from './clocks-of';
import { endOfBeijingDay, type Instant } from './dates';
import {
  DEFAULT_ESCALATION_POLICY,
  deadlineHolder,
  type EscalationPolicy,
  escalationsOf,
  workingDaysAfter,
} from './escalation';

const steps = (p: Petition, now: Instant, policy = DEFAULT_ESCALATION_POLICY) =>
  escalationsOf(p, clocksOf(p, defaultCalendar, now), defaultCalendar, now, policy);
const of = (p: Petition, now: Instant, clock: string) =>
  steps(p, now)
    .filter((s) => s.clock === clock)
    .map((s) => [s.level, s.flag, s.unit.id]);
/** 10:00 Beijing time on a date. */
const bj = (date: string) => `${date}T02:00:00.000Z`;

describe('the ladder, across the Labour Day holiday (handling due Wed 6 May 2026)', () => {
  const p = handling();

  it('is yellow from 3 working days before the due day — earlier in calendar days over a holiday', () => {
    // Mon 27 Apr: 28, 29, 30 Apr are the next 3 working days, 6 May is not among them.
    expect(of(p, bj('2026-04-27'), 'handling')).toEqual([]);
    // Tue 28 Apr: 29 Apr, 30 Apr, (1–5 May off) 6 May — eight calendar days before, already yellow.
    expect(of(p, bj('2026-04-28'), 'handling')).toEqual([[0, 'yellow', 'section1']]);
    expect(of(p, endOfBeijingDay('2026-05-06'), 'handling')).toEqual([[0, 'yellow', 'section1']]);
  });

  it('is red to the holder the moment the due day ends, and climbs a level every 5 working days late', () => {
    expect(of(p, later(endOfBeijingDay('2026-05-06'), 0, 0.001), 'handling')).toEqual([
      [1, 'red', 'section1'],
    ]);
    // 7, 8, 11, 12, 13 May are the first five working days late (9 May is a make-up working day).
    const fifth = defaultCalendar.isWorkingDay('2026-05-09') ? '2026-05-12' : '2026-05-13';
    expect(workingDaysAfter('2026-05-06', fifth, defaultCalendar)).toBe(5);
    expect(of(p, bj(fifth), 'handling')).toEqual([
      [1, 'red', 'section1'],
      [2, 'red', 'mine1'],
    ]);
    // Never past the root, however late.
    expect(of(p, bj('2026-12-31'), 'handling')).toEqual([
      [1, 'red', 'section1'],
      [2, 'red', 'mine1'],
      [3, 'red', 'group'],
    ]);
  });

  it('the number of working days before and after is the policy’s', () => {
    const policy: EscalationPolicy = { dueSoonWorkingDays: 1, upAfterWorkingDays: 1 };
    expect(steps(p, bj('2026-04-29'), policy).filter((s) => s.clock === 'handling')).toHaveLength(0);
    expect(steps(p, bj('2026-05-07'), policy).filter((s) => s.clock === 'handling')).toHaveLength(2);
  });

  it('an answered deadline is no longer escalated; a supervision notice is held by the unit supervised', () => {
    const supervised = act(
      p,
      ACTORS.supervisor,
      'issue_supervision',
      { concern: 'delay', requirements: '请说明', dueDate: '2026-03-20' },
      later(T0, 3),
    );
    expect(of(supervised, bj('2026-03-23'), 'supervision_answer')).toEqual([[1, 'red', 'section1']]);
    const answered = act(
      supervised,
      ACTORS.sectionHead,
      'answer_supervision',
      { supervisionNo: 1, answer: '已办理' },
      later(T0, 4),
    );
    expect(of(answered, bj('2026-03-23'), 'supervision_answer')).toEqual([]);
  });

  it('triage is held by the receiving unit', () => {
    const p0 = submitted();
    const triage = clocksOf(p0, defaultCalendar, T0).find((c) => c.name === 'triage');
    expect(triage && deadlineHolder(p0, triage).id).toBe('group');
    expect(of(p0, bj('2026-03-18'), 'triage')).toEqual([[1, 'red', 'group']]);
  });
});

describe('properties', () => {
  const fixtures = [submitted, assigned, () => handling(), () => handling('suggestion'), () => issued()];
  const policy = fc.record({
    dueSoonWorkingDays: fc.integer({ min: 0, max: 10 }),
    upAfterWorkingDays: fc.integer({ min: 1, max: 15 }),
  });
  const offset = fc.integer({ min: 0, max: 400 * 24 });
  const at = (hours: number) => later(T0, 0, hours);

  it('never names one level of one clock twice; the red levels are 1..n and each climbs into the line above', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), offset, policy, (make, hours, pol) => {
        const p = make();
        const list = steps(p, at(hours), pol);
        const keys = list.map((s) => `${s.clockKey}#${s.level}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of new Set(list.map((s) => s.clockKey))) {
          const clockSteps = list.filter((s) => s.clockKey === key);
          const levels = clockSteps.map((s) => s.level);
          const holder = clockSteps[0]?.unit ?? UNITS.group;
          if (levels[0] === 0) expect(levels).toEqual([0]);
          else expect(levels).toEqual(levels.map((_, i) => i + 1));
          for (const s of clockSteps) {
            expect(isWithin(holder, s.unit)).toBe(true);
            expect(s.unit.path.length).toBe(Math.max(1, holder.path.length - Math.max(0, s.level - 1)));
          }
        }
      }),
    );
  });

  it('once reached, a red level stays reached while the clock runs (so it is recorded once, not undone)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), offset, offset, policy, (make, a, b, pol) => {
        const p = make();
        const keys = (hours: number) =>
          new Set(
            steps(p, at(hours), pol)
              .filter((s) => s.flag === 'red')
              .map((s) => `${s.clockKey}#${s.level}`),
          );
        const [early, late] = [keys(Math.min(a, b)), keys(Math.max(a, b))];
        for (const key of early) expect(late.has(key)).toBe(true);
      }),
    );
  });

  it('never escalates a closed case, however late', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures.slice(0, 4)),
        fc.integer({ min: 1, max: 200 }),
        offset,
        (make, endHours, afterHours) => {
          const p = make();
          const ended = act(p, ACTORS.petitioner, 'withdraw', {}, at(Math.max(endHours, 60)));
          expect(steps(ended, later(at(Math.max(endHours, 60)), 0, afterHours))).toEqual([]);
        },
      ),
    );
  });
});

describe('a re-examination waiting for its hearing (Art 36: the hearing time does not count)', () => {
  const reason = { reason: '补发金额不对' };
  // Replied 2026-03-22, reviewed and answered, re-examination asked 2026-04-02 (due 2026-05-06).
  const reviewed = answer(
    act(replied(), ACTORS.petitioner, 'request_review', reason, later(T0, 25)),
    ACTORS.mineHandler,
    ACTORS.mineHead,
    later(T0, 30),
  );
  const reExamining = act(reviewed, ACTORS.petitioner, 'request_re_examination', reason, later(T0, 31));
  const hours = (h: number) => later(T0, 31, h);

  it('neither warns nor climbs while the hearing is awaited, however long, whatever the policy', () => {
    fc.assert(
      fc.property(
        // Scheduled by the due day (2026-05-06): a hearing scheduled later stops nothing (below).
        fc.integer({ min: 0, max: 33 * 24 }),
        fc.integer({ min: 0, max: 300 * 24 }),
        fc.record({
          dueSoonWorkingDays: fc.integer({ min: 0, max: 40 }),
          upAfterWorkingDays: fc.integer({ min: 1, max: 15 }),
        }),
        (scheduledAfter, waited, policy) => {
          const scheduled = act(
            reExamining,
            ACTORS.groupHandler,
            'schedule_hearing',
            { scheduledFor: hours(scheduledAfter + 24), place: '集团听证室' },
            hours(scheduledAfter),
          );
          const now = hours(scheduledAfter + waited);
          expect(clocksOf(scheduled, defaultCalendar, now).some((c) => c.paused.at(-1)?.to === null)).toBe(
            true,
          );
          expect(steps(scheduled, now, policy)).toEqual([]);
        },
      ),
    );
  });

  it('stays red when the hearing was scheduled after the limit had run out', () => {
    const late = act(
      reExamining,
      ACTORS.groupHandler,
      'schedule_hearing',
      { scheduledFor: later(T0, 70), place: '集团听证室' },
      later(T0, 66),
    );
    // Due 2026-05-06, scheduled 2026-05-07: the date does not move while the hearing is awaited.
    const reached = steps(late, bj('2026-05-20'));
    expect(reached.map((s) => [s.clock, s.flag, s.dueDate])).toContainEqual([
      're_examination_answer',
      'red',
      '2026-05-06',
    ]);
  });

  it('is warned of the new due date once the hearing is held', () => {
    const scheduled = act(
      reExamining,
      ACTORS.groupHandler,
      'schedule_hearing',
      { scheduledFor: later(T0, 40), place: '集团听证室' },
      later(T0, 35),
    );
    expect(of(scheduled, bj('2026-05-05'), 're_examination_answer')).toEqual([]);
    const held = act(scheduled, ACTORS.groupHandler, 'hold_hearing', { summary: '听证' }, later(T0, 45));
    // Ten days paused: due 2026-05-12 instead of 2026-05-06.
    expect(steps(held, bj('2026-05-08')).map((s) => [s.clock, s.level, s.dueDate])).toEqual([
      ['re_examination_answer', 0, '2026-05-12'],
    ]);
  });
});
