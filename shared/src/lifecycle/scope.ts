import type { AnyActor } from './actor';
import { holderUnit, issuedBy, openAssists, ownershipHolds, supervisionNotices } from './facts';
import type { Scope } from './permissions';
import type { Petition } from './petition';
import { liftableRecusals } from './recusal';
import type { RuleId } from './rules';
import { isWithin, parentOf, type UnitRef } from './units';

/** Why an actor is outside a scope, or null when inside. */
export function scopeRefusal(scope: Scope, petition: Petition, actor: AnyActor): RuleId | null {
  if (scope === 'system') return actor.id === 'system' ? null : 'auth.role_not_permitted';
  if (scope === 'own') return actor.id === petition.petitionerId ? null : 'auth.not_own_petition';
  // Art 28: staff with a direct interest — including the petitioner themselves — stay out.
  if (petition.recusedStaffIds.includes(actor.id) || actor.id === petition.petitionerId)
    return 'auth.recused';
  switch (scope) {
    case 'referred_leader':
      return actor.id === petition.referredLeaderId ? null : 'auth.not_referred_leader';
    case 'responsible_leader':
      // Art 18 makes a leader of the holding unit or above the case's 包案领导 (take_case's
      // `holder` scope). His powers last while that is so, and only in the stage he took it in
      // (`ownershipHolds`, Art 28, 35, 36): not over the level above's review of his answer, nor
      // over another unit's handling once an objection moved the case away from his unit.
      if (actor.id !== petition.responsibleLeaderId) return 'auth.unit_out_of_scope';
      if (!ownershipHolds(petition)) return 'ownership.stage_ended';
      return inSubtree(holderUnit(petition), actor.unit);
    case 'receiving':
      return inSubtree(petition.units.receiving, actor.unit);
    case 'handling':
      return inSubtree(petition.units.handling, actor.unit);
    case 'holder':
      return inSubtree(holderUnit(petition), actor.unit);
    case 'above_holder': {
      // Art 40: supervision comes from a higher level, never from the unit holding the case.
      const holder = holderUnit(petition);
      return actor.unit?.id === holder.id ? 'supervision.own_unit' : inSubtree(holder, actor.unit);
    }
    case 'appealed_to': {
      // At the top there is no level above: the answering unit's own staff are in scope, so that
      // they hear why (`review.no_higher_level`) rather than that the case is not theirs.
      const answering = petition.units.handling;
      return inSubtree(answering && (parentOf(answering) ?? answering), actor.unit);
    }
    case 'supervised':
      // The unit the notice went to answers for itself, not a unit above it (Art 40).
      return supervisionNotices(petition).some(
        (n) => n.awaits === 'answer' && n.issued.data.unit.id === actor.unit?.id,
      )
        ? null
        : 'supervision.none_open';
    case 'issuing':
      return issuingRefusal(petition, actor);
    case 'recusing':
      return liftableRecusals(petition, actor).length > 0 ? null : 'recusal.none_to_lift';
    case 'assisting':
      return openAssists(petition).some((p) => actor.unit !== null && isWithin(p.unit, actor.unit))
        ? null
        : 'assist.none_open';
  }
}

function inSubtree(unit: UnitRef | null, scope: UnitRef | null): RuleId | null {
  return unit !== null && scope !== null && isWithin(unit, scope) ? null : 'auth.unit_out_of_scope';
}

/**
 * Art 40: the unit that issued a notice reviews its answer. Refused with what the actor's own
 * notices wait for, so a supervisor who is early or late hears why.
 */
function issuingRefusal(petition: Petition, actor: AnyActor): RuleId | null {
  const own = supervisionNotices(petition).filter((n) => issuedBy(n.issued, actor));
  if (own.some((n) => n.awaits === 'review')) return null;
  if (own.some((n) => n.awaits === 'answer')) return 'supervision.not_answered';
  return own.length > 0 ? 'supervision.already_reviewed' : 'supervision.not_issuer';
}
