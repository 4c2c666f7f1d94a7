import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, ImprovementSuggestionTable } from '../../db/schema';
import { withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

export type SuggestionRow = Selectable<ImprovementSuggestionTable> & {
  unit_code: string;
  unit_name: string;
  issuer_name: string;
  number: string;
  title: string;
};

const LIMIT = 200;

export async function insertSuggestion(
  trx: Transaction<DB>,
  row: Insertable<ImprovementSuggestionTable>,
): Promise<void> {
  await trx.insertInto('improvement_suggestion').values(row).execute();
}

/**
 * Suggestions, due first: those to a unit of a subtree (`unitPath`), or those one person issued
 * (`issuedBy`), narrowed by where they stand on `today`.
 */
export async function listSuggestions(
  db: Db,
  filter: {
    unitPath?: string;
    issuedBy?: string;
    id?: string;
    status?: 'open' | 'overdue' | 'answered' | 'decided';
    today: string;
  },
): Promise<SuggestionRow[]> {
  let q = db
    .selectFrom('improvement_suggestion as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .innerJoin('staff_account as i', 'i.id', 's.issued_by')
    .innerJoin('petition as p', 'p.id', 's.petition_id')
    .selectAll('s')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      'i.display_name as issuer_name',
      'p.number',
      'p.title',
    ]);
  if (filter.unitPath) q = q.where(withinPath('u.path', filter.unitPath));
  if (filter.issuedBy) q = q.where('s.issued_by', '=', filter.issuedBy);
  if (filter.id) q = q.where('s.id', '=', filter.id);
  if (filter.status === 'open')
    q = q.where('s.answered_at', 'is', null).where('s.due_date', '>=', filter.today);
  if (filter.status === 'overdue')
    q = q.where('s.answered_at', 'is', null).where('s.due_date', '<', filter.today);
  if (filter.status === 'answered')
    q = q.where('s.answered_at', 'is not', null).where('s.adoption', 'is', null);
  if (filter.status === 'decided') q = q.where('s.adoption', 'is not', null);
  return q.orderBy('s.due_date').orderBy('s.id').limit(LIMIT).execute();
}

/** Records the unit's answer; false when it was answered already. */
export async function answerSuggestion(
  trx: Transaction<DB>,
  id: string,
  answer: { answer: string; by: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('improvement_suggestion')
    .set({ answer: answer.answer, answered_by: answer.by, answered_at: answer.at })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records whether it was adopted; false when that was recorded already. */
export async function decideSuggestion(
  trx: Transaction<DB>,
  id: string,
  decision: { adoption: 'adopted' | 'partly_adopted' | 'not_adopted'; note: string; by: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('improvement_suggestion')
    .set({
      adoption: decision.adoption,
      adoption_note: decision.note,
      decided_by: decision.by,
      decided_at: decision.at,
    })
    .where('id', '=', id)
    .where('adoption', 'is', null)
    .where('answered_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function supervisionNoticeExists(db: Db, petitionId: string, no: number): Promise<boolean> {
  const row = await db
    .selectFrom('supervision_notice')
    .select('no')
    .where('petition_id', '=', petitionId)
    .where('no', '=', no)
    .executeTakeFirst();
  return row !== undefined;
}
