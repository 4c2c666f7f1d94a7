import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { allowedActions } from './allowed';
import { answerDeadline, assistParts, openAssists } from './facts';
import {
  ACTORS,
  act,
  attempt,
  expectRefused,
  handling,
  LETTER,
  later,
  submitted,
  T0,
  UNITS,
} from './test-kit';
import { start, step, walk } from './walks.test-kit';

const at = later(T0, 5);
const part = { unit: UNITS.section2, part: '请核实三月考勤记录', dueDate: '2026-03-12' } as const;

describe('Art 24 — the person who answers for a case (承办人)', () => {
  it('the handling unit head names him, and changes him only with a reason', () => {
    const named = act(handling(), ACTORS.sectionHead, 'set_handler', { staffId: 'h-s1' }, at);
    expect(named.handlerId).toBe('h-s1');
    expect(named.events.at(-1)).toMatchObject({
      type: 'handler_set',
      visibility: 'internal',
      data: { staffId: 'h-s1', previousStaffId: null, reason: null },
    });
    expectRefused(
      attempt(named, ACTORS.sectionHead, 'set_handler', { staffId: 'head-s1' }, at),
      'handler.reason_required',
    );
    expectRefused(
      attempt(named, ACTORS.sectionHead, 'set_handler', { staffId: 'h-s1', reason: '调整' }, at),
      'handler.unchanged',
    );
    const changed = act(named, ACTORS.sectionHead, 'set_handler', { staffId: 'head-s1', reason: '调岗' }, at);
    expect(changed.events.at(-1)).toMatchObject({
      data: { staffId: 'head-s1', previousStaffId: 'h-s1', reason: '调岗' },
    });
  });

  it('only a unit head of the handling unit names him; the petitioner never can be', () => {
    expectRefused(
      attempt(handling(), ACTORS.sectionHandler, 'set_handler', { staffId: 'h-s1' }, at),
      'auth.role_not_permitted',
    );
    expectRefused(
      attempt(handling(), ACTORS.section2Head, 'set_handler', { staffId: 'h-s1' }, at),
      'auth.unit_out_of_scope',
    );
    expectRefused(
      attempt(handling(), ACTORS.sectionHead, 'set_handler', { staffId: 'p1' }, at),
      'handler.recused',
    );
  });

  it('a recused handler, or a case moving to another unit, leaves the case without one', () => {
    const named = act(handling(), ACTORS.sectionHead, 'set_handler', { staffId: 'h-s1' }, at);
    const recused = act(named, ACTORS.sectionHandler, 'recuse', { staffId: 'h-s1', reason: '亲属' }, at);
    expect(recused.handlerId).toBeNull();
    let p = act(named, ACTORS.sectionHandler, 'draft_reply', LETTER, at);
    p = act(p, ACTORS.sectionHead, 'approve_reply', {}, at);
    p = act(p, ACTORS.sectionHandler, 'issue_reply', {}, at);
    expect(p.handlerId).toBe('h-s1');
    p = act(p, ACTORS.petitioner, 'receive_reply', {}, at);
    p = act(p, ACTORS.petitioner, 'request_review', { reason: '不服' }, later(T0, 6));
    expect(p.units.handling?.id).toBe('mine1');
    expect(p.handlerId).toBeNull();
  });
});

