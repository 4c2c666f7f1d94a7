import type { Petition, PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { savePlan } from './resolution-plan.repository';

/** What the effect reads of a lifecycle change: the write path's `PetitionChange` fits it as it is. */
export interface OwnershipChange {
  before: Pick<Petition, 'responsibleLeaderId'> | null;
  after: Pick<Petition, 'id' | 'responsibleLeaderId'>;
  events: readonly PetitionEvent[];
}

/**
 * The leaders' 包案 lists (Art 18) kept in the change's transaction, one row per leader's stint on
 * a case: a case whose responsible leader changed is filed under the new one (taken with
 * `take_case`, or when instructing a referred case) and the stint before it closes, and the plan a
 * leader takes it with becomes its resolution plan. A case its leader hands back (`release_case`)
 * leaves his list; one whose stage ended under him stays there. Stints are closed, never deleted:
 * a period's 包案 figures count the stints taken in it, whatever became of them.
 */
export async function ownershipEffect(trx: Transaction<DB>, change: OwnershipChange): Promise<void> {
  const leaderId = change.after.responsibleLeaderId;
  const at = change.events.at(-1)?.at ?? new Date().toISOString();
  const released = change.events.some((event) => event.type === 'case_released');
  const taken = leaderId !== null && leaderId !== (change.before?.responsibleLeaderId ?? null);
  if (released || taken) {
    await trx
      .updateTable('owned_case')
      .set({ released_at: at })
      .where('petition_id', '=', change.after.id)
      .where('released_at', 'is', null)
      .execute();
  }
  if (taken && leaderId) {
    await trx
      .insertInto('owned_case')
      .values({
        id: newId(),
        petition_id: change.after.id,
        leader_id: leaderId,
        taken_at: at,
        released_at: null,
      })
      .execute();
  }
  for (const event of change.events) {
    if (event.type !== 'case_taken') continue;
    await savePlan(trx, change.after.id, {
      plan: event.data.plan,
      updated_by: event.actorId,
      updated_at: event.at,
    });
  }
}
