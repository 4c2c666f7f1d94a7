import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, EmployeeRosterTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function findRosterEntry(db: Db, employeeNumber: string) {
  return db
    .selectFrom('employee_roster')
    .select(['employee_number', 'name', 'phone_hash', 'unit_id'])
    .where('employee_number', '=', employeeNumber)
    .executeTakeFirst();
}

/** Replaces the roster entries of these employee numbers (an import updates people who moved). */
export async function upsertRosterEntries(db: Db, entries: Insertable<EmployeeRosterTable>[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .deleteFrom('employee_roster')
    .where(
      'employee_number',
      'in',
      entries.map((e) => e.employee_number),
    )
    .execute();
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('employee_roster')
      .values(entries.slice(i, i + 500))
      .execute();
  }
}
