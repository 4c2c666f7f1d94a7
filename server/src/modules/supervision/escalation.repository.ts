import type { EscalationStep } from '@xinfang/shared/clocks';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB, EscalationTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type EscalationRow = Selectable<EscalationTable>;

/**
 * The latest due date recorded with each step of these petitions, by `stepKey`; withdrawn steps
 * (a red on a due date the year's holiday notice moved later) are not counted, so the step is
 * raised again on the real date.
 */
export async function recordedSteps(db: Db, petitionIds: readonly string[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (let i = 0; i < petitionIds.length; i += 500) {
    const rows = await db
      .selectFrom('escalation')
      .select(['petition_id', 'clock_key', 'level'])
      .select((eb) => eb.fn.max('due_date').as('due_date'))
      .where('petition_id', 'in', petitionIds.slice(i, i + 500))
      .where('withdrawn_at', 'is', null)
      .groupBy(['petition_id', 'clock_key', 'level'])
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
 * raised again when its run has no yellow for a due date on or after this one (an approved
 * extension moved the deadline, Art 34): the holder is warned before the new due date too.
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
 * Records a step as a row of its own: every warning is kept, with the due date it warned of and
 * when (Art 40). When another run recorded it first, the unique key (petition, clock run, level,
 * due date) refuses a second row: a unique violation.
 */
export async function recordStep(
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
      withdrawn_at: null,
    })
    .execute();
}

/** A red step not withdrawn. */
export type StandingRed = Pick<EscalationRow, 'id' | 'clock_key' | 'level' | 'due_date'>;

/** The red steps of these petitions still standing, by petition. */
export async function standingReds(
  db: Db,
  petitionIds: readonly string[],
): Promise<Map<string, StandingRed[]>> {
  const found = new Map<string, StandingRed[]>();
  if (petitionIds.length === 0) return found;
  const rows = await db
    .selectFrom('escalation')
    .select(['id', 'petition_id', 'clock_key', 'level', 'due_date'])
    .where('petition_id', 'in', petitionIds)
    .where('level', '>=', 1)
    .where('withdrawn_at', 'is', null)
    .execute();
  for (const { petition_id, ...row } of rows)
    found.set(petition_id, [...(found.get(petition_id) ?? []), row]);
  return found;
}

/** Marks these steps withdrawn (kept, never deleted); the number marked by this call. */
export async function withdrawSteps(
  trx: Transaction<DB>,
  ids: readonly string[],
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await trx
    .updateTable('escalation')
    .set({ withdrawn_at: now.toISOString() })
    .where('id', 'in', ids)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A petition's steps, newest first, with the unit each was raised to and who acknowledged it. */
export async function escalationsOfPetition(db: Db, petitionId: string) {
  return db
    .selectFrom('escalation as e')
    .leftJoin('org_unit as u', 'u.id', 'e.unit_id')
    .leftJoin('staff_account as a', 'a.id', 'e.acknowledged_by')
    .select([
      'e.id',
      'e.petition_id',
      'e.clock_name',
      'e.level',
      'e.flag',
      'e.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'e.due_date',
      'e.reached_at',
      'e.withdrawn_at',
      'e.acknowledged_at',
      'a.display_name as acknowledged_name',
    ])
    .where('e.petition_id', '=', petitionId)
    .orderBy('e.reached_at', 'desc')
    .orderBy('e.level', 'desc')
    .orderBy('e.clock_name')
    .execute();
}

/** One step, with its unit's path, for its 签收. */
export async function findStep(db: Db, id: string) {
  return db
    .selectFrom('escalation as e')
    .innerJoin('org_unit as u', 'u.id', 'e.unit_id')
    .select([
      'e.id',
      'e.petition_id',
      'e.level',
      'e.flag',
      'e.unit_id',
      'u.path as unit_path',
      'e.reached_at',
      'e.withdrawn_at',
      'e.acknowledged_at',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}
