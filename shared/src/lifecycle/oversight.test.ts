import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { ACTORS, act, attempt, expectRefused, handling, later, submitted, T0 } from './test-kit';

const notice = { concern: 'delay', requirements: '请说明延误原因', dueDate: '2026-03-20' } as const;
const at = later(T0, 5);

describe('Art 40 — supervision and its written answer', () => {
  it('a supervisor above the holding unit issues a notice with a due date; that unit answers', () => {
    const supervised = act(handling(), ACTORS.supervisor, 'issue_supervision', notice, at);
    const issued = supervised.events.at(-1);
    expect(issued).toMatchObject({ type: 'supervision_issued', visibility: 'internal', data: { no: 1 } });
    expect(issued?.type === 'supervision_issued' && issued.data.unit.id).toBe('section1');
    expect(
      clocksOf(supervised, defaultCalendar, at).find((c) => c.name === 'supervision_answer'),
    ).toMatchObject({
      ref: 1,
      dueDate: '2026-03-20',
      article: 'Art 40',
    });
    expectRefused(
      attempt(supervised, ACTORS.section2Head, 'answer_supervision', { supervisionNo: 1, answer: 'x' }, at),
      'supervision.none_open',
    );
    expectRefused(
      attempt(supervised, ACTORS.sectionHead, 'answer_supervision', { supervisionNo: 2, answer: 'x' }, at),
      'supervision.unknown',
    );
    const answered = act(
      supervised,
      ACTORS.sectionHead,
      'answer_supervision',
      { supervisionNo: 1, answer: '已落实' },
      at,
    );
    expect(clocksOf(answered, defaultCalendar, at).find((c) => c.name === 'supervision_answer')?.met).toBe(
      true,
    );
    expectRefused(
      attempt(answered, ACTORS.sectionHead, 'answer_supervision', { supervisionNo: 1, answer: 'x' }, at),
      'supervision.none_open',
    );
  });

  it.each([
    ['a supervisor of another branch', ACTORS.mine2Supervisor, 'auth.unit_out_of_scope'],
    ['a unit head', ACTORS.groupHead, 'auth.role_not_permitted'],
  ] as const)('%s cannot supervise', (_case, actor, rule) => {
    expectRefused(attempt(handling(), actor, 'issue_supervision', notice, at), rule);
  });

  it('refuses a due date in the past', () => {
    expectRefused(
      attempt(handling(), ACTORS.supervisor, 'issue_supervision', { ...notice, dueDate: '2026-03-06' }, at),
      'supervision.due_in_past',
    );
  });

  it('during triage, the receiving unit is supervised and answers', () => {
    const p = act(submitted(), ACTORS.supervisor, 'issue_supervision', notice, at);
    expect(
      act(p, ACTORS.groupReception, 'answer_supervision', { supervisionNo: 1, answer: '已转办' }, at).version,
    ).toBe(3);
  });
});

describe('Art 28 — recusal', () => {
  it('a recused staff member can no longer act; a unit head may recuse others; staff may recuse themselves', () => {
    const p = act(
      handling(),
      ACTORS.sectionHead,
      'recuse',
      { staffId: 'h-s1', reason: '与信访人系亲属' },
      at,
    );
    expect(p.recusedStaffIds).toEqual(['h-s1']);
    expectRefused(attempt(p, ACTORS.sectionHandler, 'add_note', { text: 'x' }, at), 'auth.recused');
    expectRefused(
      attempt(handling(), ACTORS.sectionHandler, 'recuse', { staffId: 'head-s1', reason: 'x' }, at),
      'recusal.only_self_or_head',
    );
    expect(
      act(handling(), ACTORS.sectionHandler, 'recuse', { staffId: 'h-s1', reason: '利害关系' }, at)
        .recusedStaffIds,
    ).toEqual(['h-s1']);
  });

  it('staff never act on a petition they filed themselves', () => {
    const own = { ...handling(), petitionerId: 'h-s1' };
    expectRefused(attempt(own, ACTORS.sectionHandler, 'add_note', { text: 'x' }, at), 'auth.recused');
  });
});

describe('Art 18 — a leader takes a case (包案)', () => {
  it('a leader of the holding unit or above owns it with a plan; one leader at a time; handlers cannot', () => {
    const plan = { plan: '约谈信访人，十日内拿出化解方案' };
    const taken = act(handling(), ACTORS.leader, 'take_case', plan, at);
    expect(taken.responsibleLeaderId).toBe('leader');
    expect(taken.events.at(-1)).toMatchObject({ type: 'case_taken', visibility: 'internal', data: plan });
    expectRefused(attempt(taken, ACTORS.mineHead, 'take_case', plan, at), 'ownership.taken');
    expectRefused(
      attempt(handling(), ACTORS.sectionHandler, 'take_case', plan, at),
      'auth.role_not_permitted',
    );
    expectRefused(attempt(handling(), ACTORS.section2Head, 'take_case', plan, at), 'auth.unit_out_of_scope');
    // The owner may act on it as its responsible leader from then on.
    expect(
      act(taken, ACTORS.leader, 'recuse', { staffId: 'leader', reason: '近亲属' }, at).recusedStaffIds,
    ).toEqual(['leader']);
  });
});
