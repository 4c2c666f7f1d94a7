import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import type { Actor } from './actor';
import { allowedActions } from './allowed';
import { decide } from './decide';
import { holderUnit, ownedByActiveLeader } from './facts';
import { permits } from './gate';
import type { Petition } from './petition';
import { register } from './register';
import { scopeRefusal } from './scope';
import {
  ACTORS,
  act,
  answer,
  assigned,
  attempt,
  expectRefused,
  handling,
  LETTER,
  later,
  onlineParams,
  submitted,
  T0,
  UNITS,
} from './test-kit';
import { isWithin } from './units';
import { POOL, start, step, walk } from './walks.test-kit';

/** A supervisor of the mine above section1, who sees its cases but issued none of their notices. */
const mineSupervisor = { id: 'sup-m1', roles: ['supervisor'], unit: UNITS.mine1 } as const;

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
    // The supervised unit answers for itself: not the mine above it, nor the group's office.
    for (const above of [ACTORS.mineHead, ACTORS.groupReception])
      expectRefused(
        attempt(supervised, above, 'answer_supervision', { supervisionNo: 1, answer: 'x' }, at),
        'supervision.none_open',
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

  it('during triage, the receiving unit is supervised by a unit above it, and answers', () => {
    // A unit never supervises itself: not the group's office its own triage, nor a mine its case.
    expectRefused(
      attempt(submitted(), ACTORS.supervisor, 'issue_supervision', notice, at),
      'supervision.own_unit',
    );
    const atMine = register(
      { id: 'pet-m', petitionerId: 'p1', receivingUnit: UNITS.mine1, params: onlineParams() },
      ACTORS.petitioner,
      T0,
    );
    if (!atMine.ok) throw new Error(atMine.refusal.rule);
    expectRefused(
      attempt(atMine.petition, mineSupervisor, 'issue_supervision', notice, at),
      'supervision.own_unit',
    );
    const p = act(atMine.petition, ACTORS.supervisor, 'issue_supervision', notice, at);
    expect(
      act(p, ACTORS.mineReception, 'answer_supervision', { supervisionNo: 1, answer: '已转办' }, at).version,
    ).toBe(3);
  });
});

