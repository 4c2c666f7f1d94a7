import { refuse } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { HANDLER_ROLES } from '../petitions/handler';
import { refused } from '../petitions/petition.support';
import { findActiveStaffOfUnits } from '../staff/staff.repository';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Refuses a successor who is no active case worker of the person's unit (Art 24), unnamed: one of
 * its own accounts (not of a unit above or below), in use, with a role that works cases.
 */
export async function assertCaseWorkerOf(db: Db, unitId: string, successorId: string): Promise<void> {
  const found = (await findActiveStaffOfUnits(db, [unitId])).some(
    (s) => s.id === successorId && s.roles.some((r) => HANDLER_ROLES.includes(r)),
  );
  if (!found) throw refused(refuse('handler.not_in_unit', { param: 'successorId' }));
}
