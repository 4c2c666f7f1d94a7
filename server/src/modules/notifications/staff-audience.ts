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
  /** A named person (the case's 承办人); `orElse` when that account is no longer active. */
  | { staffId: string; orElse?: readonly StaffTarget[] };

const HEAD: readonly StaffRole[] = ['unit_head'];

/** The units whose staff the targets may name, fallbacks included. */
const unitsOf = (targets: readonly StaffTarget[]): string[] =>
  targets.flatMap((t) =>
    'unitId' in t ? [t.unitId] : 'nearestUp' in t ? [...t.nearestUp] : unitsOf(t.orElse ?? []),
  );
const peopleOf = (targets: readonly StaffTarget[]): string[] =>
  targets.flatMap((t) => ('staffId' in t ? [t.staffId, ...peopleOf(t.orElse ?? [])] : []));

/**
 * Who is told. A unit's role nobody holds any more (its only reception disabled, say) is not told
 * to nobody: it falls to the nearest head up the unit's line, as approvals do (`nearestUp`) — so a
 * new case still reaches someone while its 15 days run (Art 22).
 */
export async function staffAudience(
  db: Db,
  petition: Petition,
  targets: readonly StaffTarget[],
  exclude: readonly string[] = [],
): Promise<string[]> {
  return (await staffAudiences(db, [{ petition, targets, exclude }]))[0] ?? [];
}

/** One petition's question to `staffAudiences`. */
export interface AudienceAsk {
  petition: Petition;
  targets: readonly StaffTarget[];
  exclude?: readonly string[];
}

/**
 * `staffAudience` for many petitions at once, in order (a reminder job's batch): one read of the
 * staff the targets name, one of the units above those nobody holds the role in, whatever the
 * batch's size.
 */
export async function staffAudiences(db: Db, asks: readonly AudienceAsk[]): Promise<string[][]> {
  const asked = asks.flatMap((a) => unitsOf(a.targets));
  let staff = await loadStaff(db, { unitIds: asked, staffIds: asks.flatMap((a) => peopleOf(a.targets)) });
  const settled = asks.map((a) => settle(a.targets, staff));
  // Vacancy is the petition's own: a holder recused from one petition leaves only it vacant.
  const vacant = asks.map((a, i) => vacantUnits(staff, a.petition, settled[i] ?? []));
  const anyVacant = [...new Set(vacant.flat())];
  const paths = new Map<string, readonly string[]>();
  if (anyVacant.length > 0) {
    const units = await db
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where('id', 'in', anyVacant)
      .execute();
    for (const u of units) paths.set(u.id, pathIds(u.path));
    const read = new Set(asked);
    const above = [...paths.values()].flat().filter((id) => !read.has(id));
    staff = [...staff, ...(await loadStaff(db, { unitIds: above }))];
  }
  return asks.map((a, i) => {
    const targets = (settled[i] ?? []).map((t) => {
      const path = 'unitId' in t && vacant[i]?.includes(t.unitId) ? paths.get(t.unitId) : undefined;
      return path ? { nearestUp: path, roles: HEAD } : t;
    });
    return pickAudience(staff, a.petition, targets, a.exclude);
  });
}

/** The targets with each named person no longer active replaced by their fallback. */
function settle(targets: readonly StaffTarget[], staff: readonly StaffMember[]): StaffTarget[] {
  return targets.flatMap((t) =>
    'staffId' in t && t.orElse && !staff.some((m) => m.id === t.staffId) ? settle(t.orElse, staff) : [t],
  );
}

/**
 * The units a target names a role of that no active member holds, leaving nobody to tell. A
 * holder recused from this petition (Art 28) cannot act on it and does not count; the one who
 * acted does — they know.
 */
export function vacantUnits(
  staff: readonly StaffMember[],
  petition: Petition,
  targets: readonly StaffTarget[],
): string[] {
  const vacant = targets.flatMap((t) =>
    'unitId' in t &&
    !staff.some(
      (m) =>
        m.unit_id === t.unitId &&
        t.roles.includes(m.role as StaffRole) &&
        !petition.recusedStaffIds.includes(m.id),
    )
      ? [t.unitId]
      : [],
  );
  return [...new Set(vacant)];
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
  const named = settle(targets, staff);
  // Each `nearestUp` target settles on one unit: the deepest on its path with a holder of the role.
  const nearest = named.map((t) =>
    'nearestUp' in t
      ? [...t.nearestUp]
          .reverse()
          .find((unitId) => staff.some((m) => m.unit_id === unitId && holds(m, t.roles)))
      : undefined,
  );
  const chosen = new Set<string>();
  for (const member of staff) {
    const wanted = named.some((t, i) =>
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
