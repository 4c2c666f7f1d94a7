import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { ACTORS, act, answer, attempt, expectRefused, later, replied, T0, UNITS } from './test-kit';

const reason = { reason: '补发金额不对' };
// Replied (delivered) 2026-03-22; the review window ends on day 30, 2026-04-21 (Tue).
const lastDay = '2026-04-21T15:59:59.000Z';
const dayAfter = '2026-04-21T16:00:00.000Z';

function reviewing() {
  return act(replied(), ACTORS.petitioner, 'request_review', reason, later(T0, 25));
}

describe('Art 35 — review by the level above, asked within 30 days, answered within 30', () => {
  it.each([
    ['on the last day', lastDay, 'handling'],
    ['the day after', dayAfter, 'review.window_closed'],
  ])('asked %s → %s', (_case, at, expected) => {
    const d = attempt(replied(), ACTORS.petitioner, 'request_review', reason, at);
    expect(d.ok ? d.petition.state : d.refusal.rule).toBe(expected);
  });

  it('goes to the parent of the answering unit', () => {
    const p = reviewing();
    expect(p.stage).toBe('review');
    expect(p.units).toMatchObject({
      answering: UNITS.section1,
      reviewing: UNITS.mine1,
      handling: UNITS.mine1,
    });
    expect(p.events.at(-1)).toMatchObject({
      type: 'review_requested',
      stage: 'review',
      visibility: 'petitioner',
    });
    expectRefused(
      attempt(
        p,
        ACTORS.sectionHandler,
        'draft_reply',
        { request: 'x', factsAndReasons: 'x', decision: 'x', outcome: 'support', legalBasis: 'x' },
        later(T0, 26),
      ),
      'auth.unit_out_of_scope',
    );
    expect(clocksOf(p, defaultCalendar, later(T0, 26)).find((c) => c.name === 'review_answer')).toMatchObject(
      {
        dueDate: '2026-04-27',
        finishedAt: null,
      },
    );
  });

  it('is for decision letters on requests only', () => {
    expectRefused(
      attempt(replied('suggestion'), ACTORS.petitioner, 'request_review', reason, later(T0, 21)),
      'review.requests_only',
    );
  });

  it('is refused when the answering unit is the root: there is no level above', () => {
    const p = replied();
    const atRoot = { ...p, units: { ...p.units, handling: UNITS.group } };
    expectRefused(
      attempt(atRoot, ACTORS.petitioner, 'request_review', reason, later(T0, 21)),
      'review.no_higher_level',
    );
  });

  it('has no extension: review and re-examination limits are fixed', () => {
    expectRefused(
      attempt(reviewing(), ACTORS.mineHandler, 'request_extension', { days: 10, reason: 'x' }, later(T0, 26)),
      'extension.first_stage_only',
    );
  });

  it('only the petitioner asks, on their own petition', () => {
    expectRefused(
      attempt(replied(), ACTORS.otherPetitioner, 'request_review', reason, later(T0, 21)),
      'auth.not_own_petition',
    );
  });
});

