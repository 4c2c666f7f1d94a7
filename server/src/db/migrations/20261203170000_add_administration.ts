import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Administration in the app (issue 17): the channels each unit publishes and whether it receives
// petitions (Art 17–18), staff's last sign-in and invitations, the roster's imports (to preview
// and undo them), the working-day calendar's uploaded years, and the background jobs' last runs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('org_unit')
    .addColumn('receives_petitions', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [column, type] of [
    ['letter_address', 'varchar(200)'],
    ['email', 'varchar(100)'],
    ['fax', 'varchar(40)'],
    ['online_address', 'varchar(200)'],
  ] as const) {
    await db.schema.alterTable('org_unit').addColumn(column, type).execute();
  }
  // Until now online petitions went to the top or to the level below it (the mines' offices):
  // those units keep receiving them.
  await db.updateTable('org_unit').set({ receives_petitions: 1 }).where('depth', '<=', 1).execute();

  await db.schema.alterTable('staff_account').addColumn('last_sign_in_at', 'varchar(32)').execute();

  await db.schema
    .createTable('staff_invitation')
    .addColumn('staff_id', 'varchar(26)', (c) => c.primaryKey().references('staff_account.id'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roster_import')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    // The importer's subtree: who may see and undo the import.
    .addColumn('unit_path', 'varchar(600)', (c) => c.notNull())
    .addColumn('imported_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('undone_at', 'varchar(32)')
    .addColumn('undone_by', 'varchar(26)')
    .execute();
  await db.schema.createIndex('roster_import_at').on('roster_import').column('imported_at').execute();

  // What each imported line replaced: the entry as it was (all null when the line added it).
  await db.schema
    .createTable('roster_import_row')
    .addColumn('import_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('employee_number', 'varchar(32)', (c) => c.notNull())
    .addColumn('before_name', 'varchar(64)')
    .addColumn('before_phone_hash', 'varchar(64)')
    .addColumn('before_unit_id', 'varchar(26)')
    .addColumn('before_imported_at', 'varchar(32)')
    .addPrimaryKeyConstraint('roster_import_row_pk', ['import_id', 'employee_number'])
    .execute();

  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // JSON: the year's holiday blocks and make-up working days.
    .addColumn('data', sql`text`, (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_last_run')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('error', 'varchar(500)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'job_last_run',
    'calendar_year',
    'roster_import_row',
    'roster_import',
    'staff_invitation',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('staff_account').dropColumn('last_sign_in_at').execute();
  for (const column of ['online_address', 'fax', 'email', 'letter_address', 'receives_petitions']) {
    await db.schema.alterTable('org_unit').dropColumn(column).execute();
  }
}
