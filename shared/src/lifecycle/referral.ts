import { accuses } from './accuser';
import { PERMISSIONS } from './permissions';
import type { Petition } from './petition';
import type { RuleId } from './rules';
import { isWithin, type UnitRef } from './units';
import type { ActorRole, Role } from './vocabulary';

/** A staff member the office names to refer a case to (呈阅), as the server reads the account. */
export interface ReferralLeader {
  roles: readonly Role[];
  unit: UnitRef;
}

/** The roles that may instruct a referred case: only they may be referred one. */
const INSTRUCTING_ROLES: readonly ActorRole[] = PERMISSIONS.instruct.flatMap((grant) => grant.roles);

/**
 * Why a case may not be referred to this leader, or null. A referral must reach someone who can
 * read and instruct it, or the case waits for nobody: a leader (Art 18) of the receiving unit or
 * above it, whose office routes the case (Art 22), and never a leader within the accused unit
 * (Art 30: the materials are not passed to the accused). The lifecycle knows staff by id only, so
 * the server reads the account and asks this after `decide`; recusal is the transition's own check.
 */
export function referralRefusal(petition: Petition, leader: ReferralLeader): RuleId | null {
  if (!leader.roles.some((role) => INSTRUCTING_ROLES.includes(role))) return 'referral.not_leader';
  // The accused unit first: its leaders hear the reason that matters most (Art 30).
  if (accuses(petition, leader.unit)) return 'referral.accused_unit';
  return isWithin(petition.units.receiving, leader.unit) ? null : 'referral.outside_receiving';
}
