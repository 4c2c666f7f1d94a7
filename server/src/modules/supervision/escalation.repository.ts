import type { EscalationStep } from '@xinfang/shared/clocks';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB, EscalationTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type EscalationRow = Selectable<EscalationTable>;

/** `petitionId clockKey#level` of every step already recorded for these petitions. */
export async function recordedSteps(db: Db, petitionIds: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < petitionIds.length; i += 500) {
    const rows = await db
      .selectFrom('escalation')
      .select(['petition_id', 'clock_key', 'level'])
      .where('petition_id', 'in', petitionIds.slice(i, i + 500))
      .execute();
    for (const r of rows) keys.add(stepKey(r.petition_id, r.clock_key, r.level));
  }
  return keys;
}

export function stepKey(petitionId: string, clockKey: string, level: number): string {
  return `${petitionId} ${clockKey}#${level}`;
}

/** Records a step; the unique key (petition, clock, level) refuses a second one. */
export async function insertStep(
  trx: Transaction<DB>,
  petitionId: string,
  step: EscalationStep,
  now: Date,
): Promise<void> {
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
