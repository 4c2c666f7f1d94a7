import { type Action, type Petition, refuse } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { refused } from './petition.support';

type Db = Kysely<DB> | Transaction<DB>;

/** Those who may answer for a case: the unit's case workers. */
export const HANDLER_ROLES: readonly StaffRole[] = ['handler', 'unit_head'];

/**
 * Art 24 (五定): the 承办人 is one of the handling unit's own active case workers. The lifecycle
 * knows staff by id only, so the server holds a named person to the unit, after `decide` has
 * said the actor may name one at all.
 */
export async function assertHandlerInUnit(db: Db, petition: Petition, action: Action): Promise<void> {
  if (action.type !== 'set_handler') return;
  const unitId = petition.units.handling?.id;
  const staff = unitId
    ? await db
        .selectFrom('staff_account as s')
        .innerJoin('staff_role as r', 'r.staff_id', 's.id')
        .select('s.id')
        .where('s.id', '=', action.params.staffId)
        .where('s.status', '=', 'active')
        .where('s.unit_id', '=', unitId)
        .where('r.role', 'in', HANDLER_ROLES)
        .executeTakeFirst()
    : undefined;
  if (!staff) throw refused(refuse('handler.not_in_unit', { param: 'staffId' }));
}
