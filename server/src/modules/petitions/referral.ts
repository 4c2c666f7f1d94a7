import type { Calendar } from '@xinfang/shared/clocks';
import {
  type Action,
  type Actor,
  decide,
  gate,
  type Petition,
  type Role,
  referralRefusal,
  refuse,
} from '@xinfang/shared/lifecycle';
import type { ReferralLeader } from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { findActiveStaffOfUnits, findStaffUnitRef } from '../staff/staff.repository';
import { refused } from './petition.support';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Art 18, 22, 30: a case is referred (呈阅) only to a leader who may read and instruct it. The
 * lifecycle knows staff by id only, so the server reads the named account (its activity is
 * checked with the parameters) and asks `referralRefusal`, after `decide` has said the actor may
 * refer the case at all.
 */
export async function assertReferralLeader(db: Db, petition: Petition, action: Action): Promise<void> {
  if (action.type !== 'refer') return;
  const { leaderId } = action.params;
  const [unit, roles] = await Promise.all([
    findStaffUnitRef(db, leaderId),
    db.selectFrom('staff_role').select('role').where('staff_id', '=', leaderId).execute(),
  ]);
  const rule = unit
    ? referralRefusal(petition, { unit, roles: roles.map((r) => r.role as Role) })
    : 'referral.not_leader';
  if (rule) throw refused(refuse(rule, { param: 'leaderId' }));
}

/**
 * The leaders this actor may refer the case to now, from the receiving unit upwards: exactly those
 * `refer` accepts — the lifecycle's own checks (Art 28 recusal, the leader already asked) and
 * `referralRefusal` — so the app offers no name the server refuses, and the leaders above the
 * office (whom its staff list does not reach) among them. Refused as `refer` itself would be when
 * the actor may not refer the case at all.
 */
export async function referralLeaders(
  db: Db,
  petition: Petition,
  actor: Actor,
  now: Date,
  calendar: Calendar,
): Promise<ReferralLeader[]> {
  const at = now.toISOString();
  const permit = gate(petition, 'refer', actor, at, calendar);
  if (!permit.ok) throw refused(permit.refusal);
  // Only units on the receiving unit's path can hold an accepted leader.
  const staff = await findActiveStaffOfUnits(db, petition.units.receiving.path);
  return staff
    .filter(
      (s) =>
        referralRefusal(petition, { unit: s.unit.ref, roles: s.roles }) === null &&
        decide(petition, { type: 'refer', params: { leaderId: s.id } }, actor, at, calendar).ok,
    )
    .sort(
      (a, b) =>
        b.unit.ref.path.length - a.unit.ref.path.length ||
        a.displayName.localeCompare(b.displayName, 'zh-CN'),
    )
    .map((s) => ({
      id: s.id,
      displayName: s.displayName,
      unit: { id: s.unit.id, code: s.unit.code, name: s.unit.name },
      roles: [...s.roles].sort(),
    }));
}
