import { hasRole } from '../actor';
import { holderUnit, openSupervisions, supervisionCount } from '../facts';
import { isWithin } from '../units';
import { done, event, fail, isBeforeToday, type Transitions } from './outcome';

/**
 * Art 40: a supervisor issues a supervision notice to the unit holding the case, with a date for
 * the written answer; that unit answers it. Art 28: staff with a direct interest are recused.
 * Art 18: a leader takes a case as its responsible leader (包案).
 */
export const oversightTransitions: Transitions<
  'issue_supervision' | 'answer_supervision' | 'recuse' | 'take_case'
> = {
  issue_supervision: (params, { petition, now }) => {
    if (isBeforeToday(params.dueDate, now)) return fail('supervision.due_in_past', 'dueDate');
    return done(
      {},
      event('supervision_issued', {
        no: supervisionCount(petition) + 1,
        unit: holderUnit(petition),
        concern: params.concern,
        requirements: params.requirements,
        dueDate: params.dueDate,
      }),
    );
  },

  answer_supervision: (params, { petition, actor }) => {
    const notice = openSupervisions(petition).find((s) => s.data.no === params.supervisionNo);
    if (!notice || actor.unit === null || !isWithin(notice.data.unit, actor.unit)) {
      return fail('supervision.unknown', 'supervisionNo');
    }
    return done({}, event('supervision_answered', { no: params.supervisionNo, answer: params.answer }));
  },

  // Art 18: a leader owns the case (包案); one leader at a time (guards.ts).
  take_case: (params, { actor }) =>
    done({ responsibleLeaderId: actor.id }, event('case_taken', { plan: params.plan })),

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
      event('recused', { staffId: params.staffId, reason: params.reason }),
    );
  },
};
