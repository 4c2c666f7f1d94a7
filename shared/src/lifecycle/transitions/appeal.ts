import type { Petition } from '../petition';
import { parentOf } from '../units';
import type { Stage } from '../vocabulary';
import { done, event, fail, type Outcome, type Transitions } from './outcome';

/**
 * Art 35: review (复查) by the parent of the unit that answered; Art 36: re-examination (复核) by
 * the parent of the reviewer. Each appeal goes up exactly one level and reopens handling there.
 */
export const appealTransitions: Transitions<'request_review' | 'request_re_examination'> = {
  request_review: (params, { petition }) => appeal(petition, 'review', params.reason),
  request_re_examination: (params, { petition }) => appeal(petition, 're_examination', params.reason),
};

function appeal(petition: Petition, stage: Exclude<Stage, 'first'>, reason: string): Outcome {
  const answering = petition.units.handling;
  const above = answering ? parentOf(answering) : null;
  if (!answering || !above) {
    return fail(stage === 'review' ? 'review.no_higher_level' : 're_examination.no_higher_level');
  }
  const units =
    stage === 'review'
      ? { ...petition.units, answering, reviewing: above, handling: above }
      : { ...petition.units, answering, reExamining: above, handling: above };
  const data = { reason, answeringUnitId: answering.id, unitId: above.id };
  return done(
    { stage, state: 'handling', units, reply: null, pendingHearing: null },
    stage === 'review' ? event('review_requested', data) : event('re_examination_requested', data),
  );
}
