import { type Action, type Actor, recusalRefusal, refuse } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { refused } from './petition.support';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Art 28: a unit head recuses only his own people, those of his unit or below it; staff above him
 * recuse themselves, so a unit never takes its supervisors or reviewers off its case (Art 35, 36,
 * 40). The lifecycle knows staff by id only, so the server reads the person's unit, after `decide`
 * has said the actor may recuse at all (shared `recusalRefusal`).
 */
export async function assertRecusalWithinUnit(db: Db, action: Action, actor: Actor): Promise<void> {
  if (action.type !== 'recuse' || action.params.staffId === actor.id) return;
  const row = await db
    .selectFrom('staff_account as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['u.id', 'u.path'])
    .where('s.id', '=', action.params.staffId)
    .where('s.status', '=', 'active')
    .executeTakeFirst();
  const unit = row ? { id: row.id, path: pathIds(row.path) } : null;
  const rule = recusalRefusal(actor, action.params.staffId, unit);
  if (rule) throw refused(refuse(rule, { param: 'staffId' }));
}
