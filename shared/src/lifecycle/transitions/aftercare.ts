import { beijingDate } from '../../clocks/dates';
import { done, event, fail, type Transitions } from './outcome';

/**
 * What follows an answer outside the appeal procedure. An unsatisfied rating of a suggestion or an
 * accusation cannot be appealed: the unit head decides whether to handle the case again, and the
 * decision is recorded either way — handling again reopens the case for a new written answer and
 * a new rating. A case forwarded to another organ (Art 22) gets that organ's outcome recorded.
 */
export const aftercareTransitions: Transitions<'decide_rehandling' | 'record_forward_outcome'> = {
  // Two events: the internal record with the reason (which may discuss the accused, Art 30, or
  // colleagues) and the petitioner's, with only what was written for him.
  decide_rehandling: (params, { petition }) => {
    const { rehandle, reason } = params;
    const toPetitioner = params.toPetitioner?.trim() || null;
    if (!rehandle && toPetitioner === null) return fail('rehandling.explanation_required', 'toPetitioner');
    const decided = event('rehandling_decided', { rehandle, reason });
    const notified = event('rehandling_notified', { rehandle, toPetitioner });
    if (!rehandle) return done({}, decided, notified);
    const { [petition.stage]: _unsatisfied, ...ratings } = petition.ratings;
    return done({ state: 'handling', reply: null, ratings }, decided, notified);
  },

  record_forward_outcome: (params, { petition, now }) => {
    const forwarded = petition.events.findLast((e) => e.type === 'forwarded');
    const from = forwarded ? beijingDate(forwarded.at) : beijingDate(now);
    if (params.receivedOn < from || params.receivedOn > beijingDate(now))
      return fail('forward.outcome_date_invalid', 'receivedOn');
    return done(
      {},
      event('forward_outcome_recorded', { outcome: params.outcome, receivedOn: params.receivedOn }),
    );
  },
};
