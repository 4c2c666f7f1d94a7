import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import {
  clocksOf,
  countRunning,
  countsOnNow,
  firstDue,
  nextDueAmong,
  nextDueClock,
  runningClocksOf,
} from '../clocks/clocks-of';
import { addDays, beijingDate, endOfBeijingDay, type Instant, startOfBeijingDay } from '../clocks/dates';
import { CLOCK_DEFINITIONS } from '../clocks/definitions';
import { dueDateOf } from '../clocks/periods';
import { clockStatus, nextDue } from '../clocks/status';
import { accuses } from './accuser';
import { CASE_ACTION_TYPES, type CaseActionType, EXTENSION_MAX_DAYS } from './action-specs';
import type { Action } from './actions';
import type { AnyActor } from './actor';
import { allowedActions } from './allowed';
import { type Decision, decide } from './decide';
import { gate } from './gate';
import type { Petition } from './petition';
import { isGateRule, type Refusal, RULE_IDS, RULES } from './rules';
import { HANDLING_STATES, PETITION_STATES } from './states';
import { ACTORS, act, attempt, handling, issued, later, T0, UNITS } from './test-kit';
import { STAGES } from './vocabulary';
import { ENDINGS, open, POOL, QUIET, start, step, validParams } from './walks.test-kit';

/**
 * Random walks through the lifecycle: at each step someone takes one of the actions
 * `allowedActions` offers them, with valid parameters, after a random pause. Along the way every
 * action type is tried by the same actor, to hold `allowedActions` and `decide` together.
 */

function expectNamedRule(refusal: Refusal) {
  expect(RULE_IDS).toContain(refusal.rule);
  expect(refusal.article).toBe(RULES[refusal.rule].article);
  expect(refusal.message.length).toBeGreaterThan(0);
}

function invariants(prev: Petition, decision: Decision & { ok: true }) {
  const next = decision.petition;
  expect(PETITION_STATES).toContain(next.state);
  expect(STAGES).toContain(next.stage);
  expect(next.version).toBe(prev.version + 1);
  expect(next.events).toEqual([...prev.events, ...decision.events]);
  // Art 34: at most one extension, of at most 30 days.
  const granted = next.events.filter((e) => e.type === 'extension_approved');
  expect(granted.length).toBeLessThanOrEqual(1);
  for (const e of granted)
    expect(e.type === 'extension_approved' && e.data.days).toBeLessThanOrEqual(EXTENSION_MAX_DAYS);
  // A unit is working on it whenever it is past triage.
  if ([...HANDLING_STATES, 'assigned', 'replied'].includes(next.state))
    expect(next.units.handling).not.toBeNull();
  // Art 35, 36: an appeal goes up exactly one level.
  if (next.stage !== prev.stage) {
    expect(next.units.handling?.path).toEqual(prev.units.handling?.path.slice(0, -1));
    expect(next.units.answering).toEqual(prev.units.handling);
  }
  // Art 30: an accusation is never with the accused unit or below it, once the unit is named.
  if (next.units.handling && [...HANDLING_STATES, 'assigned'].includes(next.state))
    expect(accuses(next, next.units.handling)).toBe(false);
  // Art 30: nor received there, unless the top itself is accused (nobody stands outside it).
  if (next.units.concerned && next.units.concerned.path.length > 1)
    expect(accuses(next, next.units.receiving)).toBe(false);
  // Art 36 ¶3: once final, nothing changes the state.
  if (prev.state === 'final') expect(next.state).toBe('final');
}

function clockInvariants(p: Petition, now: Instant) {
  // The next date a list shows, counted from the running clocks only, is the one of all the clocks
  // (a copy of the petition: clocksOf keeps its last answer per petition value).
  // So is the one counted from the running clocks as the write path keeps them (JSON text).
  const kept = JSON.parse(JSON.stringify(runningClocksOf(p)));
  for (const kinds of [['deadline'], ['deadline', 'window']] as const) {
    const include = (c: { kind: string }) => kinds.includes(c.kind as never);
    const expected = nextDue(clocksOf(p, defaultCalendar, now), kinds);
    expect(nextDueClock({ ...p }, defaultCalendar, now, include)).toEqual(expected);
    expect(nextDueAmong(kept, defaultCalendar, now, include)).toEqual(expected);
    expect(firstDue(countRunning(kept, defaultCalendar, now), include)).toEqual(expected);
  }
  // Counted running clocks are kept across instants unless a pause still runs (a list's cache).
  if (!countsOnNow(kept))
    expect(countRunning(kept, defaultCalendar, later(now, 45))).toEqual(
      countRunning(kept, defaultCalendar, now),
    );
  for (const clock of clocksOf(p, defaultCalendar, now)) {
    // A verdict only when what the clock waits for was done; any other end (a withdrawal, a
    // closing, an agreed objection, …) stops it with none — never a false 「按期」.
    const settled =
      clock.finishedBy !== null &&
      (CLOCK_DEFINITIONS[clock.name].settledBy as readonly string[]).includes(clock.finishedBy);
    expect(clock.met === null, `${clock.name} ended by ${clock.finishedBy}`).toBe(!settled);
    if (clock.finishedBy === 'withdrawn' || (clock.finishedBy === 'closed' && clock.kind === 'deadline'))
      expect(clock.met).toBeNull();
    if (clock.finishedAt !== null)
      expect(clockStatus(clock, now, defaultCalendar)).toBe(
        clock.met === null ? 'stopped' : clock.met ? 'met' : 'missed',
      );
    expect(clock.dueDate >= clock.startDate).toBe(true);
    if (clock.period) {
      expect(clock.dueDate > clock.startDate).toBe(true);
      expect(defaultCalendar.isWorkingDay(clock.dueDate)).toBe(true);
    }
  }
}

