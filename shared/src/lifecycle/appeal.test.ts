import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { allowedActions } from './allowed';
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

describe('Art 17, 35, 36 — an appeal by letter or visit, recorded by the reception it reaches', () => {
  const letter = { channel: 'letter', receivedOn: '2026-04-21', reason: '来信称补发金额不对' } as const;
  // A week after the window ended and before the deadline job closed the case.
  const weekLater = '2026-04-28T02:00:00.000Z';

  it('the reception of the reviewing unit, or above it, records it; nobody else does', () => {
    const listed = (actor: (typeof ACTORS)[keyof typeof ACTORS]) =>
      allowedActions(replied(), actor, later(T0, 21)).map((a) => a.type);
    expect(listed(ACTORS.mineReception)).toContain('record_review_request');
    expect(listed(ACTORS.groupReception)).toContain('record_review_request');
    expect(listed(ACTORS.petitioner)).not.toContain('record_review_request');
    for (const [actor, rule] of [
      [ACTORS.mine2Reception, 'auth.unit_out_of_scope'],
      [ACTORS.sectionHandler, 'auth.role_not_permitted'],
      [ACTORS.mineHead, 'auth.role_not_permitted'],
      [ACTORS.petitioner, 'auth.role_not_permitted'],
    ] as const)
      expectRefused(attempt(replied(), actor, 'record_review_request', letter, later(T0, 21)), rule);
  });

  it('opens the review as the petitioner’s own request would, saying how and when it came', () => {
    const p = act(replied(), ACTORS.mineReception, 'record_review_request', letter, weekLater);
    expect(p).toMatchObject({ stage: 'review', state: 'handling' });
    expect(p.units).toMatchObject({ answering: UNITS.section1, handling: UNITS.mine1 });
    expect(p.events.at(-1)).toMatchObject({
      type: 'review_requested',
      actorRole: 'reception',
      visibility: 'petitioner',
      data: { ...letter, answeringUnitId: 'section1', unitId: 'mine1' },
    });
  });

  it('counts the clocks from the day the request arrived: the window met, the answer’s 30 days begun', () => {
    const p = act(replied(), ACTORS.mineReception, 'record_review_request', letter, weekLater);
    const clocks = clocksOf(p, defaultCalendar, weekLater);
    // The window's last day, 2026-04-21: met, though recorded a week later.
    expect(clocks.find((c) => c.name === 'review_window')).toMatchObject({ met: true });
    // 30 days from Tue 2026-04-21: Thu 2026-05-21, not 30 days from the 28th.
    expect(clocks.find((c) => c.name === 'review_answer')).toMatchObject({
      start: '2026-04-20T16:00:00.000Z',
      dueDate: '2026-05-21',
      met: null,
    });
  });

  it('judges the window on the day the request arrived, not the day it is recorded', () => {
    // The petitioner asking himself a week late is refused; his letter of the last day is not.
    expectRefused(
      attempt(replied(), ACTORS.petitioner, 'request_review', reason, weekLater),
      'review.window_closed',
    );
    expect(attempt(replied(), ACTORS.mineReception, 'record_review_request', letter, weekLater).ok).toBe(
      true,
    );
    const late = attempt(
      replied(),
      ACTORS.mineReception,
      'record_review_request',
      { ...letter, receivedOn: '2026-04-22' },
      weekLater,
    );
    expectRefused(late, 'review.received_after_window');
    expect(late.ok ? null : late.refusal).toMatchObject({ article: 'Art 35', param: 'receivedOn' });
    // Not before the answer was issued (2026-03-22), nor in the future.
    for (const receivedOn of ['2026-03-21', '2026-04-29'])
      expectRefused(
        attempt(
          replied(),
          ACTORS.mineReception,
          'record_review_request',
          { ...letter, receivedOn },
          weekLater,
        ),
        'appeal.received_date_invalid',
      );
  });

  it('offers the dates it may take and the channels staff write down', () => {
    const offer = allowedActions(replied(), ACTORS.mineReception, weekLater).find(
      (a) => a.type === 'record_review_request',
    );
    expect(offer?.params).toEqual([
      expect.objectContaining({ name: 'channel', options: ['letter', 'visit', 'call', 'fax', 'email'] }),
      expect.objectContaining({ name: 'receivedOn', minDate: '2026-03-22', maxDate: '2026-04-28' }),
      expect.objectContaining({ name: 'reason', required: true }),
    ]);
  });

  it('is for requests, at the first stage, with a level above', () => {
    expectRefused(
      attempt(replied('suggestion'), ACTORS.mineReception, 'record_review_request', letter, later(T0, 21)),
      'review.requests_only',
    );
    const p = replied();
    const atRoot = { ...p, units: { ...p.units, handling: UNITS.group } };
    expectRefused(
      attempt(atRoot, ACTORS.groupReception, 'record_review_request', letter, later(T0, 21)),
      'review.no_higher_level',
    );
  });

  it('re-examination: recorded by the reception above the reviewer, in its own window', () => {
    const reviewed = answer(reviewing(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
    const visit = { channel: 'visit', receivedOn: '2026-04-02', reason: '来访称复查未回应' } as const;
    expectRefused(
      attempt(reviewed, ACTORS.groupReception, 'record_review_request', visit, later(T0, 31)),
      'state.not_allowed',
    );
    expectRefused(
      attempt(reviewed, ACTORS.mineReception, 'record_re_examination_request', visit, later(T0, 31)),
      'auth.unit_out_of_scope',
    );
    // The review opinion was received 2026-04-01: its window ends 2026-05-01 (Labour Day) → 6 May.
    expectRefused(
      attempt(
        reviewed,
        ACTORS.groupReception,
        'record_re_examination_request',
        { ...visit, receivedOn: '2026-05-07' },
        later(T0, 70),
      ),
      're_examination.received_after_window',
    );
    const p = act(reviewed, ACTORS.groupReception, 'record_re_examination_request', visit, later(T0, 31));
    expect(p).toMatchObject({ stage: 're_examination', units: { handling: UNITS.group } });
    expect(p.events.at(-1)).toMatchObject({ type: 're_examination_requested', data: visit });
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
  ])('a rating after the window, %s: the window that applied, per kind', (_when, state) => {
    // A request's decision is rated within Art 35's window to appeal it; the others within Art 21's.
    const late = (kind: 'request' | 'suggestion') => {
      const d = attempt(state(replied(kind)), ACTORS.petitioner, 'rate', { rating: 'satisfied' }, weekLater);
      return d.ok ? null : d.refusal;
    };
    expect(late('request')).toMatchObject({
      rule: 'rating.review_window_closed',
      article: 'Art 35',
      message: expect.stringContaining('请求复查的期限内'),
    });
    expect(late('request')?.message).toMatch(/第三十五条）$/);
    expect(late('suggestion')).toMatchObject({ rule: 'rating.window_closed', article: 'Art 21' });
  });

  it('a review opinion rated after its window: Art 36’s 30 days, before and after the closing', () => {
    const reviewed = answer(reviewing(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
    const closed = act(reviewed, ACTORS.system, 'close', {}, later(T0, 70));
    for (const p of [reviewed, closed]) {
      const d = attempt(p, ACTORS.petitioner, 'rate', { rating: 'satisfied' }, later(T0, 71));
      expect(d.ok ? null : d.refusal).toMatchObject({
        rule: 'rating.re_examination_window_closed',
        article: 'Art 36',
      });
    }
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
