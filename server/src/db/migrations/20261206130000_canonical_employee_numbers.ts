import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Employee numbers are kept in one canonical form (upper case, NFKC), as the roster import and a
// worker's binding now write and look them up. Before, MySQL's collation took `e001` and `E001`
// for one employee and SQLite for two. So on SQLite the roster may hold both. They become one
// entry here, the newest import's, just as a later import of the same employee replaces the
// earlier one. Of two accounts bound to the two spellings, one keeps the binding (below); the
// other loses it and can bind again.

/** The canonical form as of this migration (`@xinfang/shared/employee-number` may change later). */
const canonical = (n: string) => n.normalize('NFKC').toUpperCase().normalize('NFKC').trim();

/** Rows by the canonical form of their number, in the order given (on MySQL, one row a group). */
function byNumber<T>(rows: T[], numberOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const number = canonical(numberOf(row));
    groups.set(number, [...(groups.get(number) ?? []), row]);
  }
  return groups;
}

export async function up(db: Kysely<any>): Promise<void> {
  const roster = byNumber(
    await db
      .selectFrom('employee_roster')
      .select(['employee_number', 'phone_hash'])
      .orderBy('imported_at', 'desc')
      .execute(),
    (entry) => entry.employee_number,
  );
  const phoneOf = new Map<string, string>();
  for (const [number, [newest, ...older]] of roster) {
    if (!newest) continue;
    phoneOf.set(number, newest.phone_hash);
    for (const entry of older)
      await db.deleteFrom('employee_roster').where('employee_number', '=', entry.employee_number).execute();
    if (newest.employee_number !== number)
      await db
        .updateTable('employee_roster')
        .set({ employee_number: number })
        .where('employee_number', '=', newest.employee_number)
        .execute();
  }

  const accounts = byNumber(
    await db
      .selectFrom('petitioner_account')
      .select(['id', 'employee_number', 'phone_hash'])
      .where('employee_number', 'is not', null)
      .orderBy('updated_at', 'desc')
      .execute(),
    (account) => account.employee_number,
  );
  for (const [number, group] of accounts) {
    // The account whose phone is the surviving entry's keeps the number; else the newest binding.
    // The others let go of it first, so that the holder can take its canonical form.
    const holder = group.find((a) => a.phone_hash === phoneOf.get(number)) ?? group[0];
    for (const account of group.filter((a) => a !== holder))
      await db
        .updateTable('petitioner_account')
        .set({ employee_number: null, worker_unit_id: null })
        .where('id', '=', account.id)
        .execute();
    if (holder && holder.employee_number !== number)
      await db
        .updateTable('petitioner_account')
        .set({ employee_number: number })
        .where('id', '=', holder.id)
        .execute();
  }

  // What each import replaced: one line per employee and import, as the roster now counts them.
  const replaced = byNumber(
    await db.selectFrom('roster_import_row').select(['import_id', 'employee_number']).execute(),
    (row) => row.employee_number,
  );
  for (const [number, rows] of replaced) {
    for (const importId of new Set(rows.map((r) => r.import_id))) {
      const spellings = rows.filter((r) => r.import_id === importId).map((r) => r.employee_number);
      const kept = spellings.includes(number) ? number : spellings[0];
      for (const spelling of spellings.filter((s) => s !== kept))
        await db
          .deleteFrom('roster_import_row')
          .where((eb) => eb.and({ import_id: importId, employee_number: spelling }))
          .execute();
      if (kept !== number)
        await db
          .updateTable('roster_import_row')
          .set({ employee_number: number })
          .where((eb) => eb.and({ import_id: importId, employee_number: kept }))
          .execute();
    }
  }
}

// Nothing to put back: the canonical numbers are valid, and found, under the code before too.
export async function down(): Promise<void> {}
