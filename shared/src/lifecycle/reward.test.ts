import { describe, expect, it } from 'vitest';
import { allowedActions } from './allowed';
import type { Petition } from './petition';
import { ACTORS, act, attempt, expectRefused, handling, LETTER, later, replied, T0 } from './test-kit';
import type { PetitionKind, ReplyOutcome } from './vocabulary';

const REWARD = { reward: 'commendation', description: '在全矿通报表扬' } as const;
const at = later(T0, 25);

/** A petition of `kind` answered by section1 with `outcome` and opened by the petitioner on day 20. */
function answered(kind: PetitionKind, outcome: ReplyOutcome): Petition {
  let p = act(handling(kind), ACTORS.sectionHandler, 'draft_reply', { ...LETTER, outcome }, later(T0, 19));
  p = act(p, ACTORS.sectionHead, 'approve_reply', {}, later(T0, 19, 1));
  p = act(p, ACTORS.sectionHandler, 'issue_reply', {}, later(T0, 20));
  return act(p, ACTORS.petitioner, 'receive_reply', {}, later(T0, 20));
}

describe('Art 29 — a reward for an adopted suggestion', () => {
  it.each(['adopted', 'partly_adopted'] as const)(
    '%s: the answering unit’s head records it, told to the petitioner',
    (outcome) => {
      const p = answered('suggestion', outcome);
      const d = attempt(p, ACTORS.sectionHead, 'record_reward', REWARD, at);
      if (!d.ok) throw new Error(d.refusal.rule);
      expect(d.petition.state).toBe('replied');
      expect(d.events).toMatchObject([
        {
          type: 'suggestion_rewarded',
          visibility: 'petitioner',
          stage: 'first',
          data: { ...REWARD, unitId: 'section1', outcome },
        },
      ]);
      // Once per stage.
      const again = attempt(d.petition, ACTORS.mineHead, 'record_reward', REWARD, later(at, 1));
      expectRefused(again, 'reward.already_recorded');
      expect(again.ok ? null : again.refusal).toMatchObject({ article: 'Art 29' });
      expect(allowedActions(d.petition, ACTORS.sectionHead, later(at, 1)).map((a) => a.type)).not.toContain(
        'record_reward',
      );
    },
  );

  it('heads of the answering unit and above, and the case’s responsible leader — not the handler', () => {
    const p = answered('suggestion', 'adopted');
    for (const head of [ACTORS.sectionHead, ACTORS.mineHead, ACTORS.groupHead])
      expect(allowedActions(p, head, at).map((a) => a.type)).toContain('record_reward');
    expectRefused(attempt(p, ACTORS.sectionHandler, 'record_reward', REWARD, at), 'auth.role_not_permitted');
    expectRefused(attempt(p, ACTORS.section2Head, 'record_reward', REWARD, at), 'auth.unit_out_of_scope');
    const owned = act(p, ACTORS.leader, 'take_case', { plan: '跟踪建议落实' }, at);
    expect(attempt(owned, ACTORS.leader, 'record_reward', REWARD, later(at, 1)).ok).toBe(true);
  });

  it('also after the case has closed: the rules that decide a reward may take longer', () => {
    const closed = act(answered('suggestion', 'adopted'), ACTORS.system, 'close', {}, later(T0, 70));
    expect(closed.state).toBe('concluded');
    expect(attempt(closed, ACTORS.sectionHead, 'record_reward', REWARD, later(T0, 90)).ok).toBe(true);
  });

  it('refused with Art 29 for a request or an accusation, a suggestion not adopted, or before the answer', () => {
    expectRefused(
      attempt(answered('request', 'support'), ACTORS.sectionHead, 'record_reward', REWARD, at),
      'reward.suggestions_only',
    );
    expectRefused(
      attempt(
        // The kit's case is about section1, which could not handle an accusation against it (Art 30).
        { ...answered('suggestion', 'adopted'), kind: 'accusation' },
        ACTORS.sectionHead,
        'record_reward',
        REWARD,
        at,
      ),
      'reward.suggestions_only',
    );
    const notAdopted = attempt(
      answered('suggestion', 'not_adopted'),
      ACTORS.sectionHead,
      'record_reward',
      REWARD,
      at,
    );
    expectRefused(notAdopted, 'reward.not_adopted');
    expect(notAdopted.ok ? '' : notAdopted.refusal.message).toContain('《信访工作条例》第二十九条');
    expectRefused(
      attempt(handling('suggestion'), ACTORS.sectionHead, 'record_reward', REWARD, at),
      'reward.not_answered',
    );
    // Reopened to be handled again after an unsatisfied rating: the adopting answer no longer stands.
    let reopened = act(
      answered('suggestion', 'adopted'),
      ACTORS.petitioner,
      'rate',
      { rating: 'unsatisfied' },
      at,
    );
    reopened = act(
      reopened,
      ACTORS.sectionHead,
      'decide_rehandling',
      { rehandle: true, reason: '再核实' },
      at,
    );
    expectRefused(
      attempt(reopened, ACTORS.sectionHead, 'record_reward', REWARD, later(at, 1)),
      'reward.not_answered',
    );
    expect(allowedActions(replied('suggestion'), ACTORS.sectionHead, at).map((a) => a.type)).toContain(
      'record_reward',
    );
  });
});
