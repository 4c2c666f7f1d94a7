import {
  ACTION_SPECS,
  type Actor,
  type CaseActionType,
  type ParamSpec,
  type Refusal,
  refusalErrorBody,
  type UnitRef,
  type Visibility,
} from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../../access/principal';
import { prepared } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { AppError } from '../../errors';
import { findRootUnitRef } from '../org/org.repository';

type Db = Kysely<DB> | Transaction<DB>;
type Trx = Transaction<DB>;

/** The lifecycle's actor for a signed-in principal. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'staff'
    ? { id: principal.id, roles: principal.roles, unit: principal.unit }
    : { id: principal.id, roles: ['petitioner'], unit: null };
}

/** A lifecycle refusal as the API's LIFECYCLE_REFUSED error, naming the rule and the article. */
export function refused(refusal: Refusal): AppError {
  const body = refusalErrorBody(refusal);
  return new AppError('LIFECYCLE_REFUSED', body.error.message, body.error.details);
}

export function versionConflict(current: { version: number; state: string }): AppError {
  return new AppError('VERSION_CONFLICT', '有人刚刚处理了这件信访事项，请刷新后再操作', {
    currentVersion: current.version,
    state: current.state,
  });
}

/** An active unit as the lifecycle needs it, or a validation error naming the field. */
export async function activeUnitRef(trx: Db, id: string, field: string): Promise<UnitRef> {
  const [unit] = (await unitById(trx, id)).rows;
  if (!unit || unit.retired_at) {
    throw new AppError('VALIDATION_FAILED', '所选单位不存在或已撤销', [
      { path: field, message: 'is not an active unit' },
    ]);
  }
  return { id: unit.id, path: pathIds(unit.path) };
}

/** A submission's or registration's concerned unit, or null when the petitioner did not know it. */
export async function concernedUnitRef(trx: Db, id: string | undefined): Promise<UnitRef | null> {
  return id === undefined ? null : activeUnitRef(trx, id, '/body/concernedUnitId');
}

/** The top of the organisation: its petition office receives what no unit was named for. */
export async function rootUnitRef(db: Db): Promise<UnitRef> {
  const root = await findRootUnitRef(db);
  if (!root) throw new Error('the organisation has no root unit');
  return root;
}

/** Turns an action body's unit ids into UnitRefs and checks that named staff exist. */
export async function resolveParams(
  trx: Db,
  type: CaseActionType,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = { ...params };
  for (const spec of ACTION_SPECS[type].params as readonly ParamSpec[]) {
    const value = params[spec.name];
    if (typeof value !== 'string') continue;
    if (spec.kind === 'unit')
      resolved[spec.name] = await activeUnitRef(trx, value, `/body/params/${spec.name}`);
    if (spec.kind === 'staff') {
      const staff = await trx
        .selectFrom('staff_account')
        .select('id')
        .where('id', '=', value)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!staff) {
        throw new AppError('VALIDATION_FAILED', '所选工作人员不存在或已停用', [
          { path: `/body/params/${spec.name}`, message: 'is not an active staff account' },
        ]);
      }
    }
  }
  return resolved;
}

export async function assertActiveCategory(trx: Db, code: string): Promise<void> {
  const [category] = (await activeCategory(trx, code)).rows;
  if (category) return;
  // A category retired while the form was open: the person picks again from those in use.
  const retired = await trx.selectFrom('category').select('code').where('code', '=', code).executeTakeFirst();
  throw new AppError('VALIDATION_FAILED', retired ? '该分类已停用，请重新选择' : '事项分类不存在', [
    { path: '/body/categoryCode', message: retired ? 'is a retired category' : 'is not a category' },
  ]);
}

const unitById = prepared((db, id: string) =>
  db.selectFrom('org_unit').select(['id', 'path', 'retired_at']).where('id', '=', id),
);
const activeCategory = prepared((db, code: string) =>
  db.selectFrom('category').select('code').where('code', '=', code).where('active', '=', 1),
);

/**
 * Attaches uploads to a petition: only the uploader's own, not yet attached elsewhere. They are
 * seen by whom the event that brings them is seen (`visibility`).
 */
export async function claimAttachments(
  trx: Trx,
  ids: readonly string[],
  ownerId: string,
  petitionId: string,
  visibility: Visibility,
): Promise<void> {
  if (ids.length === 0) return;
  const result = await trx
    .updateTable('attachment')
    .set({ petition_id: petitionId, visibility })
    .where('id', 'in', [...ids])
    .where('owner_id', '=', ownerId)
    .where('petition_id', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== ids.length) {
    throw new AppError('VALIDATION_FAILED', '附件不存在、不属于您或已被使用，请重新上传', [
      { path: '/body/attachmentIds', message: 'must be your own unused uploads' },
    ]);
  }
}