describe('Art 40 — the issuing unit reviews the written answer', () => {
  const answer = (p: Petition, text: string, when = at) =>
    act(p, ACTORS.sectionHead, 'answer_supervision', { supervisionNo: 1, answer: text }, when);
  const supervised = () => act(handling(), ACTORS.supervisor, 'issue_supervision', notice, at);

  it('only a supervisor of the unit that issued it reviews, once it is answered', () => {
    expectRefused(
      attempt(
        supervised(),
        ACTORS.supervisor,
        'review_supervision',
        { supervisionNo: 1, decision: 'approved' },
        at,
      ),
      'supervision.not_answered',
    );
    const answered = answer(supervised(), '已落实');
    // A supervisor who can see the case but did not issue the notice: the mine's.
    expectRefused(
      attempt(answered, mineSupervisor, 'review_supervision', { supervisionNo: 1, decision: 'approved' }, at),
      'supervision.not_issuer',
    );
    expectRefused(
      attempt(
        answered,
        ACTORS.supervisor,
        'review_supervision',
        { supervisionNo: 2, decision: 'approved' },
        at,
      ),
      'supervision.not_awaiting_review',
    );
    const approved = act(
      answered,
      ACTORS.supervisor,
      'review_supervision',
      { supervisionNo: 1, decision: 'approved' },
      at,
    );
    expect(approved.events.at(-1)).toMatchObject({
      type: 'supervision_reviewed',
      visibility: 'internal',
      data: { no: 1, decision: 'approved', note: null, dueDate: null },
    });
    expectRefused(
      attempt(
        approved,
        ACTORS.supervisor,
        'review_supervision',
        { supervisionNo: 1, decision: 'returned' },
        at,
      ),
      'supervision.already_reviewed',
    );
    expectRefused(
      attempt(approved, ACTORS.sectionHead, 'answer_supervision', { supervisionNo: 1, answer: 'x' }, at),
      'supervision.none_open',
    );
  });

  it('a returned answer is owed again, by the date set or as many days as first given', () => {
    const answered = answer(supervised(), '在办');
    const returnedOn = later(T0, 7); // 9 March; the notice gave 13 days (7 → 20 March)
    const returned = act(
      answered,
      ACTORS.supervisor,
      'review_supervision',
      { supervisionNo: 1, decision: 'returned', note: '请补充核查情况' },
      returnedOn,
    );
    expect(returned.events.at(-1)).toMatchObject({
      type: 'supervision_reviewed',
      data: { decision: 'returned', note: '请补充核查情况', dueDate: '2026-03-22' },
    });
    const clocks = clocksOf(returned, defaultCalendar, returnedOn).filter(
      (c) => c.name === 'supervision_answer',
    );
    expect(clocks.map((c) => [c.ref, c.dueDate, c.finishedAt === null])).toEqual([
      [1, '2026-03-20', false],
      [1, '2026-03-22', true],
    ]);
    expect(
      attempt(
        answered,
        ACTORS.supervisor,
        'review_supervision',
        { supervisionNo: 1, decision: 'returned', dueDate: '2026-03-13' },
        returnedOn,
      ),
    ).toMatchObject({ ok: true, events: [{ data: { dueDate: '2026-03-13' } }] });
    expectRefused(
      attempt(
        answered,
        ACTORS.supervisor,
        'review_supervision',
        { supervisionNo: 1, decision: 'returned', dueDate: '2026-03-08' },
        returnedOn,
      ),
      'supervision.due_in_past',
    );
    const again = answer(returned, '补充：已核查考勤记录', later(T0, 8));
    expect(
      clocksOf(again, defaultCalendar, later(T0, 8)).filter((c) => c.name === 'supervision_answer' && !c.met),
    ).toEqual([]);
    expect(
      act(again, ACTORS.supervisor, 'review_supervision', { supervisionNo: 1, decision: 'approved' }, at)
        .version,
    ).toBe(again.version + 1);
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
    expect(taken.events.at(-1)?.data).not.toHaveProperty('previousLeaderId');
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

describe('Art 18 — a case whose leader has left is taken over', () => {
  it('another leader in scope takes it, and the event says from whom', () => {
    const plan = { plan: '约谈信访人，十日内拿出化解方案' };
    const taken = act(handling(), ACTORS.leader, 'take_case', plan, at);
    // The server read that the owner's account is no longer active.
    const left = { ...taken, inactiveStaffIds: ['leader'] };
    expectRefused(attempt(left, ACTORS.sectionHandler, 'take_case', plan, at), 'auth.role_not_permitted');
    expectRefused(attempt(left, ACTORS.section2Head, 'take_case', plan, at), 'auth.unit_out_of_scope');
    const over = act(left, ACTORS.mineHead, 'take_case', { plan: '矿长接手包案' }, at);
    expect(over.responsibleLeaderId).toBe('head-m1');
    expect(over.events.at(-1)).toMatchObject({
      type: 'case_taken',
      actorId: 'head-m1',
      data: { plan: '矿长接手包案', previousLeaderId: 'leader' },
    });
    // The new owner is active: nobody takes it from him in turn.
    expectRefused(attempt(over, ACTORS.groupHead, 'take_case', plan, at), 'ownership.taken');
  });
});

describe('Art 18 — a leader who moves on hands his 包案 back (交出包案)', () => {
  const plan = { plan: '约谈信访人，十日内拿出化解方案' };
  const reason = { reason: '调任新岗位，不再分管安全生产' };

  it('only he releases it, with the reason; then another leader takes it', () => {
    const taken = act(handling(), ACTORS.leader, 'take_case', plan, at);
    // Nobody else ends his 包案 while he is in office: not a head of his unit, nor one below.
    expectRefused(attempt(taken, ACTORS.groupHead, 'release_case', reason, at), 'auth.unit_out_of_scope');
    expectRefused(attempt(taken, ACTORS.mineHead, 'release_case', reason, at), 'auth.unit_out_of_scope');
    expectRefused(
      attempt(taken, ACTORS.sectionHandler, 'release_case', reason, at),
      'auth.role_not_permitted',
    );
    expectRefused(attempt(taken, ACTORS.leader, 'release_case', { reason: ' ' }, at), 'params.invalid');
    expect(allowedActions(taken, ACTORS.leader, at).map((a) => a.type)).toContain('release_case');

    const released = act(taken, ACTORS.leader, 'release_case', reason, at);
    expect(released.responsibleLeaderId).toBeNull();
    expect(released.state).toBe(taken.state);
    expect(released.events.at(-1)).toMatchObject({
      type: 'case_released',
      actorId: 'leader',
      visibility: 'internal',
      data: reason,
    });
    // He has no powers over it as its leader any more, and nothing to release.
    expectRefused(attempt(released, ACTORS.leader, 'release_case', reason, at), 'auth.unit_out_of_scope');
    expectRefused(attempt(released, ACTORS.leader, 'approve_extension', {}, at), 'auth.unit_out_of_scope');

    const over = act(released, ACTORS.mineHead, 'take_case', { plan: '矿长接手包案' }, at);
    expect(over.responsibleLeaderId).toBe('head-m1');
    // Handed back, not taken from him: the release says who and why, the taking names nobody.
    expect(over.events.at(-1)?.data).toEqual({ plan: '矿长接手包案' });
    expectRefused(attempt(over, ACTORS.leader, 'take_case', plan, at), 'ownership.taken');
  });

  it('in any walk, release is offered to the owning leader alone, and leaves the case unowned', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 20, maxLength: 40 }), (s, steps) => {
        for (const { petition: p, now } of walk(s, steps)) {
          if (p.events.at(-1)?.type === 'case_released') expect(p.responsibleLeaderId).toBeNull();
          for (const actor of POOL) {
            if (!allowedActions(p, actor, now).some((a) => a.type === 'release_case')) continue;
            expect(actor.id).toBe(p.responsibleLeaderId);
            expect(scopeRefusal('responsible_leader', p, actor)).toBeNull();
            // Released here, the case is nobody's: no one holds it to release, none blocks a taker.
            const d = decide(p, { type: 'release_case', params: { reason: '调任' } }, actor, now);
            if (!d.ok) throw new Error(d.refusal.rule);
            expect(ownedByActiveLeader(d.petition)).toBe(false);
            expect(POOL.some((a) => permits(d.petition, 'release_case', a, now, defaultCalendar))).toBe(
              false,
            );
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('Art 18, 28, 35, 36 — a 包案领导 acts in the stage he took the case in, within his unit', () => {
  const plan = { plan: '约谈信访人，十日内拿出化解方案' };
  /** A responsible leader of section1 (the first handling unit), who is not its unit head. */
  const sectionLeader = { id: 'leader-s1', roles: ['responsible_leader'], unit: UNITS.section1 } as const;
  const inReview = (owner: Actor) => {
    let p = act(handling(), owner, 'take_case', plan, at);
    p = answer(p, ACTORS.sectionHandler, ACTORS.sectionHead, later(T0, 20));
    p = act(p, ACTORS.petitioner, 'request_review', { reason: '不服' }, later(T0, 21));
    return act(p, ACTORS.mineHandler, 'draft_reply', LETTER, later(T0, 22));
  };

  it('the review above is not his: he approves nothing there, and a leader of the review takes it', () => {
    const review = inReview(sectionLeader);
    expect(review).toMatchObject({
      stage: 'review',
      state: 'reply_drafted',
      responsibleLeaderId: 'leader-s1',
    });
    const day = later(T0, 22);
    expectRefused(attempt(review, sectionLeader, 'approve_reply', {}, day), 'ownership.stage_ended');
    expectRefused(
      attempt(review, sectionLeader, 'return_reply', { reason: '重写' }, day),
      'ownership.stage_ended',
    );
    // The unit head of section1 who took it is refused as any outsider to the review is.
    expectRefused(
      attempt(inReview(ACTORS.sectionHead), ACTORS.sectionHead, 'approve_reply', {}, day),
      'auth.unit_out_of_scope',
    );
    // A group leader who owned the first answer stays out of its review too (Art 28).
    expectRefused(
      attempt(inReview(ACTORS.leader), ACTORS.leader, 'approve_reply', {}, day),
      'ownership.stage_ended',
    );
    expect(allowedActions(review, sectionLeader, day)).toEqual([]);
    // The reviewing unit's head approves; its leaders may take the review on as theirs.
    expect(act(review, ACTORS.mineHead, 'approve_reply', {}, day).state).toBe('reply_approved');
    const mineLeader = { id: 'leader-m1', roles: ['responsible_leader'], unit: UNITS.mine1 } as const;
    const retaken = act(review, mineLeader, 'take_case', { plan: '复查包案' }, day);
    expect(retaken.events.at(-1)?.data).toEqual({ plan: '复查包案', previousLeaderId: 'leader-s1' });
    expect(act(retaken, mineLeader, 'approve_reply', {}, day).state).toBe('reply_approved');
  });

  it('in his own stage he keeps them — and loses them once the case leaves his unit', () => {
    let p = act(assigned(), sectionLeader, 'take_case', plan, at);
    expect(attempt(p, sectionLeader, 'add_note', { text: '跟进' }, at).ok).toBe(true);
    p = act(p, ACTORS.sectionHandler, 'object', { reasons: '不属本单位职责' }, at);
    p = act(p, ACTORS.groupReception, 'agree_objection', {}, at);
    expectRefused(attempt(p, sectionLeader, 'add_note', { text: '跟进' }, at), 'auth.unit_out_of_scope');
    p = act(p, ACTORS.groupReception, 'assign', { unit: UNITS.section2, reportBackBy: '2026-05-29' }, at);
    p = act(p, ACTORS.section2Head, 'accept', {}, at);
    expectRefused(
      attempt(p, sectionLeader, 'recuse', { staffId: 'leader-s1', reason: '回避' }, at),
      'auth.unit_out_of_scope',
    );
  });

  it('in any walk, an owner is in scope only in the stage he took the case in, over his subtree', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 20, maxLength: 40 }), (s, steps) => {
        let takenIn: { leader: string; stage: string } | null = null;
        let before: Petition | null = null;
        for (const { petition: p } of walk(s, steps)) {
          const leader = p.responsibleLeaderId;
          // Observed from the walk itself: the stage in which ownership last changed hands.
          if (leader !== null && (before?.responsibleLeaderId !== leader || takenIn === null))
            takenIn = { leader, stage: p.stage };
          if (p.events.at(-1)?.type === 'case_taken') takenIn = { leader: leader as string, stage: p.stage };
          before = p;
          const owner = POOL.find((a) => a.id === leader);
          if (!owner || owner.unit === null) continue;
          if (scopeRefusal('responsible_leader', p, owner) !== null) continue;
          expect(takenIn?.stage).toBe(p.stage);
          expect(isWithin(holderUnit(p), owner.unit)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
