import { describe, expect, it } from 'vitest';
import { checkFinality, checkPendingElsewhere, checkRecusal, repeatDecline } from './admissibility';
import type { Petition } from './petition';
import { ACTORS, act, answer, handling, later, replied, submitted, T0, UNITS } from './test-kit';

function final(): Petition {
  let p = act(replied(), ACTORS.petitioner, 'request_review', { reason: 'x' }, later(T0, 21));
  p = answer(p, ACTORS.mineHandler, ACTORS.mineHead, later(T0, 30));
  p = act(p, ACTORS.petitioner, 'request_re_examination', { reason: 'x' }, later(T0, 31));
  return answer(p, ACTORS.groupHandler, ACTORS.groupHead, later(T0, 40));
}

const rule = (a: ReturnType<typeof checkFinality>) => (a.ok ? 'ok' : a.refusal.rule);

describe('Art 19 ¶3 — the same matter pending at a lower level within its limit', () => {
  const handledBySection = handling(); // accepted by section1 on 2026-03-04, due 2026-05-06
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
