import { compareInstants } from '../../clocks/dates';
import type { DecisionLetter } from '../events';
import { OUTCOMES_BY_KIND } from '../vocabulary';
import { done, event, fail, type Transitions } from './outcome';

/**
 * The written answer: drafted with the structure of Art 32 (request, facts and reasons, decision,
 * legal basis, outcome) — for suggestions the outcome is adopted / partly / not (Art 29) — then
 * approved by the unit head and issued. Issuing the re-examination opinion ends the case (Art 36).
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

    issue_reply: (params, { petition, now }) => {
      const letter = petition.reply;
      const unit = petition.units.handling;
      if (!letter || !unit) return fail('state.not_allowed');
      // Art 35, 36: the appeal windows count from receipt, so the delivery time must be real.
      const deliveredAt = params.deliveredAt ?? now;
      const approvedAt = petition.events.findLast((e) => e.type === 'reply_approved')?.at ?? now;
      if (compareInstants(deliveredAt, approvedAt) < 0 || compareInstants(deliveredAt, now) > 0) {
        return fail('reply.delivery_time_invalid', 'deliveredAt');
      }
      return done(
        { state: petition.stage === 're_examination' ? 'final' : 'replied' },
        event('reply_issued', { letter, unitId: unit.id, deliveredAt }),
      );
    },
  };
