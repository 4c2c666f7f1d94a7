import {
  addWorkingDays,
  beijingDate,
  clockStatus,
  countRunning,
  defaultCalendar,
  firstDue,
  type Instant,
  type OpenClock,
} from '@xinfang/shared/clocks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST_WORKING_DAYS, digestDeadlines } from '../notifications/reminders';
import { dueSoonWindow } from './due-soon';
import { isOverdue } from './inbox-queues';
import { NO_DUE, nextDeadlineAmong } from './next-due';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T02:00:00.000Z');
/** The last day a digest read at `now` looks to. */
const horizonOf = (now: Instant) => addWorkingDays(beijingDate(now), DIGEST_WORKING_DAYS, defaultCalendar);
const at = (hours: number): Instant => new Date(START + hours * HOUR).toISOString();

/**
 * A petition's running clocks as the write path keeps them: a re-examination's answer (Art 36),
 * its hearing scheduled early, on its last day or after it had run out, or never, perhaps held and
 * perhaps scheduled again; a 督办单's answer by its set date (Art 40); a handling period (Art 32).
 */
const cases = fc
  .record({
    started: fc.integer({ min: 0, max: 60 * 24 }),
    pauses: fc.array(fc.record({ after: fc.integer({ min: 0, max: 50 * 24 }), lasted: fc.nat(30 * 24) }), {
      maxLength: 2,
    }),
    lastRunning: fc.boolean(),
    supervisedUntil: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
    handlingFrom: fc.option(fc.integer({ min: 0, max: 120 * 24 }), { nil: null }),
    readAfter: fc.integer({ min: 0, max: 90 * 24 }),
    writtenBefore: fc.nat(90 * 24),
  })
  .map(({ started, pauses, lastRunning, supervisedUntil, handlingFrom, readAfter, writtenBefore }) => {
    const open = (name: OpenClock['name'], start: Instant, more: Partial<OpenClock> = {}): OpenClock => ({
      name,
      stage: 're_examination',
      ref: null,
      start,
      setDate: null,
      extraDays: 0,
      paused: [],
      finishedAt: null,
      finishedBy: null,
      ...more,
    });
    let last = started;
    const paused = pauses.map(({ after, lasted }, i) => {
      const from = last + after;
      const running = lastRunning && i === pauses.length - 1;
      last = running ? from : from + lasted;
      return { from: at(from), to: running ? null : at(last) };
    });
    const running = [open('re_examination_answer', at(started), { paused })];
    if (supervisedUntil !== null)
      running.push(
        open('supervision_answer', at(0), { ref: 1, setDate: at(supervisedUntil * 24 + 12).slice(0, 10) }),
      );
    if (handlingFrom !== null) {
      running.push(open('handling', at(handlingFrom), { stage: 'first' }));
      last = Math.max(last, handlingFrom);
    }
    return {
      running,
      now: at(last + readAfter),
      // The row was last written at any instant from its last event until now (a job, a recount).
      written: at(last + Math.min(writtenBefore, readAfter)),
    };
  });

describe('a paused clock is counted alike in SQL, the counters, the digest and on the badge', () => {
  it('即将到期 and 超期 by the kept column say what the line’s badge says', () => {
    fc.assert(
      fc.property(cases, ({ running, now, written }) => {
        // What the write path keeps in the row, at the instant it wrote it.
        const column = nextDeadlineAmong(running, defaultCalendar, new Date(written));
        // The line's badge, counted from the same running clocks when read.
        const first = firstDue(countRunning(running, defaultCalendar, now), (c) => c.kind === 'deadline');
        const badge = first ? clockStatus(first, now, defaultCalendar) : null;
        // The list's 即将到期 filter and the overview (due-soon.ts), and the overdue queue and the
        // kept tallies (inbox-queues.ts) over that column.
        const window = dueSoonWindow(new Date(now), defaultCalendar);
        const soon = column !== NO_DUE && column >= window.from && column <= window.to;
        const overdue = isOverdue({ state: 'handling', awaitingApproval: false, nextDueAt: column }, now);
        // The morning digest, counting the case once: overdue if a deadline is, else due soon.
        const told = digestDeadlines(countRunning(running, defaultCalendar, now), now, horizonOf(now));
        const digest = told.some((d) => d.late) ? 'overdue' : told.length > 0 ? 'due_soon' : null;
        expect({ soon, overdue, none: column === NO_DUE, digest }).toEqual({
          soon: badge === 'due_soon',
          overdue: badge === 'overdue',
          none: badge === null || badge === 'paused',
          digest: badge === 'due_soon' || badge === 'overdue' ? badge : null,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a date that moves with no day a hearing is awaited', () => {
    fc.assert(
      fc.property(cases, ({ running, now, written }) => {
        const kept = nextDeadlineAmong(running, defaultCalendar, new Date(written));
        expect(nextDeadlineAmong(running, defaultCalendar, new Date(now))).toBe(kept);
      }),
      { numRuns: 200 },
    );
  });
});
