import { addDays, beijingDate, daysBetween } from '../../clocks/dates';
import { hasRole } from '../actor';
import { holderUnit, issuedBy, openSupervisions, supervisionCount, supervisionNotices } from '../facts';
import { mayLift, standingRecusal } from '../recusal';
import { done, event, fail, isBeforeToday, type Transitions } from './outcome';

/**
 * Art 40: a supervisor issues a supervision notice to the unit holding the case, with a date for
 * the written answer; that unit answers it; the issuing unit approves the answer or returns it,
 * which makes a new answer due. Art 28: staff with a direct interest are recused, and a recusal is
 * lifted by whoever decided it or a head above them (recusal.ts). Art 18: a leader takes a case as
 * its responsible leader (包案), and hands it back himself.
 */
export const oversightTransitions: Transitions<
  | 'issue_supervision'
  | 'answer_supervision'
  | 'review_supervision'
  | 'recuse'
  | 'lift_recusal'
  | 'take_case'
  | 'release_case'
> = {
  issue_supervision: (params, { petition, actor, now }) => {
    if (isBeforeToday(params.dueDate, now)) return fail('supervision.due_in_past', 'dueDate');
    return done(
      {},
      event('supervision_issued', {
        no: supervisionCount(petition) + 1,
        unit: holderUnit(petition),
        ...(actor.unit ? { issuingUnit: actor.unit } : {}),
        concern: params.concern,
        requirements: params.requirements,
        dueDate: params.dueDate,
      }),
    );
  },

  answer_supervision: (params, { petition, actor }) => {
    const notice = openSupervisions(petition).find((s) => s.data.no === params.supervisionNo);
    if (!notice || notice.data.unit.id !== actor.unit?.id)
      return fail('supervision.unknown', 'supervisionNo');
    return done({}, event('supervision_answered', { no: params.supervisionNo, answer: params.answer }));
  },

  review_supervision: (params, { petition, actor, now }) => {
    const notice = supervisionNotices(petition).find((n) => n.issued.data.no === params.supervisionNo);
    if (notice?.awaits !== 'review' || !issuedBy(notice.issued, actor))
      return fail('supervision.not_awaiting_review', 'supervisionNo');
    const returned = params.decision === 'returned';
    if (returned && params.dueDate && isBeforeToday(params.dueDate, now))
      return fail('supervision.due_in_past', 'dueDate');
    // Returned without a date: the new answer gets as many days as the notice first gave.
    const issued = notice.issued;
    const today = beijingDate(now);
    const given = daysBetween(beijingDate(issued.at), issued.data.dueDate);
    return done(
      {},
      event('supervision_reviewed', {
        no: params.supervisionNo,
        decision: params.decision,
        note: params.note ?? null,
        dueDate: returned ? (params.dueDate ?? addDays(today, given)) : null,
      }),
    );
  },

  // Art 18: a leader owns the case (包案); one leader at a time (guards.ts), unless the owner's
  // account is no longer active — then another leader takes it over, and the event says from whom.
  take_case: (params, { petition, actor }) =>
    done(
      { responsibleLeaderId: actor.id },
      event('case_taken', {
        plan: params.plan,
        ...(petition.responsibleLeaderId ? { previousLeaderId: petition.responsibleLeaderId } : {}),
      }),
    ),

  // Art 18: a leader who moves on, or can no longer see the case through, hands his 包案 back
  // himself, with the reason; then any leader in scope takes it (take_case). Only he may: 包案 is
  // the leader's personal answer for the case, which nobody above him ends in his stead while he
  // is in office. One who has left is disabled by the administrator, and his case is taken over.
  release_case: (params) =>
    done({ responsibleLeaderId: null }, event('case_released', { reason: params.reason })),

  // Whether a head may recuse this person depends on their unit, which the server checks
  // (recusal.ts `recusalRefusal`); the decision keeps the head's unit for whoever may lift it.
  recuse: (params, { petition, actor }) => {
    if (params.staffId !== actor.id && !hasRole(actor, 'unit_head')) {
      return fail('recusal.only_self_or_head', 'staffId');
    }
    const recusedStaffIds = petition.recusedStaffIds.includes(params.staffId)
      ? petition.recusedStaffIds
      : [...petition.recusedStaffIds, params.staffId];
    // Art 28: a recused handler no longer answers for the case; the unit head names another.
    const handlerId = petition.handlerId === params.staffId ? null : petition.handlerId;
    return done(
      { recusedStaffIds, handlerId },
      event('recused', {
        staffId: params.staffId,
        reason: params.reason,
        ...(actor.unit ? { recusingUnit: actor.unit } : {}),
      }),
    );
  },

  lift_recusal: (params, { petition, actor }) => {
    const recusal = standingRecusal(petition, params.staffId);
    if (!recusal || !mayLift(actor, recusal)) return fail('recusal.not_liftable', 'staffId');
    return done(
      { recusedStaffIds: petition.recusedStaffIds.filter((id) => id !== params.staffId) },
      event('recusal_lifted', { staffId: params.staffId, reason: params.reason }),
    );
  },
};