describe('Art 36 — re-examination one level further up, then final', () => {
  function reExamining() {
    const reviewed = answer(reviewing(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
    expect(reviewed.state).toBe('replied');
    expectRefused(
      attempt(reviewed, ACTORS.petitioner, 'request_review', reason, later(T0, 31)),
      'state.not_allowed',
    );
    return act(reviewed, ACTORS.petitioner, 'request_re_examination', reason, later(T0, 31));
  }

  it('goes to the parent of the reviewer, and its answer is final', () => {
    const p = reExamining();
    expect(p.stage).toBe('re_examination');
    expect(p.units).toMatchObject({
      answering: UNITS.mine1,
      reExamining: UNITS.group,
      handling: UNITS.group,
    });
    const final = answer(p, ACTORS.groupHandler, ACTORS.groupHead, later(T0, 40));
    expect(final.state).toBe('final');
    expect(final.units.reviewing).toEqual(UNITS.mine1);
  });

  it('after finality only the rating of the last stage remains, and it changes no state', () => {
    const final = answer(reExamining(), ACTORS.groupHandler, ACTORS.groupHead, later(T0, 40));
    expectRefused(
      attempt(final, ACTORS.petitioner, 'request_re_examination', reason, later(T0, 41)),
      'state.final',
    );
    expectRefused(
      attempt(final, ACTORS.groupHandler, 'add_note', { text: 'x' }, later(T0, 41)),
      'state.final',
    );
    const rated = act(final, ACTORS.petitioner, 'rate', { rating: 'basically_satisfied' }, later(T0, 41));
    expect(rated.state).toBe('final');
  });

  it('does not count the hearing time (the clock pauses)', () => {
    // Requested 2026-04-02: 30 days → 2026-05-02 (Labour Day) → 2026-05-06. A 10-day hearing adds 10 days.
    const p = reExamining();
    const clock = () =>
      clocksOf(p2, defaultCalendar, later(T0, 60)).find((c) => c.name === 're_examination_answer');
    let p2 = p;
    expect(clock()?.dueDate).toBe('2026-05-06');
    p2 = act(
      p,
      ACTORS.groupHandler,
      'schedule_hearing',
      { scheduledFor: later(T0, 40), place: '集团听证室' },
      later(T0, 35),
    );
    p2 = act(p2, ACTORS.groupHandler, 'hold_hearing', { summary: '听证' }, later(T0, 45));
    expect(clock()?.paused).toEqual([{ from: later(T0, 35), to: later(T0, 45) }]);
    expect(clock()?.dueDate).toBe('2026-05-12');
  });

  it('is refused when the reviewer is the root', () => {
    const reviewed = answer(reviewing(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
    const atRoot = { ...reviewed, units: { ...reviewed.units, handling: UNITS.group } };
    expectRefused(
      attempt(atRoot, ACTORS.petitioner, 'request_re_examination', reason, later(T0, 31)),
      're_examination.no_higher_level',
    );
  });
});

describe('closing after the window (resolved or concluded)', () => {
  it.each([
    ['satisfied', 'resolved'],
    ['basically_satisfied', 'resolved'],
    ['unsatisfied', 'concluded'],
    [null, 'concluded'],
  ] as const)('last rating %s → %s', (rating, state) => {
    let p = replied();
    if (rating) p = act(p, ACTORS.petitioner, 'rate', { rating }, later(T0, 21));
    expectRefused(attempt(p, ACTORS.system, 'close', {}, lastDay), 'close.window_open');
    expect(act(p, ACTORS.system, 'close', {}, dayAfter).state).toBe(state);
  });

  it('only the system closes', () => {
    expectRefused(attempt(replied(), ACTORS.groupHead, 'close', {}, dayAfter), 'auth.role_not_permitted');
  });
});

describe('Art 21, 35, 36 — a lapsed window is named whenever it is asked, before or after the closing', () => {
  const weekLater = '2026-04-28T02:00:00.000Z';

  it('the closing says which window ran out', () => {
    expect(act(replied(), ACTORS.system, 'close', {}, dayAfter).events.at(-1)).toMatchObject({
      type: 'closed',
      visibility: 'petitioner',
      data: { outcome: 'concluded', lapsed: 'review_window' },
    });
    expect(act(replied('suggestion'), ACTORS.system, 'close', {}, weekLater).events.at(-1)?.data).toEqual({
      outcome: 'concluded',
      lapsed: 'rating_window',
    });
  });

  it.each([
    ['before the deadline job', (p: ReturnType<typeof replied>) => p],
    [
      'after it closed the case',
      (p: ReturnType<typeof replied>) => act(p, ACTORS.system, 'close', {}, dayAfter),
    ],
  ])('review asked late, %s: the 30-day period of Art 35', (_when, state) => {
    const refused = attempt(state(replied()), ACTORS.petitioner, 'request_review', reason, weekLater);
    expectRefused(refused, 'review.window_closed');
    expect(refused.ok ? null : refused.refusal).toMatchObject({ article: 'Art 35' });
  });

  it.each([
    ['before the deadline job', (p: ReturnType<typeof replied>) => p],
    [
      'after it closed the case',
      (p: ReturnType<typeof replied>) => act(p, ACTORS.system, 'close', {}, dayAfter),
    ],
  ])('a rating after the window, %s: the 30 days of Art 21', (_when, state) => {
    expectRefused(
      attempt(state(replied()), ACTORS.petitioner, 'rate', { rating: 'satisfied' }, weekLater),
      'rating.window_closed',
    );
  });

  it('re-examination asked after the review reply’s window closed the case: Art 36’s 30 days', () => {
    const reviewed = answer(reviewing(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
    const closed = act(reviewed, ACTORS.system, 'close', {}, later(T0, 70));
    expect(closed.events.at(-1)?.data).toMatchObject({ lapsed: 're_examination_window' });
    expectRefused(
      attempt(closed, ACTORS.petitioner, 'request_re_examination', reason, later(T0, 71)),
      're_examination.window_closed',
    );
  });

  it('other actions on a closed case still say it is closed', () => {
    const closed = act(replied(), ACTORS.system, 'close', {}, dayAfter);
    expectRefused(attempt(closed, ACTORS.petitioner, 'withdraw', {}, weekLater), 'state.closed');
  });
});
