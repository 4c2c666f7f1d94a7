import { beijingDate } from '../../clocks/dates';
import { done, event, fail, type Transitions } from './outcome';

/**
 * What follows an answer outside the appeal procedure. An unsatisfied rating of a suggestion or an
 * accusation cannot be appealed: the unit head decides whether to handle the case again, and the
 * decision is recorded either way — handling again reopens the case for a new written answer and
 * a new rating. A case forwarded to another organ (Art 22) gets that organ's outcome recorded.
 */
export const aftercareTransitions: Transitions<'decide_rehandling' | 'record_forward_outcome'> = {
  decide_rehandling: (params, { petition }) => {
    const decided = event('rehandling_decided', { rehandle: params.rehandle, reason: params.reason });
    if (!params.rehandle) return done({}, decided);
    const { [petition.stage]: _unsatisfied, ...ratings } = petition.ratings;
    return done({ state: 'handling', reply: null, ratings }, decided);
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
