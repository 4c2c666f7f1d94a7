import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { allowedActions } from './allowed';
import { rehandlingPending } from './facts';
import { ACTORS, act, attempt, expectRefused, LETTER, later, replied, submitted, T0 } from './test-kit';
import { type PetitionKind, RATINGS } from './vocabulary';

const at = later(T0, 25);
/**
 * Rated by the petitioner. The test kit's case is about section1, which handles it: an accusation
 * against it could not be (Art 30), so an accusation here is the suggestion's walk under its kind.
 */
const rated = (kind: PetitionKind, rating: (typeof RATINGS)[number] = 'unsatisfied') => {
  const p = act(
    replied(kind === 'request' ? 'request' : 'suggestion'),
    ACTORS.petitioner,
    'rate',
    { rating },
    at,
  );
  return { ...p, kind };
};

describe('re-handling after an unsatisfied rating that cannot be appealed', () => {
  it('waits for the unit head exactly when a suggestion or an accusation is rated unsatisfied', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PetitionKind>('suggestion', 'accusation', 'request'),
        fc.constantFrom(...RATINGS),
        (kind, rating) => {
          const p = rated(kind, rating);
          const waits = kind !== 'request' && rating === 'unsatisfied';
          expect(rehandlingPending(p)).toBe(waits);
          const offered = allowedActions(p, ACTORS.sectionHead, at).map((a) => a.type);
          expect(offered.includes('decide_rehandling')).toBe(waits);
          // The case is not closed while the decision waits.
          const closing = attempt(p, ACTORS.system, 'close', {}, later(at, 40));
          expect(closing.ok ? 'closed' : closing.refusal.rule).toBe(
            waits ? 'rehandling.pending' : closing.ok ? 'closed' : closing.refusal.rule,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('only the unit head (or the responsible leader) decides, and only once', () => {
    const p = rated('suggestion');
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'decide_rehandling', { rehandle: true, reason: '再查' }, at),
      'auth.role_not_permitted',
    );
    expectRefused(
      attempt(p, ACTORS.section2Head, 'decide_rehandling', { rehandle: true, reason: '再查' }, at),
      'auth.unit_out_of_scope',
    );
    const kept = act(
      p,
      ACTORS.sectionHead,
      'decide_rehandling',
      { rehandle: false, reason: '已答复清楚', toPetitioner: '原答复已按规定作出' },
      at,
    );
    expect(kept.state).toBe('replied');
    expect(kept.events.at(-2)).toMatchObject({
      type: 'rehandling_decided',
      visibility: 'internal',
      data: { rehandle: false, reason: '已答复清楚' },
    });
    expectRefused(
      attempt(kept, ACTORS.sectionHead, 'decide_rehandling', { rehandle: true, reason: '再查' }, at),
      'rehandling.none_pending',
    );
    // Decided: the case closes as concluded once its time has passed.
    expect(act(kept, ACTORS.system, 'close', {}, later(at, 40)).state).toBe('concluded');
  });

  it('handling again reopens the case for a new answer, a new clock and a new rating', () => {
    const again = act(
      rated('suggestion'),
      ACTORS.sectionHead,
      'decide_rehandling',
      { rehandle: true, reason: '信访人提出新的线索' },
      at,
    );
    expect(again).toMatchObject({ state: 'handling', reply: null, ratings: {} });
    const handling = clocksOf(again, defaultCalendar, at).filter((c) => c.name === 'handling');
    expect(handling.at(-1)).toMatchObject({ start: at, finishedAt: null });
    let answered = act(
      again,
      ACTORS.sectionHandler,
      'draft_reply',
      { ...LETTER, outcome: 'partly_adopted' },
      later(at, 10),
    );
    answered = act(answered, ACTORS.sectionHead, 'approve_reply', {}, later(at, 10));
    answered = act(answered, ACTORS.sectionHandler, 'issue_reply', {}, later(at, 10));
    answered = act(answered, ACTORS.petitioner, 'receive_reply', {}, later(at, 10));
    expect(answered.state).toBe('replied');
    const second = act(answered, ACTORS.petitioner, 'rate', { rating: 'satisfied' }, later(at, 11));
    expect(rehandlingPending(second)).toBe(false);
    expect(act(second, ACTORS.system, 'close', {}, later(at, 11, 1)).state).toBe('resolved');
  });
});

describe('the petitioner is told why (告知信访人的说明), never the internal reason', () => {
  const decide = (params: { rehandle: boolean; reason: string; toPetitioner?: string }) =>
    attempt(rated('accusation'), ACTORS.sectionHead, 'decide_rehandling', params, at);

  it('refuses to keep the answer without an explanation for the petitioner', () => {
    for (const toPetitioner of [undefined, '', '   '])
      expectRefused(
        decide({ rehandle: false, reason: '被反映人已说明情况', toPetitioner }),
        'rehandling.explanation_required',
      );
    // Handling again tells him a new answer is coming: an explanation is welcome, not owed.
    expect(decide({ rehandle: true, reason: '再查' }).ok).toBe(true);
  });

  it('shows the petitioner the decision with his explanation and nothing of the reason', () => {
    // `§` marks the internal reason; the explanation is drawn without it.
    const explanation = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((t) => t.trim() !== '' && !t.includes('§'));
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.string({ maxLength: 40 }),
        fc.option(explanation, { nil: undefined }),
        (rehandle, reason, toPetitioner) => {
          fc.pre(rehandle || toPetitioner !== undefined);
          const p = rated('accusation');
          const decided = act(
            p,
            ACTORS.sectionHead,
            'decide_rehandling',
            { rehandle, reason: `§${reason}`, toPetitioner },
            at,
          );
          const seen = decided.events.slice(p.events.length).filter((e) => e.visibility === 'petitioner');
          expect(seen).toEqual([
            expect.objectContaining({
              type: 'rehandling_notified',
              data: { rehandle, toPetitioner: toPetitioner?.trim() ?? null },
            }),
          ]);
          expect(JSON.stringify(seen)).not.toContain('§');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the outcome of a forwarded case (Art 22)', () => {
  const forwarded = act(
    submitted(),
    ACTORS.groupReception,
    'forward',
    { recipientOrgan: '市人力资源和社会保障局', reason: '属劳动保障部门职责' },
    later(T0, 1),
  );

  it('is recorded once by the receiving office, for the petitioner to read', () => {
    const params = { outcome: '已责令补发工资', receivedOn: '2026-03-20' };
    expectRefused(
      attempt(forwarded, ACTORS.sectionHandler, 'record_forward_outcome', params, later(T0, 20)),
      'auth.role_not_permitted',
    );
    expectRefused(
      attempt(forwarded, ACTORS.mine2Reception, 'record_forward_outcome', params, later(T0, 20)),
      'auth.unit_out_of_scope',
    );
    const done = act(forwarded, ACTORS.groupReception, 'record_forward_outcome', params, later(T0, 20));
    expect(done.state).toBe('forwarded');
    expect(done.events.at(-1)).toMatchObject({ type: 'forward_outcome_recorded', visibility: 'petitioner' });
    expectRefused(
      attempt(done, ACTORS.groupReception, 'record_forward_outcome', params, later(T0, 21)),
      'forward.outcome_recorded',
    );
  });

  it('refuses a date before the forwarding or after today', () => {
    for (const receivedOn of ['2026-03-01', '2026-04-30']) {
      expectRefused(
        attempt(
          forwarded,
          ACTORS.groupReception,
          'record_forward_outcome',
          { outcome: '已办理', receivedOn },
          later(T0, 20),
        ),
        'forward.outcome_date_invalid',
      );
    }
  });
});