describe('Art 24 — co-handling (主办/协办)', () => {
  it('the lead unit asks another unit for a part; the reply waits until it is answered', () => {
    const asked = act(handling(), ACTORS.sectionHandler, 'request_assist', part, at);
    expect(openAssists(asked)).toMatchObject([{ no: 1, unit: { id: 'section2' }, leadUnitId: 'section1' }]);
    const refused = attempt(asked, ACTORS.sectionHandler, 'draft_reply', LETTER, at);
    expectRefused(refused, 'assist.parts_open');
    expect(refused.ok ? '' : refused.refusal.message).toBe(
      '协办单位尚未全部答复，主办单位须等各协办意见齐全后再答复信访人：尚未答复的协办事项：第1项「请核实三月考勤记录」（2026-03-12前答复）（《信访工作条例》第二十四条）',
    );
    expect(allowedActions(asked, ACTORS.sectionHandler, at).map((a) => a.type)).not.toContain('draft_reply');
    const offered = allowedActions(asked, ACTORS.section2Head, at).find((a) => a.type === 'answer_assist');
    expect(offered?.params.find((p) => p.name === 'assistNo')?.values).toEqual([1]);
    const answered = act(
      asked,
      ACTORS.section2Head,
      'answer_assist',
      { assistNo: 1, answer: '考勤属实' },
      at,
    );
    expect(assistParts(answered)).toMatchObject([{ no: 1, status: 'answered' }]);
    expect(answered.events.at(-1)).toMatchObject({
      type: 'assist_answered',
      visibility: 'internal',
      data: { no: 1, unitId: 'section2', answer: '考勤属实', attachmentIds: [] },
    });
    expect(attempt(answered, ACTORS.sectionHandler, 'draft_reply', LETTER, at).ok).toBe(true);
  });

  it('only the unit asked answers its part, once', () => {
    const asked = act(handling(), ACTORS.sectionHandler, 'request_assist', part, at);
    expectRefused(
      attempt(asked, ACTORS.mineHandler, 'answer_assist', { assistNo: 2, answer: 'x' }, at),
      'assist.unknown',
    );
    expectRefused(
      attempt(asked, ACTORS.sectionHandler, 'answer_assist', { assistNo: 1, answer: 'x' }, at),
      'assist.none_open',
    );
    const answered = act(asked, ACTORS.section2Head, 'answer_assist', { assistNo: 1, answer: '属实' }, at);
    expectRefused(
      attempt(answered, ACTORS.section2Head, 'answer_assist', { assistNo: 1, answer: '再答' }, at),
      'assist.none_open',
    );
    // With another part of its own open, the unit passes the gate and meets the answered part.
    const askedAgain = act(answered, ACTORS.sectionHandler, 'request_assist', part, at);
    expectRefused(
      attempt(askedAgain, ACTORS.section2Head, 'answer_assist', { assistNo: 1, answer: '再答' }, at),
      'assist.answered',
    );
  });

  it('refuses a part for the lead unit, a date in the past, a second open part, or the accused unit', () => {
    const p = handling();
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'request_assist', { ...part, unit: UNITS.section1 }, at),
      'assist.to_lead_unit',
    );
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'request_assist', { ...part, dueDate: '2026-03-01' }, at),
      'assist.due_in_past',
    );
    const asked = act(p, ACTORS.sectionHandler, 'request_assist', part, at);
    expectRefused(attempt(asked, ACTORS.sectionHandler, 'request_assist', part, at), 'assist.already_open');
    // An accusation about section1, handled by section2: neither section1 nor a unit below it helps.
    let accusation = act(
      submitted('accusation'),
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.section2, reportBackBy: '2026-05-29' },
      later(T0, 1),
    );
    accusation = act(accusation, ACTORS.section2Head, 'accept', {}, later(T0, 2));
    for (const unit of [UNITS.section1, UNITS.team1]) {
      expectRefused(
        attempt(accusation, ACTORS.section2Head, 'request_assist', { ...part, unit }, at),
        'triage.accusation_to_accused_unit',
      );
    }
    const offered = allowedActions(accusation, ACTORS.section2Head, at).find(
      (a) => a.type === 'request_assist',
    );
    expect(offered?.params[0]?.unitFilter).toEqual({
      within: 'group',
      not: 'section2',
      notWithin: 'section1',
    });
  });

  it('refuses a part due after the case’s own deadline (Art 34), and offers dates up to it', () => {
    // Accepted 2026-03-04: 60 days end on 2026-05-03, in the May Day holiday, so 2026-05-06.
    const p = handling();
    const late = attempt(p, ACTORS.sectionHandler, 'request_assist', { ...part, dueDate: '2027-12-31' }, at);
    expectRefused(late, 'assist.due_after_deadline');
    expect(late.ok ? null : late.refusal).toMatchObject({
      article: 'Art 34',
      param: 'dueDate',
      message:
        '协办答复期限不能晚于本件的办理期限，否则主办单位无法按期答复信访人：本件须在2026-05-06前答复（办理期限）（《信访工作条例》第三十四条）',
    });
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'request_assist', { ...part, dueDate: '2026-05-07' }, at),
      'assist.due_after_deadline',
    );
    expect(
      attempt(p, ACTORS.sectionHandler, 'request_assist', { ...part, dueDate: '2026-05-06' }, at).ok,
    ).toBe(true);
    const offered = allowedActions(p, ACTORS.sectionHandler, at).find((a) => a.type === 'request_assist');
    expect(offered?.params.find((d) => d.name === 'dueDate')).toMatchObject({
      minDate: '2026-03-07',
      maxDate: '2026-05-06',
    });
    // An approved extension moves the case's deadline, and the parts' latest date with it.
    let extended = act(p, ACTORS.sectionHandler, 'request_extension', { days: 30, reason: '复杂' }, at);
    extended = act(extended, ACTORS.sectionHead, 'approve_extension', {}, at);
    const deadline = answerDeadline(extended, defaultCalendar, at)?.dueDate ?? '';
    expect(deadline > '2026-05-06').toBe(true);
    expect(
      attempt(extended, ACTORS.sectionHandler, 'request_assist', { ...part, dueDate: deadline }, at).ok,
    ).toBe(true);
  });

  it('the lead unit withdraws an unanswered part with a reason; the reply no longer waits for it', () => {
    const asked = act(handling(), ACTORS.sectionHandler, 'request_assist', part, at);
    const offered = allowedActions(asked, ACTORS.sectionHandler, at).find(
      (a) => a.type === 'withdraw_assist',
    );
    expect(offered?.params.find((d) => d.name === 'assistNo')?.values).toEqual([1]);
    expectRefused(
      attempt(asked, ACTORS.sectionHandler, 'withdraw_assist', { assistNo: 1, reason: ' ' }, at),
      'params.invalid',
    );
    expectRefused(
      attempt(asked, ACTORS.sectionHandler, 'withdraw_assist', { assistNo: 2, reason: '已自行核实' }, at),
      'assist.not_open',
    );
    // The assisting unit answers its part; it does not take it back.
    expectRefused(
      attempt(asked, ACTORS.section2Head, 'withdraw_assist', { assistNo: 1, reason: '不办' }, at),
      'auth.unit_out_of_scope',
    );
    const withdrawn = act(
      asked,
      ACTORS.sectionHandler,
      'withdraw_assist',
      { assistNo: 1, reason: '已自行核实' },
      at,
    );
    expect(withdrawn.events.at(-1)).toMatchObject({
      type: 'assist_withdrawn',
      visibility: 'internal',
      data: { no: 1, unitId: 'section2', reason: '已自行核实' },
    });
    expect(assistParts(withdrawn)).toMatchObject([{ no: 1, status: 'withdrawn', answer: null }]);
    expect(openAssists(withdrawn)).toEqual([]);
    expect(attempt(withdrawn, ACTORS.sectionHandler, 'draft_reply', LETTER, at).ok).toBe(true);
    expectRefused(
      attempt(withdrawn, ACTORS.section2Head, 'answer_assist', { assistNo: 1, answer: '属实' }, at),
      'assist.none_open',
    );
    expect(allowedActions(withdrawn, ACTORS.sectionHandler, at).map((a) => a.type)).not.toContain(
      'withdraw_assist',
    );
    expectRefused(
      attempt(withdrawn, ACTORS.sectionHandler, 'withdraw_assist', { assistNo: 1, reason: '再撤' }, at),
      'assist.none_to_withdraw',
    );
    // Asked again, the unit passes the gate and meets the withdrawn part, which stays withdrawn.
    const again = act(withdrawn, ACTORS.sectionHandler, 'request_assist', part, at);
    expectRefused(
      attempt(again, ACTORS.section2Head, 'answer_assist', { assistNo: 1, answer: '属实' }, at),
      'assist.not_needed',
    );
    const answered = act(again, ACTORS.section2Head, 'answer_assist', { assistNo: 2, answer: '属实' }, at);
    expectRefused(
      attempt(answered, ACTORS.sectionHandler, 'withdraw_assist', { assistNo: 2, reason: '不需要' }, at),
      'assist.none_to_withdraw',
    );
  });

  it('a part lapses when the case leaves the lead unit or ends', () => {
    const asked = act(handling(), ACTORS.sectionHandler, 'request_assist', part, at);
    const withdrawn = act(asked, ACTORS.petitioner, 'withdraw', {}, at);
    expect(assistParts(withdrawn)).toMatchObject([{ no: 1, status: 'lapsed' }]);
  });

  it('in any walk, no reply is drafted, approved or issued while a part is open, and the 承办人 stays in the handling unit', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 20, maxLength: 50 }), (s, steps) => {
        const path = walk(s, steps);
        for (let i = 1; i < path.length; i += 1) {
          const before = (path[i - 1] as (typeof path)[number]).petition;
          const after = (path[i] as (typeof path)[number]).petition;
          const added = after.events.slice(before.events.length);
          if (added.some((e) => ['reply_drafted', 'reply_approved', 'reply_issued'].includes(e.type)))
            expect(openAssists(before)).toEqual([]);
          // Art 34: no part is due after the answer it holds up.
          const now = (path[i] as (typeof path)[number]).now;
          for (const e of added)
            if (e.type === 'assist_requested')
              expect(e.data.dueDate <= (answerDeadline(before, defaultCalendar, now)?.dueDate ?? '9')).toBe(
                true,
              );
          if (after.units.handling?.id !== before.units.handling?.id) expect(after.handlerId).toBeNull();
          if (after.handlerId !== null) expect(after.recusedStaffIds).not.toContain(after.handlerId);
        }
      }),
      { numRuns: 60 },
    );
  });
});
