import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { PetitionEvent, PetitionKind, PetitionState, UnitRef } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { aftercareSettings } from './office-settings';

/** What the effect reads of a lifecycle change: the write path's `PetitionChange` fits it as it is. */
export interface AftercareChange {
  before: { state: PetitionState } | null;
  after: { id: string; kind: PetitionKind; state: PetitionState; units: { handling: UnitRef | null } };
  events: readonly PetitionEvent[];
  firstSeq: number;
  now: Date;
}

/** The ends after which the handling unit follows up: 化解, 办结, and the final re-examination. */
const CONCLUDED: readonly PetitionState[] = ['resolved', 'concluded', 'final'];

/**
 * Aftercare's part of every lifecycle change, in its transaction: a case that concludes owes its
 * handling unit a follow-up (回访) within the days the office set; an unsatisfied rating that
 * cannot be appealed waits in the unit head's list, and leaves it when decided.
 */
export async function aftercareEffect(trx: Transaction<DB>, change: AftercareChange): Promise<void> {
  const { after, before } = change;
  const unit = after.units.handling;
  if (!unit) return;
  const at = change.now.toISOString();
  const concludes = CONCLUDED.includes(after.state) && !(before && CONCLUDED.includes(before.state));
  if (concludes) {
    const { followUpDays } = await aftercareSettings(trx);
    await trx
      .insertInto('follow_up')
      .values({
        id: newId(change.now.getTime()),
        petition_id: after.id,
        concluded_seq: change.firstSeq + change.events.length - 1,
        unit_id: unit.id,
        due_date: addDays(beijingDate(at), followUpDays),
        created_at: at,
        method: null,
        followed_on: null,
        petitioner_said: null,
        satisfied: null,
        recorded_by: null,
        recorded_at: null,
      })
      .execute();
  }
  for (const [i, event] of change.events.entries()) {
    if (event.type === 'rated' && event.data.rating === 'unsatisfied' && after.kind !== 'request') {
      await trx
        .insertInto('rehandling_decision')
        .values({
          petition_id: after.id,
          rated_seq: change.firstSeq + i,
          unit_id: unit.id,
          rated_at: event.at,
          rehandle: null,
          decided_by: null,
          decided_at: null,
        })
        .execute();
    } else if (event.type === 'rehandling_decided') {
      await trx
        .updateTable('rehandling_decision')
        .set({ rehandle: event.data.rehandle ? 1 : 0, decided_by: event.actorId, decided_at: event.at })
        .where('petition_id', '=', after.id)
        .where('rehandle', 'is', null)
        .execute();
    }
  }
}
