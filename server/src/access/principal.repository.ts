import type { StaffRole } from '@xinfang/shared/schemas/identity';
import { type Kysely, sql, type Transaction } from 'kysely';
import { prepared } from '../db/prepared';
import type { DB } from '../db/schema';
import { pathIds } from '../db/subtree';
import type { SubjectType } from '../security/session-policy';
import type { Principal } from './principal';

type Db = Kysely<DB> | Transaction<DB>;

/** The caller behind a verified token, or null when the account no longer exists or is disabled. */
export async function loadPrincipal(db: Db, subjectType: SubjectType, id: string): Promise<Principal | null> {
  const found = await loadSessionPrincipal(db, subjectType, id, null);
  return found === 'ended' ? null : found;
}

/**
 * The caller of a signed-in request, read in one statement with whether the session its token
 * names is still open (sessions are refresh-token families, see modules/auth/sessions.ts):
 * `'ended'` when it is not — signing out or a revoked session ends access at once; null when the
 * account is disabled or gone. Roles are read fresh every time, so they are never stale.
 */
export async function loadSessionPrincipal(
  db: Db,
  subjectType: SubjectType,
  id: string,
  session: { sid: string; now: Date } | null,
): Promise<Principal | null | 'ended'> {
  // Without a session to check, the subquery asks for a family that cannot exist and is ignored.
  const sid = session?.sid ?? '';
  const at = session?.now.toISOString() ?? '';
  if (subjectType === 'petitioner') {
    const [row] = (await petitionerOf(db, sid, at, id)).rows;
    if (row && session && row.live === null) return 'ended';
    return row?.status === 'active' ? { kind: 'petitioner', id: row.id } : null;
  }
  const rows = (await staffOf(db, sid, at, id)).rows;
  const [staff] = rows;
  if (staff && session && staff.live === null) return 'ended';
  if (staff?.status !== 'active') return null;
  return {
    kind: 'staff',
    id: staff.id,
    roles: rows.flatMap((r) => (r.role === null ? [] : [r.role as StaffRole])),
    unit: { id: staff.unitId, path: pathIds(staff.unitPath) },
    mustChangePassword: staff.must_change_password === 1,
  };
}

// Prepared: every signed-in request runs one of them.
const petitionerOf = prepared((db, sid: string, at: string, id: string) =>
  db
    .selectFrom('petitioner_account as a')
    .select(['a.id', 'a.status', liveSession(db, 'petitioner', sid, at, 'a.id').as('live')])
    .where('a.id', '=', id),
);
const staffOf = prepared((db, sid: string, at: string, id: string) =>
  db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .leftJoin('staff_role as r', 'r.staff_id', 's.id')
    .select([
      's.id',
      's.status',
      's.must_change_password',
      'u.id as unitId',
      'u.path as unitPath',
      'r.role',
      liveSession(db, 'staff', sid, at, 's.id').as('live'),
    ])
    .where('s.id', '=', id),
);

/** 1 while the session (token family) `sid` of the account in column `subject` is open. */
function liveSession(db: Db, type: SubjectType, sid: string, at: string, subject: string) {
  return db
    .selectFrom('refresh_token as t')
    .select(sql<number>`1`.as('one'))
    .where('t.family_id', '=', sid)
    .where('t.subject_type', '=', type)
    .where('t.subject_id', '=', sql.ref<string>(subject))
    .where('t.revoked_at', 'is', null)
    .where('t.family_expires_at', '>', at)
    .limit(1);
}