describe('lifecycle properties', () => {
  it('random walks stay inside the model, and allowedActions agrees with decide at every step', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 30, maxLength: 60 }), (s, steps) => {
        let p = open(s);
        let now = later(T0, 0, 3);
        for (const { hours, progress, pick, probe, seed } of steps) {
          now = later(now, 0, hours);
          const offers = POOL.flatMap((actor) =>
            allowedActions(p, actor, now).map((a) => ({ actor, type: a.type })),
          );
          // Agreement, for one actor and every action type.
          const probeActor = POOL[seed % POOL.length] as AnyActor;
          const listed = new Set(allowedActions(p, probeActor, now).map((a) => a.type));
          for (const type of CASE_ACTION_TYPES) {
            const params = validParams(type, p, probeActor, now, seed);
            if (params === null) continue;
            const d = decide(p, { type, params } as Action, probeActor, now);
            if (listed.has(type)) {
              expect(d.ok ? 'ok' : d.refusal.rule, `${type} by ${probeActor.id} in ${p.state}`).toBe('ok');
            } else {
              expect(d.ok, `${type} by ${probeActor.id} in ${p.state}`).toBe(false);
              if (!d.ok) {
                expect(isGateRule(d.refusal.rule)).toBe(true);
                const g = gate(p, type, probeActor, now, defaultCalendar);
                expect(g.ok ? null : g.refusal.rule).toBe(d.refusal.rule);
              }
            }
          }
          // Any other probe is refused with a named rule, never thrown.
          const junk = decide(
            p,
            { type: probe, params: { bogus: seed } } as unknown as Action,
            probeActor,
            now,
          );
          if (!junk.ok) expectNamedRule(junk.refusal);
          if (offers.length === 0) break;
          // Mostly move the case on; now and then end it or just talk.
          const moving = offers.filter(
            (o) => !QUIET.includes(o.type) && (progress === 0 || !ENDINGS.includes(o.type)),
          );
          const pool = progress < 8 && moving.length > 0 ? moving : offers;
          const choice = pool[pick % pool.length] as (typeof pool)[number];
          const params = validParams(choice.type, p, choice.actor, now, seed);
          if (params === null) continue;
          const d = decide(p, { type: choice.type, params } as Action, choice.actor, now);
          if (!d.ok) throw new Error(`${choice.type} by ${choice.actor.id} in ${p.state}: ${d.refusal.rule}`);
          invariants(p, d);
          clockInvariants(d.petition, now);
          p = d.petition;
        }
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('every refusal names a rule, for any parameters', () => {
    fc.assert(
      fc.property(
        start,
        fc.constantFrom(...CASE_ACTION_TYPES),
        fc.constantFrom(...POOL),
        fc.anything(),
        (s, type, actor, params) => {
          const d = decide(open(s), { type, params } as Action, actor, later(T0, 1));
          if (!d.ok) expectNamedRule(d.refusal);
        },
      ),
    );
  });

  it('an extension never exceeds 30 days and is granted at most once', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 400 }), fc.integer({ min: 1, max: 400 }), (days, again) => {
        const p = handling();
        const asked = decide(
          p,
          { type: 'request_extension', params: { days, reason: '复杂' } },
          ACTORS.sectionHandler,
          later(T0, 5),
        );
        if (days > EXTENSION_MAX_DAYS) expect(!asked.ok && asked.refusal.rule).toBe('extension.too_long');
        if (!asked.ok) return;
        const granted = decide(
          asked.petition,
          { type: 'approve_extension', params: {} },
          ACTORS.sectionHead,
          later(T0, 6),
        );
        if (!granted.ok) throw new Error(granted.refusal.rule);
        expect(
          granted.petition.extension.status === 'granted' && granted.petition.extension.days,
        ).toBeLessThanOrEqual(30);
        const second = decide(
          granted.petition,
          { type: 'request_extension', params: { days: again, reason: '再延' } },
          ACTORS.sectionHandler,
          later(T0, 7),
        );
        expect(second.ok).toBe(false);
      }),
    );
  });

  it('the petitioner’s window runs from the day the answer was received, however late (Art 35)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('app', 'in_person', 'post', 'visit'),
        fc.integer({ min: 0, max: 40 }),
        (delayHours, method, correctionDays) => {
          const p = issued('request', 20);
          const issuedAt = later(T0, 20);
          const at = later(issuedAt, 0, delayHours);
          // Undelivered: no window runs, nothing closes, an appeal is still possible.
          expect(attempt(p, ACTORS.system, 'close', {}, at).ok).toBe(false);
          expect(clocksOf(p, defaultCalendar, at).some((c) => c.name === 'review_window')).toBe(false);
          const day = beijingDate(at);
          const delivered =
            method === 'app'
              ? act(p, ACTORS.petitioner, 'receive_reply', {}, at)
              : act(
                  p,
                  ACTORS.sectionHandler,
                  'record_delivery',
                  {
                    method,
                    deliveredOn: day,
                    ...(method === 'post' ? { postedOn: beijingDate(issuedAt) } : {}),
                    ...(method === 'in_person' ? { receiptAttachmentId: 'scan' } : {}),
                  },
                  at,
                );
          // A correction to a later day (within today) moves the window with it.
          const correctedAt = later(at, correctionDays);
          const correctedDay = addDays(day, correctionDays);
          const final =
            correctionDays === 0
              ? delivered
              : act(
                  delivered,
                  ACTORS.sectionHead,
                  'correct_delivery',
                  { deliveredOn: correctedDay, reason: '以签收日为准' },
                  correctedAt,
                );
          const due = dueDateOf(
            startOfBeijingDay(correctedDay),
            { length: 30, unit: 'days' },
            defaultCalendar,
          );
          const window = clocksOf(final, defaultCalendar, correctedAt).find(
            (c) => c.name === 'review_window',
          );
          expect(window?.dueDate).toBe(due.date);
          const lastMoment = endOfBeijingDay(due.date);
          const after = later(lastMoment, 0, 1);
          expect(attempt(final, ACTORS.petitioner, 'request_review', { reason: '不服' }, lastMoment).ok).toBe(
            true,
          );
          expect(attempt(final, ACTORS.system, 'close', {}, lastMoment).ok).toBe(false);
          expect(attempt(final, ACTORS.petitioner, 'request_review', { reason: '不服' }, after).ok).toBe(
            false,
          );
          expect(attempt(final, ACTORS.system, 'close', {}, after).ok).toBe(true);
        },
      ),
    );
  });

  it('once final, no action changes the state', () => {
    const final = finalPetition();
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_ACTION_TYPES),
        fc.constantFrom(...POOL),
        fc.nat(),
        (type, actor, seed) => {
          const now = later(T0, 50 + (seed % 400));
          const d = decide(
            final,
            { type, params: validParams(type, final, actor, now, seed) ?? {} } as Action,
            actor,
            now,
          );
          expect(d.ok ? d.petition.state : 'final').toBe('final');
        },
      ),
    );
  });
});

