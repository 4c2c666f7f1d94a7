import { standingAnswer } from '../reward';
import { done, event, fail, type Transitions } from './outcome';

/**
 * Art 29: the reward or recognition given for an adopted suggestion (kind and what it was), told
 * to the petitioner. The guard (reward.ts) has checked the answer adopted it; the state stays.
 */
export const rewardTransitions: Transitions<'record_reward'> = {
  record_reward: (params, { petition }) => {
    const answer = standingAnswer(petition);
    const outcome = answer?.data.letter.outcome;
    if (!answer || (outcome !== 'adopted' && outcome !== 'partly_adopted')) return fail('reward.not_adopted');
    return done(
      {},
      event('suggestion_rewarded', {
        reward: params.reward,
        description: params.description,
        unitId: answer.data.unitId,
        outcome,
      }),
    );
  },
};
