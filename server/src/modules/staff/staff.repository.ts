import { OPEN_STATES, type UnitRef } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import { dialectOf } from '../../db/dialect';
import { contains } from '../../db/like';
import type { DB, StaffAccountTable, StaffInvitationTable } from '../../db/schema';
import { pathIds, withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

/** A staff account without its secrets, with its unit and roles. */
export interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  status: StaffAccountTable['status'];
  mustChangePassword: boolean;
  phoneCipher: string | null;
  createdAt: string;
  lastSignInAt: string | null;
  invitationExpiresAt: string | null;
  temporaryPasswordExpiresAt: string | null;
  unit: { id: string; code: string; name: string; path: string };
  roles: StaffRole[];
}

/** The one query that reads a password hash: for checking a password, nothing else. With the unit's path, for the audit. */
export async function findStaffCredentials(db: Db, username: string) {
  return db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.status',
      's.password_hash',
      's.username',
      's.must_change_password',
      's.temporary_password_expires_at',
      'u.path as unit_path',
    ])
    .where('s.username', '=', username.toLowerCase())
    .executeTakeFirst();
}

function findStaffUnit(db: Db, id: string) {
  return db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['u.id', 'u.path'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** The org path of a staff member's unit: where entries about them belong in the audit log. */
export async function findStaffUnitPath(db: Db, id: string): Promise<string | null> {
  return (await findStaffUnit(db, id))?.path ?? null;
}

/** A staff member's unit as `shared` reasons about it: whose subtree holds the account. */
export async function findStaffUnitRef(db: Db, id: string): Promise<UnitRef | null> {
  const unit = await findStaffUnit(db, id);
  return unit ? { id: unit.id, path: pathIds(unit.path) } : null;
}

/** An active leader (unit head or responsible leader) and their unit: who receives and visits (Art 18). */
export async function findActiveLeader(db: Db, id: string) {
  return db
    .selectFrom('staff_account as s')
    .innerJoin('staff_role as r', 'r.staff_id', 's.id')
    .select(['s.id', 's.unit_id'])
    .where('s.id', '=', id)
    .where('s.status', '=', 'active')
    .where('r.role', 'in', ['responsible_leader', 'unit_head'])
    .executeTakeFirst();
}

/** An active account with a role, as it may be named in a case: no phone, no credentials. */
export interface NamedStaff {
  id: string;
  displayName: string;
  unit: { id: string; code: string; name: string; ref: UnitRef };
  roles: StaffRole[];
}

/** The active staff holding a role in one of these units (few: a unit and those above it). */
export async function findActiveStaffOfUnits(db: Db, unitIds: readonly string[]): Promise<NamedStaff[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .innerJoin('staff_role as r', 'r.staff_id', 's.id')
    .select(['s.id', 's.display_name', 'u.id as unit_id', 'u.code', 'u.name', 'u.path', 'r.role'])
    .where('s.unit_id', 'in', [...unitIds])
    .where('s.status', '=', 'active')
    .execute();
  const byId = new Map<string, NamedStaff>();
  for (const r of rows) {
    const known = byId.get(r.id);
    if (known) {
      known.roles.push(r.role as StaffRole);
      continue;
    }
    byId.set(r.id, {
      id: r.id,
      displayName: r.display_name,
      unit: { id: r.unit_id, code: r.code, name: r.name, ref: { id: r.unit_id, path: pathIds(r.path) } },
      roles: [r.role as StaffRole],
    });
  }
  return [...byId.values()];
}

export async function findStaffPasswordHash(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff_account')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.password_hash;
}

function staffQuery(db: Db) {
  return db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .leftJoin('staff_invitation as i', (join) =>
      join.onRef('i.staff_id', '=', 's.id').on('i.used_at', 'is', null),
    )
    .select([
      's.id',
      's.username',
      's.display_name',
      's.status',
      's.must_change_password',
      's.phone_cipher',
      's.created_at',
      's.last_sign_in_at',
      'i.expires_at as invitation_expires_at',
      's.temporary_password_expires_at',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
    ]);
}

type StaffQueryRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['executeTakeFirstOrThrow']>>;

async function withRoles(db: Db, rows: StaffQueryRow[]): Promise<StaffRow[]> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('staff_role')
    .select(['staff_id', 'role'])
    .where(
      'staff_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    status: r.status,
    mustChangePassword: r.must_change_password === 1,
    phoneCipher: r.phone_cipher,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
    invitationExpiresAt: r.invitation_expires_at,
    temporaryPasswordExpiresAt: r.must_change_password === 1 ? r.temporary_password_expires_at : null,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, path: r.unit_path },
    roles: roles
      .filter((role) => role.staff_id === r.id)
      .map((role) => role.role as StaffRole)
      .sort(),
  }));
}

export async function getStaff(db: Db, id: string): Promise<StaffRow | undefined> {
  const row = await staffQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

export interface StaffFilter {
  /** Only accounts whose unit lies in this subtree. */
  withinPath: string;
  role?: StaffRole;
  unitId?: string;
  status?: StaffAccountTable['status'];
  /** Part of the username or the name. */
  q?: string;
}

export async function listStaff(db: Db, filter: StaffFilter): Promise<StaffRow[]> {
  let query = staffQuery(db).where(withinPath('u.path', filter.withinPath));
  if (filter.unitId) query = query.where('u.id', '=', filter.unitId);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  const q = filter.q?.trim();
  if (q) query = query.where((eb) => eb.or([contains('s.username', q), contains('s.display_name', q)]));
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_role as r')
          .select('r.staff_id')
          .whereRef('r.staff_id', '=', 's.id')
          .where('r.role', '=', role),
      ),
    );
  }
  const rows = await query.orderBy('u.path').orderBy('s.username').limit(1000).execute();
  return withRoles(db, rows);
}

