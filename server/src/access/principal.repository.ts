import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import { prepared } from '../db/prepared';
import type { DB } from '../db/schema';
import { pathIds } from '../db/subtree';
import type { SubjectType } from '../security/session-policy';
import type { Principal } from './principal';

/** The caller behind a verified token, or null when the account no longer exists or is disabled. */
export async function loadPrincipal(
  db: Kysely<DB> | Transaction<DB>,
  subjectType: SubjectType,
  id: string,
): Promise<Principal | null> {
  if (subjectType === 'petitioner') {
    const [row] = (await petitionerById(db, id)).rows;
    return row?.status === 'active' ? { kind: 'petitioner', id: row.id } : null;
  }
  const [staff] = (await staffById(db, id)).rows;
  if (staff?.status !== 'active') return null;
  const roles = (await rolesOf(db, id)).rows;
  return {
    kind: 'staff',
    id: staff.id,
    roles: roles.map((r) => r.role as StaffRole),
    unit: { id: staff.unitId, path: pathIds(staff.unitPath) },
    mustChangePassword: staff.must_change_password === 1,
  };
}

// Prepared: every signed-in request runs them.
const petitionerById = prepared((db, id: string) =>
  db.selectFrom('petitioner_account').select(['id', 'status']).where('id', '=', id),
);
const staffById = prepared((db, id: string) =>
  db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.status', 's.must_change_password', 'u.id as unitId', 'u.path as unitPath'])
    .where('s.id', '=', id),
);
const rolesOf = prepared((db, id: string) =>
  db.selectFrom('staff_role').select('role').where('staff_id', '=', id),
);
