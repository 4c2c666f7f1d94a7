import type { EventOf } from './events';
import type { Petition } from './petition';
import type { RuleId } from './rules';
import type { PetitionState } from './states';

/**
 * 信访工作条例 Art 29: a suggestion (建议意见) whose answer adopted it, in whole or in part, and
 * that contributed to development, to improving work or to the public interest is rewarded as
 * 有关规定 provide. The reward follows the written answer; one is recorded per stage.
 */

/** The current stage's written answer has been issued (the case may since have closed). */
const ANSWERED: readonly PetitionState[] = ['replied', 'resolved', 'concluded', 'final'];

/** The current stage's issued answer, when it stands (not reopened for handling again). */
export function standingAnswer(petition: Petition): EventOf<'reply_issued'> | null {
  if (!ANSWERED.includes(petition.state)) return null;
  const issued = petition.events.findLast(
    (e): e is EventOf<'reply_issued'> => e.type === 'reply_issued' && e.stage === petition.stage,
  );
  return issued ?? null;
}

/** Why no reward may be recorded on this petition now, or null when one may. */
export function rewardRefusal(petition: Petition): RuleId | null {
  if (petition.kind !== 'suggestion') return 'reward.suggestions_only';
  const answer = standingAnswer(petition);
  if (!answer) return 'reward.not_answered';
  const { outcome } = answer.data.letter;
  if (outcome !== 'adopted' && outcome !== 'partly_adopted') return 'reward.not_adopted';
  const rewarded = petition.events.some(
    (e) => e.type === 'suggestion_rewarded' && e.stage === petition.stage,
  );
  return rewarded ? 'reward.already_recorded' : null;
}
