import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAppealRoute,
  checkFinality,
  checkPendingElsewhere,
  checkRecusal,
  repeatDecline,
} from './admissibility';
import type { Petition } from './petition';
import { register } from './register';
import {
  ACTORS,
  act,
  answer,
  assigned,
  handling,
  issued,
  later,
  onlineParams,
  replied,
  submitted,
  T0,
  UNITS,
} from './test-kit';
import { start, step, walk } from './walks.test-kit';

const review = () => act(replied(), ACTORS.petitioner, 'request_review', { reason: 'x' }, later(T0, 21));

function final(): Petition {
  let p = answer(review(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
  p = act(p, ACTORS.petitioner, 'request_re_examination', { reason: 'x' }, later(T0, 31));
  return answer(p, ACTORS.groupHandler, ACTORS.groupHead, later(T0, 40));
}

const rule = (a: ReturnType<typeof checkFinality>) => (a.ok ? 'ok' : a.refusal.rule);

describe('Art 19 ¶3 — the same matter pending at a lower level within its limit', () => {
  const handledBySection = handling(); // accepted by section1 on 2026-03-04, due 2026-05-06
  // Assigned 2026-03-03: five working days to object, fifteen days to notify.
  const assignedToSection = assigned();
  // Received at the mine's office, not yet routed or accepted there.
  const atMineDesk = register(
    { id: 'pet-2', petitionerId: 'p1', receivingUnit: UNITS.mine1, params: onlineParams() },
    ACTORS.petitioner,
    T0,
  );
  const supervisedLate = act(
    handledBySection,
    ACTORS.supervisor,
    'issue_supervision',
    { concern: 'delay', requirements: '书面说明进展', dueDate: '2026-03-10' },
    later(T0, 3),
  );
  it.each<[string, Petition[], typeof UNITS.group, string, string]>([
    [
      'pending below, within the limit',
      [handledBySection],
      UNITS.group,
      later(T0, 10),
      'admissibility.pending_at_lower_level',
    ],
    ['pending below, limit run out', [handledBySection], UNITS.group, '2026-05-07T00:00:00.000Z', 'ok'],
    [
      'assigned below, inside the days to object and to notify',
      [assignedToSection],
      UNITS.mine1,
      later(T0, 3),
      'admissibility.pending_at_lower_level',
    ],
    // Nobody accepted it for 150 days: its notice (Art 23 ¶3) and objection days have run out.
    ['assigned below and never accepted', [assignedToSection], UNITS.mine1, later(T0, 150), 'ok'],
    [
      'handled below, a supervision notice unanswered past its date',
      [supervisedLate],
      UNITS.group,
      later(T0, 12),
      'ok',
    ],
    [
      'at an office below, neither accepted nor handled yet',
      atMineDesk.ok ? [atMineDesk.petition] : [],
      UNITS.group,
      later(T0, 2),
      'ok',
    ],
    ['answered below: review is the way on, not Art 19 ¶3', [replied()], UNITS.group, later(T0, 21), 'ok'],
    [
      'pending at the same level (a repeat, not level-skipping)',
      [handledBySection],
      UNITS.section1,
      later(T0, 10),
      'ok',
    ],
    ['pending in another branch', [handledBySection], UNITS.mine2, later(T0, 10), 'ok'],
    [
      'concluded below',
      [act(handledBySection, ACTORS.petitioner, 'withdraw', {}, later(T0, 3))],
      UNITS.group,
      later(T0, 10),
      'ok',
    ],
    ['no match', [], UNITS.group, later(T0, 10), 'ok'],
  ])('%s → %s', (_case, matches, unit, now, expected) => {
    expect(rule(checkPendingElsewhere(unit, matches, now))).toBe(expected);
  });

  it('names the blocking petition and the article', () => {
    const result = checkPendingElsewhere(UNITS.group, [handledBySection], later(T0, 10));
    expect(result.ok ? null : result.refusal).toMatchObject({ article: 'Art 19 ¶3', matchId: 'pet-1' });
  });

  it('never blocks for ever: a case that blocks stops blocking once left alone long enough', () => {
    // Every state that blocks runs a deadline binding staff; only a hearing's time is not counted
    // (Art 36), so a case waiting for its hearing is left out.
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 10, maxLength: 40 }), (s, steps) => {
        for (const { petition, now } of walk(s, steps)) {
          if (petition.pendingHearing) continue;
          for (const unit of Object.values(UNITS)) {
            const blocks = !checkPendingElsewhere(unit, [petition], now).ok;
            if (blocks) expect(petition.state).not.toBe('replied');
            if (blocks) expect(checkPendingElsewhere(unit, [petition], later(now, 400)).ok).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('Art 35, 36 — answered below: the unit above is asked to review, not to start again', () => {
  const reviewed = () => answer(review(), ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
  it.each<[string, () => Petition[], typeof UNITS.group, string, string]>([
    [
      'answered by the section, at the mine',
      () => [replied()],
      UNITS.mine1,
      later(T0, 21),
      'admissibility.review_route',
    ],
    // Answered but not yet delivered: the window has not started, the review is still open.
    ['not yet delivered', () => [issued()], UNITS.mine1, later(T0, 21), 'admissibility.review_route'],
    [
      'reviewed by the mine, at the group',
      () => [reviewed()],
      UNITS.group,
      later(T0, 31),
      'admissibility.re_examination_route',
    ],
    ['answered, at a unit that does not review it', () => [replied()], UNITS.group, later(T0, 21), 'ok'],
    ['answered, the 30 days to ask have run out', () => [replied()], UNITS.mine1, later(T0, 60), 'ok'],
    ['a suggestion answered (no review)', () => [replied('suggestion')], UNITS.mine1, later(T0, 21), 'ok'],
    ['still being handled', () => [handling()], UNITS.mine1, later(T0, 10), 'ok'],
    ['under review already', () => [review()], UNITS.mine1, later(T0, 22), 'ok'],
  ])('%s → %s', (_case, matches, unit, now, expected) => {
    expect(rule(checkAppealRoute(unit, matches(), now))).toBe(expected);
  });

  it('says so plainly, citing the article, and names the earlier petition', () => {
    const result = checkAppealRoute(UNITS.mine1, [replied()], later(T0, 21));
    expect(result.ok ? null : result.refusal).toMatchObject({
      rule: 'admissibility.review_route',
      article: 'Art 35',
      matchId: 'pet-1',
      message:
        '同一事项已经书面答复。对答复不服的，请在收到答复之日起30日内对原事项请求复查（《信访工作条例》第三十五条）',
    });
  });
});

describe('Art 36 ¶3 — finality', () => {
  it.each<[string, () => Petition[], string]>([
    ['a final match', () => [final()], 'admissibility.already_final'],
    ['a replied match', () => [replied()], 'ok'],
    ['no match', () => [], 'ok'],
  ])('%s → %s', (_case, matches, expected) => {
    expect(rule(checkFinality(matches()))).toBe(expected);
  });
});

describe('a system decline of a repeat', () => {
  it.each<[string, () => ReturnType<typeof checkFinality>, string, string]>([
    [
      'pending below',
      () => checkPendingElsewhere(UNITS.group, [handling()], later(T0, 10)),
      'pending_elsewhere',
      '第十九条第三款',
    ],
    ['final', () => checkFinality([final()]), 'already_final', '第三十六条第三款'],
  ])('%s: its ground, the earlier number, the article cited once', (_case, check, ground, article) => {
    const verdict = check();
    if (verdict.ok) throw new Error('expected a refusal');
    const decline = repeatDecline(verdict.refusal, 'XF2026-000007');
    expect(decline.ground).toBe(ground);
    expect(decline.reason).toContain('相同事项编号 XF2026-000007');
    expect(decline.reason.split(article)).toHaveLength(2);
    expect(decline.reason.split('《信访工作条例》')).toHaveLength(2);
  });
});

describe('Art 28 — recusal check', () => {
  const p = { ...submitted(), recusedStaffIds: ['rec-g'] };
  it.each([
    ['recused on the petition', 'rec-g', [], 'auth.recused'],
    ['the petitioner', 'p1', [], 'auth.recused'],
    ['a known direct interest', 'h-s1', ['h-s1'], 'auth.recused'],
    ['no interest', 'h-s1', [], 'ok'],
  ])('%s → %s', (_case, staffId, interests, expected) => {
    expect(rule(checkRecusal(p, staffId, interests))).toBe(expected);
  });
});
