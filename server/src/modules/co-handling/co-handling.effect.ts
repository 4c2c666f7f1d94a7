import { assistParts, type Petition, type PetitionEvent } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** What the effect reads of a lifecycle change: the write path's `PetitionChange` fits it as it is. */
export interface CoHandlingChange {
  before: Petition | null;
  after: Petition;
  events: readonly PetitionEvent[];
}

/**
 * The assisting units' lists (协办, Art 24) in step with every lifecycle change, in its
 * transaction: a part asked becomes a row, an answer marks it answered, a part the lead unit took
 * back is marked withdrawn, and a part nobody waits for any more (the case left the lead unit or
 * ended) is marked lapsed.
 */
export async function coHandlingEffect(trx: Transaction<DB>, change: CoHandlingChange): Promise<void> {
  const petitionId = change.after.id;
  for (const event of change.events) {
    if (event.type === 'assist_requested') {
      await trx
        .insertInto('assist_part')
        .values({
          petition_id: petitionId,
          no: event.data.no,
          unit_id: event.data.unit.id,
          lead_unit_id: event.data.leadUnitId,
          part: event.data.part,
          due_date: event.data.dueDate,
          status: 'open',
          requested_by: event.actorId,
          requested_at: event.at,
          answered_by: null,
          answered_at: null,
        })
        .execute();
    } else if (event.type === 'assist_withdrawn') {
      // Off the assisting unit's open list; its reminder job reads open parts only.
      await trx
        .updateTable('assist_part')
        .set({ status: 'withdrawn' })
        .where('petition_id', '=', petitionId)
        .where('no', '=', event.data.no)
        .execute();
    } else if (event.type === 'assist_answered') {
      await trx
        .updateTable('assist_part')
        .set({ status: 'answered', answered_by: event.actorId, answered_at: event.at })
        .where('petition_id', '=', petitionId)
        .where('no', '=', event.data.no)
        .execute();
    }
  }
  const lapsed = lapsedBy(change);
  if (lapsed.length > 0) {
    await trx
      .updateTable('assist_part')
      .set({ status: 'lapsed' })
      .where('petition_id', '=', petitionId)
      .where('no', 'in', lapsed)
      .execute();
  }
}

/** The parts open before the change and lapsed after it. */
function lapsedBy(change: CoHandlingChange): number[] {
  const open = change.before ? assistParts(change.before).filter((p) => p.status === 'open') : [];
  if (open.length === 0) return [];
  const after = new Map(assistParts(change.after).map((p) => [p.no, p.status]));
  return open.filter((p) => after.get(p.no) === 'lapsed').map((p) => p.no);
}
