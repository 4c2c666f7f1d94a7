import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely } from 'kysely';
import { rolesWith } from '../../access/capabilities';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { AppError } from '../../errors';
import { findUnit } from '../org/org.repository';
import type { FigureScope } from './figures.query';

/**
 * Whose figures and ledger a staff member may read: a unit of their subtree, with or without the
 * units below it (by default) — except a handler, who reads their own unit's alone (issue 14's
 * access rule; the default for them).
 */
export async function figureScopeFor(
  db: Kysely<DB>,
  staff: StaffPrincipal,
  request: { unitId?: string | undefined; subtree?: boolean | undefined },
): Promise<FigureScope> {
  const unitId = request.unitId ?? staff.unit.id;
  const unit = await findUnit(db, { id: unitId });
  // The unit is named in the query string, so the policy is asked here rather than by the hook.
  assertWithinScope(staff, unit ? { id: unit.id, path: pathIds(unit.path) } : null, unitId);
  const ownOnly = onlyOwnUnit(staff.roles);
  // Unasked, a handler gets their own unit's alone; asked for more, the answer says why not.
  const subtree = request.subtree ?? !ownOnly;
  if (ownOnly && (unitId !== staff.unit.id || subtree)) {
    throw new AppError('FORBIDDEN', '承办人员只能查看本单位（不含下级单位）的统计和台账', [
      unitId !== staff.unit.id
        ? { path: '/querystring/unitId', message: 'is not your unit' }
        : { path: '/querystring/subtree', message: 'must be false' },
    ]);
  }
  const found = unit as NonNullable<typeof unit>;
  return { unit: { id: found.id, name: found.name, path: found.path }, subtree };
}

const SUBTREE_READERS: readonly StaffRole[] = rolesWith('read_figures').filter((role) => role !== 'handler');

function onlyOwnUnit(roles: readonly StaffRole[]): boolean {
  return !roles.some((role) => SUBTREE_READERS.includes(role));
}
