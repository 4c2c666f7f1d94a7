import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, ScreeningItemTable, ScreeningReportTable } from '../../db/schema';
import { withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

export type ItemRow = Selectable<ScreeningItemTable> & {
  unit_code: string;
  unit_name: string;
  unit_path: string;
};
export type ReportRow = Selectable<ScreeningReportTable> & { unit_code: string; unit_name: string };

const LIMIT = 500;

export async function insertItem(trx: Transaction<DB>, row: Insertable<ScreeningItemTable>): Promise<void> {
  await trx.insertInto('screening_item').values(row).execute();
}

/** Items of a subtree (`path`), newest first; only one reporter's when `reportedBy` is given. */
export async function listItems(
  db: Db,
  filter: { path: string; status?: 'open' | 'closed'; reportedBy?: string; id?: string },
): Promise<ItemRow[]> {
  let q = db
    .selectFrom('screening_item as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .selectAll('i')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path'])
    .where(withinPath('u.path', filter.path));
  if (filter.status) q = q.where('i.status', '=', filter.status);
  if (filter.reportedBy) q = q.where('i.reported_by', '=', filter.reportedBy);
  if (filter.id) q = q.where('i.id', '=', filter.id);
  return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(LIMIT).execute();
}

/** Open items due on or before `day`, with their unit's path and name: the escalation job's work. */
export async function openItemsDueBy(db: Db, day: string) {
  return db
    .selectFrom('screening_item as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.unit_id', 'i.subject', 'i.grade', 'i.deadline', 'i.status', 'i.reported_by'])
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('i.status', '=', 'open')
    .where('i.deadline', '<=', day)
    .orderBy('i.id')
    .execute();
}

/** Closes an open item; false when it was closed already. */
export async function closeItem(
  trx: Transaction<DB>,
  id: string,
  note: string,
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('screening_item')
    .set({ status: 'closed', closing_note: note, closed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countItems(db: Db, unitId: string, period: string): Promise<number> {
  const row = await db
    .selectFrom('screening_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findReport(db: Db, unitId: string, period: string) {
  return db
    .selectFrom('screening_report')
    .select('unit_id')
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function insertReport(
  trx: Transaction<DB>,
  row: Insertable<ScreeningReportTable>,
): Promise<void> {
  await trx.insertInto('screening_report').values(row).execute();
}

export async function reportsOf(db: Db, path: string, period: string, unitId?: string): Promise<ReportRow[]> {
  let q = db
    .selectFrom('screening_report as r')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select(['u.code as unit_code', 'u.name as unit_name'])
    .where('r.period', '=', period)
    .where(withinPath('u.path', path));
  if (unitId) q = q.where('r.unit_id', '=', unitId);
  return q.orderBy('u.code').execute();
}

/**
 * The units of a subtree that owe a weekly report: active units with someone who reports — an
 * active liaison officer or unit head.
 */
export async function reportingUnits(db: Db, path: string) {
  return db
    .selectFrom('org_unit as u')
    .select(['u.id', 'u.code', 'u.name'])
    .where(withinPath('u.path', path))
    .where('u.retired_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_account as s')
          .innerJoin('staff_role as r', 'r.staff_id', 's.id')
          .select('s.id')
          .whereRef('s.unit_id', '=', 'u.id')
          .where('s.status', '=', 'active')
          .where('r.role', 'in', ['liaison_officer', 'unit_head']),
      ),
    )
    .orderBy('u.code')
    .execute();
}
