import { accuses, type Petition } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import { preparedBy } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Which staff members are told about a petition: those of a unit holding a role (its handlers and
 * head for an assignment), or named people (the leader a case is referred to) — active accounts
 * only, never staff recused from the petition (Art 28), and never, for an accusation, anyone in
 * the accused unit's line (Art 30).
 */
export type StaffTarget =
  | { unitId: string; roles: readonly StaffRole[] }
  /** The holders of a role in the nearest unit up this path (root … unit) that has any: the head who approves. */
  | { nearestUp: readonly string[]; roles: readonly StaffRole[] }
  | { staffId: string };

const unitsOf = (targets: readonly StaffTarget[]) =>
  targets.flatMap((t) => ('unitId' in t ? [t.unitId] : 'nearestUp' in t ? [...t.nearestUp] : []));

export async function staffAudience(
  db: Db,
  petition: Petition,
  targets: readonly StaffTarget[],
  exclude: readonly string[] = [],
): Promise<string[]> {
  const staff = await loadStaff(db, {
    unitIds: unitsOf(targets),
    staffIds: targets.flatMap((t) => ('staffId' in t ? [t.staffId] : [])),
  });
  return pickAudience(staff, petition, targets, exclude);
}

export interface StaffMember {
  id: string;
  unit_id: string;
  path: string;
  role: string;
}

/** Active staff of these units, or these people: one row per role held. */
export async function loadStaff(
  db: Db,
  by: { unitIds: readonly string[]; staffIds?: readonly string[] },
): Promise<StaffMember[]> {
  const unitIds = [...new Set(by.unitIds)];
  const staffIds = [...new Set(by.staffIds ?? [])];
  if (unitIds.length === 0 && staffIds.length === 0) return [];
  return (await staffOf(db, unitIds, staffIds)).rows;
}

// Prepared (db/prepared.ts): every change that tells staff runs it.
const staffOf = preparedBy(
  (unitIds: string[], staffIds: string[]) => `${unitIds.length},${staffIds.length}`,
  (db, unitIds, staffIds) =>
    db
      .selectFrom('staff_account as s')
      .innerJoin('staff_role as r', 'r.staff_id', 's.id')
      .innerJoin('org_unit as u', 'u.id', 's.unit_id')
      .select(['s.id', 's.unit_id', 'u.path', 'r.role'])
      .where('s.status', '=', 'active')
      .where((eb) =>
        eb.or([
          ...(unitIds.length > 0 ? [eb('s.unit_id', 'in', unitIds)] : []),
          ...(staffIds.length > 0 ? [eb('s.id', 'in', staffIds)] : []),
        ]),
      ),
);

/** The staff the targets name, minus the excluded, the recused (Art 28) and the accused's line (Art 30). */
export function pickAudience(
  staff: readonly StaffMember[],
  petition: Petition,
  targets: readonly StaffTarget[],
  exclude: readonly string[] = [],
): string[] {
  const holds = (member: StaffMember, roles: readonly StaffRole[]) =>
    roles.includes(member.role as StaffRole);
  // Each `nearestUp` target settles on one unit: the deepest on its path with a holder of the role.
  const nearest = targets.map((t) =>
    'nearestUp' in t
      ? [...t.nearestUp]
          .reverse()
          .find((unitId) => staff.some((m) => m.unit_id === unitId && holds(m, t.roles)))
      : undefined,
  );
  const chosen = new Set<string>();
  for (const member of staff) {
    const wanted = targets.some((t, i) =>
      'staffId' in t
        ? t.staffId === member.id
        : 'unitId' in t
          ? t.unitId === member.unit_id && holds(member, t.roles)
          : nearest[i] === member.unit_id && holds(member, t.roles),
    );
    if (!wanted || exclude.includes(member.id) || petition.recusedStaffIds.includes(member.id)) continue;
    if (
      keptFromStaff(petition, { id: member.id, unitId: member.unit_id, path: member.path }) &&
      !forwardsTopAccusation(petition, member)
    )
      continue;
    chosen.add(member.id);
  }
  return [...chosen];
}

/**
 * Art 22, 30: when the top of the organisation is accused nobody stands outside it, and its
 * petition office holds the case to forward it (to the discipline organ) within 15 days — so its
 * reception is told, as the documents module gives it a redacted copy. Notices name the case by
 * its number only, never the accuser or the title.
 */
function forwardsTopAccusation(petition: Petition, member: StaffMember): boolean {
  const accused = petition.units.concerned;
  return (
    petition.kind === 'accusation' &&
    accused?.path.length === 1 &&
    member.unit_id === accused.id &&
    member.role === 'reception'
  );
}

/**
 * Art 30: an accusation never reaches anyone in the accused unit's line — the one place this
 * module asks the accuser rule (`shared/lifecycle/accuser.ts`).
 */
export function keptFromStaff(
  petition: Petition,
  staff: { id: string; unitId: string; path: string },
): boolean {
  return accuses(petition, { id: staff.unitId, path: pathIds(staff.path) });
}
