import { CLOCK_DEFINITIONS } from '../../clocks/definitions';
import { accuses } from '../accuser';
import { answerDeadline, assistParts, openAssists } from '../facts';
import { refuse } from '../rules';
import { isWithin } from '../units';
import { done, event, fail, isBeforeToday, type Transitions } from './outcome';

/**
 * Art 24 (五定, 协同): the unit head names the person who answers for the case (and changes him
 * only with a reason); the lead unit (主办) asks assisting units (协办) to answer parts by a date,
 * and they answer. The lead unit's reply waits for every part (guards.ts).
 */
export const coHandlingTransitions: Transitions<
  'set_handler' | 'request_assist' | 'answer_assist' | 'withdraw_assist'
> = {
  set_handler: (params, { petition }) => {
    const previous = petition.handlerId;
    if (params.staffId === previous) return fail('handler.unchanged', 'staffId');
    // Art 28: nobody with a direct interest handles the case, the petitioner least of all.
    if (petition.recusedStaffIds.includes(params.staffId) || params.staffId === petition.petitionerId)
      return fail('handler.recused', 'staffId');
    const reason = params.reason?.trim() ? params.reason : null;
    if (previous !== null && reason === null) return fail('handler.reason_required', 'reason');
    return done(
      { handlerId: params.staffId },
      event('handler_set', { staffId: params.staffId, previousStaffId: previous, reason }),
    );
  },

  request_assist: (params, { petition, now, calendar }) => {
    const lead = petition.units.handling;
    if (!lead) return fail('state.not_allowed');
    if (params.unit.id === lead.id) return fail('assist.to_lead_unit', 'unit');
    // Art 30: the accused unit never sees an accusation, not even a part of it.
    if (accuses(petition, params.unit)) return fail('triage.accusation_to_accused_unit', 'unit');
    if (isBeforeToday(params.dueDate, now)) return fail('assist.due_in_past', 'dueDate');
    // Art 34: the reply waits for every part, so no part may be due after the reply itself.
    const deadline = answerDeadline(petition, calendar, now);
    if (deadline && params.dueDate > deadline.dueDate) {
      const message = `本件须在${deadline.dueDate}前答复（${CLOCK_DEFINITIONS[deadline.name].label}）`;
      return { ok: false, refusal: refuse('assist.due_after_deadline', { param: 'dueDate', message }) };
    }
    if (openAssists(petition).some((part) => part.unit.id === params.unit.id))
      return fail('assist.already_open', 'unit');
    return done(
      {},
      event('assist_requested', {
        no: assistParts(petition).length + 1,
        unit: params.unit,
        leadUnitId: lead.id,
        part: params.part,
        dueDate: params.dueDate,
      }),
    );
  },

  answer_assist: (params, { petition, actor }) => {
    const part = assistParts(petition).find((p) => p.no === params.assistNo);
    if (!part || actor.unit === null || !isWithin(part.unit, actor.unit))
      return fail('assist.unknown', 'assistNo');
    // Only the unit asked learns that its part is no longer wanted.
    if (part.status === 'lapsed' || part.status === 'withdrawn') return fail('assist.not_needed', 'assistNo');
    // An answer stands as given: a retry of it is answered by the route, another is refused.
    if (part.status === 'answered') return fail('assist.answered', 'assistNo');
    return done(
      {},
      event('assist_answered', {
        no: part.no,
        unitId: part.unit.id,
        answer: params.answer,
        attachmentIds: params.attachmentIds ?? [],
      }),
    );
  },

  // Art 24: the lead unit takes back a part it no longer needs; its reply then stops waiting for it.
  withdraw_assist: (params, { petition }) => {
    const part = openAssists(petition).find((p) => p.no === params.assistNo);
    if (!part) return fail('assist.not_open', 'assistNo');
    return done({}, event('assist_withdrawn', { no: part.no, unitId: part.unit.id, reason: params.reason }));
  },
};
