import type { PetitionState } from '@xinfang/shared/lifecycle';

/** What the staff page needs to know of a petition to suggest its next step. */
export interface NextStepFacts {
  state: PetitionState;
  /** The actions the server offers this person now (`allowedActions`). */
  allowed: readonly string[];
  /** Whether the petition office has named the unit it concerns (the petitioner may not have). */
  concernedKnown: boolean;
  /** The unit it concerns lies below the receiving unit (so it can be assigned there). */
  concernedBelowReceiving: boolean;
  /** An extension request of this round waits for a decision. */
  extensionPending: boolean;
  /** A scheduled hearing has not been held yet. */
  hearingPending: boolean;
}

/**
 * The step the case most likely needs from this person now, among those offered — so that a new
 * member of staff is not left to choose among eight statutory buttons: name the unit of a
 * petition that came without one, assign what concerns a unit below (or accept it), act on the
 * leader's referral, approve what waits for approval, hold the scheduled hearing, draft, issue.
 * Null when nothing is clearly next (an objection is for the sender to weigh).
 */
export function suggestedAction(facts: NextStepFacts): string | null {
  const offered = (type: string) => (facts.allowed.includes(type) ? type : null);
  switch (facts.state) {
    case 'registered':
      if (!facts.concernedKnown) return offered('set_concerned_unit');
      return (facts.concernedBelowReceiving && offered('assign')) || offered('accept');
    case 'referred':
      return offered('instruct');
    case 'assigned':
      return offered('accept');
    case 'handling':
      if (facts.extensionPending) return offered('approve_extension');
      if (facts.hearingPending) return offered('hold_hearing');
      return offered('draft_reply');
    case 'reply_drafted':
      return offered('approve_reply');
    case 'reply_approved':
      return offered('issue_reply');
    default:
      return null;
  }
}

/**
 * Art 36 ¶3: the final cases that a petition this person may accept or decline is linked to as the
 * same person's same matter, by number. The system declines at once only a text that brings
 * nothing new; whether the rest brings new facts and reasons is for reception to judge.
 */
export function finalCasesToWeigh(
  allowed: readonly string[],
  links: readonly { number: string; state: PetitionState }[],
): string[] {
  if (!allowed.includes('accept') && !allowed.includes('decline')) return [];
  return links.filter((link) => link.state === 'final').map((link) => link.number);
}
