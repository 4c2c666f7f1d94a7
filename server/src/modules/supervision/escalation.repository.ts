import type { EscalationStep } from '@xinfang/shared/clocks';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB, EscalationTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type EscalationRow = Selectable<EscalationTable>;

/** The due date recorded with each step of these petitions, by `stepKey`. */
export async function recordedSteps(db: Db, petitionIds: readonly string[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (let i = 0; i < petitionIds.length; i += 500) {
    const rows = await db
      .selectFrom('escalation')
      .select(['petition_id', 'clock_key', 'level', 'due_date'])
      .where('petition_id', 'in', petitionIds.slice(i, i + 500))
      .execute();
    for (const r of rows) keys.set(stepKey(r.petition_id, r.clock_key, r.level), r.due_date);
  }
  return keys;
}

export function stepKey(petitionId: string, clockKey: string, level: number): string {
  return `${petitionId} ${clockKey}#${level}`;
}

/**
 * Whether a step reached now is news. A red level is raised once per run of a clock. A yellow is
 * raised again when the deadline moved later since it was raised (an approved extension, Art 34):
 * the holder is warned before the new due date too, not only before the old one.
 */
export function isNewStep(
  recorded: ReadonlyMap<string, string>,
  petitionId: string,
  step: Pick<EscalationStep, 'clockKey' | 'level' | 'dueDate'>,
): boolean {
  const dueDate = recorded.get(stepKey(petitionId, step.clockKey, step.level));
  return dueDate === undefined || (step.level === 0 && dueDate < step.dueDate);
}

/**
 * Records a step: a new one, or a yellow raised again for a later due date (its row moves to the
 * new date). False when another run recorded it first: the unique key (petition, clock, level)
 * refuses a second new row; a yellow already moved to this date is not moved again.
 */
export async function recordStep(
  trx: Transaction<DB>,
  petitionId: string,
  step: EscalationStep,
  now: Date,
  again: boolean,
): Promise<boolean> {
  if (again) {
    const moved = await trx
      .updateTable('escalation')
      .set({ due_date: step.dueDate, unit_id: step.unit.id, reached_at: now.toISOString() })
      .where('petition_id', '=', petitionId)
      .where('clock_key', '=', step.clockKey)
      .where('level', '=', 0)
      .where('due_date', '<', step.dueDate)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  }
  await trx
    .insertInto('escalation')
    .values({
      id: newId(now.getTime()),
      petition_id: petitionId,
      clock_key: step.clockKey,
      clock_name: step.clock,
      level: step.level,
      flag: step.flag,
      unit_id: step.unit.id,
      due_date: step.dueDate,
      reached_at: now.toISOString(),
    })
    .execute();
  return true;
}

/** A petition's steps, oldest first, with the name of the unit each was raised to. */
export async function escalationsOfPetition(db: Db, petitionId: string) {
  return db
    .selectFrom('escalation as e')
    .leftJoin('org_unit as u', 'u.id', 'e.unit_id')
    .select([
      'e.clock_name',
      'e.level',
      'e.flag',
      'e.unit_id',
      'u.name as unit_name',
      'e.due_date',
      'e.reached_at',
    ])
    .where('e.petition_id', '=', petitionId)
    .orderBy('e.reached_at')
    .orderBy('e.level')
    .execute();
}
