import { type AnyActor, hasRole } from './actor';
import type { PetitionEvent } from './events';
import type { Petition } from './petition';
import type { RuleId } from './rules';
import { isWithin, type UnitRef } from './units';

/**
 * Art 28 (回避): staff with a direct interest step aside. A person recuses themselves, or a unit
 * head decides it for his own people — those whose unit lies within his. Staff above him recuse
 * themselves: a unit never chooses who supervises, reviews or re-examines it (Art 35, 36, 40).
 * A recusal is lifted, with a reason, by whoever decided it or by a head at or above their unit.
 */

type Recused = Extract<PetitionEvent, { type: 'recused' }>;

/**
 * Why this actor may not recuse that person, whose unit is `staffUnit` (null: none known), or
 * null when they may. The lifecycle knows staff by id only, so the server asks this with the unit.
 */
export function recusalRefusal(actor: AnyActor, staffId: string, staffUnit: UnitRef | null): RuleId | null {
  if (staffId === actor.id) return null;
  if (!hasRole(actor, 'unit_head')) return 'recusal.only_self_or_head';
  return staffUnit !== null && actor.unit !== null && isWithin(staffUnit, actor.unit)
    ? null
    : 'recusal.outside_unit';
}

/** The decision that keeps this person recused now (the latest of them), or null when none does. */
export function standingRecusal(petition: Petition, staffId: string): Recused | null {
  if (!petition.recusedStaffIds.includes(staffId)) return null;
  for (let i = petition.events.length - 1; i >= 0; i -= 1) {
    const event = petition.events[i] as PetitionEvent;
    if (event.type === 'recused' && event.data.staffId === staffId) return event;
  }
  return null;
}

/**
 * Whether this actor may lift that recusal: whoever decided it, or a head at or above their unit.
 * One recorded without that unit (before 2026-12) is lifted by a head at the top, above every unit.
 */
export function mayLift(actor: AnyActor, recusal: Recused): boolean {
  if (recusal.actorId === actor.id) return true;
  if (!hasRole(actor, 'unit_head') || actor.unit === null) return false;
  const unit = recusal.data.recusingUnit;
  return unit ? isWithin(unit, actor.unit) : actor.unit.path.length === 1;
}

/** The people recused from this petition whose recusal this actor may lift. */
export function liftableRecusals(petition: Petition, actor: AnyActor): string[] {
  return petition.recusedStaffIds.filter((id) => {
    const recusal = standingRecusal(petition, id);
    return recusal !== null && mayLift(actor, recusal);
  });
}