export async function insertStaff(
  db: Db,
  account: Insertable<StaffAccountTable>,
  roles: readonly StaffRole[],
) {
  await db.insertInto('staff_account').values(account).execute();
  await setRoles(db, account.id, roles);
}

export async function updateStaff(db: Db, id: string, changes: Updateable<StaffAccountTable>): Promise<void> {
  await db.updateTable('staff_account').set(changes).where('id', '=', id).execute();
}

/**
 * Changes an account only while nobody has signed in to it yet, in the same statement that checks:
 * false when someone has (or the account does not exist).
 */
export async function updateUnusedStaff(
  db: Db,
  id: string,
  changes: Updateable<StaffAccountTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('staff_account')
    .set(changes)
    .where('id', '=', id)
    .where('last_sign_in_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The active administrators placed in a unit, locked until the commit. On MySQL the read is FOR
 * UPDATE: it waits for a concurrent change to any of them and then sees that change committed,
 * not the transaction's snapshot, so two changes at once cannot each count the other as the one
 * who stays. SQLite runs one writing transaction at a time.
 */
export async function lockActiveAdmins(trx: Transaction<DB>, unitId: string): Promise<string[]> {
  const query = trx
    .selectFrom('staff_account as s')
    .innerJoin('staff_role as r', 'r.staff_id', 's.id')
    .select('s.id')
    .where('s.unit_id', '=', unitId)
    .where('s.status', '=', 'active')
    .where('r.role', '=', 'admin')
    .orderBy('s.id');
  const rows = await (dialectOf(trx) === 'mysql' ? query.forUpdate() : query).execute();
  return rows.map((row) => row.id);
}

export async function setRoles(db: Db, staffId: string, roles: readonly StaffRole[]): Promise<void> {
  await db.deleteFrom('staff_role').where('staff_id', '=', staffId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('staff_role')
    .values([...new Set(roles)].map((role) => ({ staff_id: staffId, role })))
    .execute();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_account')
    .select('id')
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** A successful sign-in, for "last signed in" in the accounts list. */
export async function recordSignIn(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('staff_account')
    .set({ last_sign_in_at: at.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Replaces the account's pending invitation, if any. */
export async function saveInvitation(db: Db, invitation: Insertable<StaffInvitationTable>): Promise<void> {
  await deleteInvitation(db, invitation.staff_id);
  await db.insertInto('staff_invitation').values(invitation).execute();
}

export async function findInvitation(db: Db, staffId: string) {
  return db
    .selectFrom('staff_invitation')
    .select(['code_hash', 'expires_at', 'used_at'])
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
}

export async function deleteInvitation(db: Db, staffId: string): Promise<void> {
  await db.deleteFrom('staff_invitation').where('staff_id', '=', staffId).execute();
}

/**
 * Marks the account's invitation used if it is still the unused one with `codeHash`: false when it
 * was not (on MySQL a second taker waits for the first's commit, then matches nothing).
 */
export async function takeInvitation(db: Db, staffId: string, codeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_invitation')
    .set({ used_at: now.toISOString() })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The open petitions a member of staff answers for as 承办人 (Art 24), oldest first. */
export async function openPetitionsHandledBy(
  db: Db,
  staffId: string,
): Promise<{ id: string; number: string; state: string }[]> {
  return db
    .selectFrom('petition')
    .select(['id', 'number', 'state'])
    .where('handler_id', '=', staffId)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('received_at')
    .execute();
}

/**
 * The open petitions on a leader's 包案 list (Art 18: his open stints), oldest first, with their
 * lifecycle: whether he still owns each is the lifecycle's question (`hydrate` says whether he may
 * still act on it).
 */
export async function openPetitionsOwnedBy(db: Db, leaderId: string) {
  return db
    .selectFrom('owned_case as o')
    .innerJoin('petition as p', 'p.id', 'o.petition_id')
    .select(['p.id', 'p.number', 'p.state', 'p.lifecycle'])
    .where('o.leader_id', '=', leaderId)
    .where('o.released_at', 'is', null)
    .where('p.state', 'in', [...OPEN_STATES])
    .orderBy('p.received_at')
    .execute();
}

/**
 * The unit's active reception staff (接待员) other than `exceptId`. In a transaction on MySQL they
 * are locked until the commit (as `lockActiveAdmins`): of two changes emptying one desk at once,
 * the second waits for the first and sees it.
 */
export async function otherReception(db: Db, unitId: string, exceptId: string): Promise<string[]> {
  const query = db
    .selectFrom('staff_account as s')
    .innerJoin('staff_role as r', 'r.staff_id', 's.id')
    .select('s.id')
    .where('s.unit_id', '=', unitId)
    .where('s.status', '=', 'active')
    .where('r.role', '=', 'reception')
    .where('s.id', '<>', exceptId)
    .orderBy('s.id');
  const locks = db.isTransaction && dialectOf(db) === 'mysql';
  return (await (locks ? query.forUpdate() : query).execute()).map((row) => row.id);
}