function finalPetition(): Petition {
  let p = open({
    kind: 'request',
    receiving: UNITS.group,
    concerned: UNITS.section1,
    byReception: false,
    contactUnclear: false,
    headcount: null,
  });
  const steps: [AnyActor, CaseActionType, number][] = [
    [ACTORS.groupReception, 'assign', 1],
    [ACTORS.sectionHandler, 'accept', 2],
    [ACTORS.sectionHandler, 'draft_reply', 10],
    [ACTORS.sectionHead, 'approve_reply', 10],
    [ACTORS.sectionHandler, 'issue_reply', 10],
    [ACTORS.petitioner, 'request_review', 12],
    [ACTORS.mineHandler, 'draft_reply', 20],
    [ACTORS.mineHead, 'approve_reply', 20],
    [ACTORS.mineHandler, 'issue_reply', 20],
    [ACTORS.petitioner, 'request_re_examination', 22],
    [ACTORS.groupHandler, 'draft_reply', 30],
    [ACTORS.groupHead, 'approve_reply', 30],
    [ACTORS.groupHandler, 'issue_reply', 30],
  ];
  for (const [actor, type, day] of steps) {
    const now = later(T0, day);
    const params =
      type === 'assign'
        ? { unit: UNITS.section1, reportBackBy: '2026-05-29' }
        : validParams(type, p, actor, now, 0);
    const d = decide(p, { type, params } as Action, actor, now);
    if (!d.ok) throw new Error(`${type}: ${d.refusal.rule}`);
    p = d.petition;
  }
  expect(p.state).toBe('final');
  return p;
}
