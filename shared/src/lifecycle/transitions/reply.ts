import type { DecisionLetter } from '../events';
import { OUTCOMES_BY_KIND } from '../vocabulary';
import { done, event, fail, type Transitions } from './outcome';

/**
 * The written answer: drafted with the structure of Art 32 (request, facts and reasons, decision,
 * legal basis, outcome) — for suggestions the outcome is adopted / partly / not (Art 29) — then
 * approved by the unit head and issued. Issuing the re-examination opinion ends the case (Art 36).
 * The petitioner's windows start only when the answer is delivered (transitions/delivery.ts).
 */
export const replyTransitions: Transitions<'draft_reply' | 'approve_reply' | 'return_reply' | 'issue_reply'> =
  {
    draft_reply: (params, { petition }) => {
      if (!OUTCOMES_BY_KIND[petition.kind].includes(params.outcome))
        return fail('reply.outcome_for_kind', 'outcome');
      const legalBasis = params.legalBasis?.trim() ? params.legalBasis : null;
      if (petition.kind === 'request' && legalBasis === null)
        return fail('reply.legal_basis_required', 'legalBasis');
      const letter: DecisionLetter = {
        request: params.request,
        factsAndReasons: params.factsAndReasons,
        decision: params.decision,
        legalBasis,
        outcome: params.outcome,
      };
      return done({ state: 'reply_drafted', reply: letter }, event('reply_drafted', { letter }));
    },

    approve_reply: () => done({ state: 'reply_approved' }, event('reply_approved', {})),

    return_reply: (params) => done({ state: 'handling' }, event('reply_returned', { reason: params.reason })),

    // Issued is not yet received: the appeal windows wait for the delivery (delivery.ts).
    issue_reply: (_params, { petition }) => {
      const letter = petition.reply;
      const unit = petition.units.handling;
      if (!letter || !unit) return fail('state.not_allowed');
      return done(
        { state: petition.stage === 're_examination' ? 'final' : 'replied' },
        event('reply_issued', { letter, unitId: unit.id }),
      );
    },
  };
