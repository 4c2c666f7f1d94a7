import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, EmployeeRosterTable, RosterImportRowTable, RosterImportTable } from '../../db/schema';
import { withinPath } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows per statement: well under both dialects' limits on bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function findRosterEntry(db: Db, employeeNumber: string) {
  return db
    .selectFrom('employee_roster')
    .select(['employee_number', 'name', 'phone_hash', 'unit_id'])
    .where('employee_number', '=', employeeNumber)
    .executeTakeFirst();
}

/** The roster entries of these employee numbers, with their units' codes, names and paths. */
export async function findRosterEntries(db: Db, employeeNumbers: readonly string[]) {
  const rows = [];
  for (const chunk of chunks(employeeNumbers)) {
    rows.push(
      ...(await db
        .selectFrom('employee_roster as r')
        .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
        .select([
          'r.employee_number',
          'r.name',
          'r.phone_hash',
          'r.unit_id',
          'r.imported_at',
          'u.name as unit_name',
          'u.path as unit_path',
        ])
        .where('r.employee_number', 'in', chunk)
        .execute()),
    );
  }
  return rows;
}

/** Replaces the roster entries of these employee numbers (an import updates people who moved). */
export async function upsertRosterEntries(db: Db, entries: Insertable<EmployeeRosterTable>[]): Promise<void> {
  await deleteRosterEntries(
    db,
    entries.map((e) => e.employee_number),
  );
  for (const chunk of chunks(entries)) await db.insertInto('employee_roster').values(chunk).execute();
}

export async function deleteRosterEntries(db: Db, employeeNumbers: readonly string[]): Promise<void> {
  for (const chunk of chunks(employeeNumbers))
    await db.deleteFrom('employee_roster').where('employee_number', 'in', chunk).execute();
}

export async function insertImport(
  db: Db,
  batch: Insertable<RosterImportTable>,
  rows: Insertable<RosterImportRowTable>[],
): Promise<void> {
  await db.insertInto('roster_import').values(batch).execute();
  for (const chunk of chunks(rows)) await db.insertInto('roster_import_row').values(chunk).execute();
}

export type RosterImportRow = Selectable<RosterImportTable>;

/** The newest import not undone, anywhere: the only one that can be undone. */
export async function latestLiveImport(db: Db): Promise<RosterImportRow | undefined> {
  return db
    .selectFrom('roster_import')
    .selectAll()
    .where('undone_at', 'is', null)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The imports made by administrators of this subtree, newest first, with the importer's name. */
export async function listImports(db: Db, path: string, limit: number) {
  return db
    .selectFrom('roster_import as i')
    .leftJoin('staff_account as s', 's.id', 'i.imported_by')
    .selectAll('i')
    .select('s.display_name as imported_by_name')
    .where(withinPath('i.unit_path', path))
    .orderBy('i.imported_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findImport(db: Db, id: string): Promise<RosterImportRow | undefined> {
  return db.selectFrom('roster_import').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function importRows(db: Db, importId: string) {
  return db.selectFrom('roster_import_row').selectAll().where('import_id', '=', importId).execute();
}

export async function markUndone(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('roster_import')
    .set({ undone_at: at, undone_by: by })
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
