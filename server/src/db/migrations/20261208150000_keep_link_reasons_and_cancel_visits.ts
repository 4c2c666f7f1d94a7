import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Two people registered at a desk are linked as one person only with the clerk's reason, kept on
// the link and shown on both cases (audit 36, D6). A 下访 that does not happen is cancelled with
// its reason, by whom and when, and leaves the counts (audit 36, D7): `cancelled` needs a wider
// status column.
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema.alterTable('petition_link').addColumn('reason', 'varchar(200)').execute();
  await db.schema.alterTable('grassroots_visit').addColumn('cancel_reason', 'varchar(200)').execute();
  await db.schema.alterTable('grassroots_visit').addColumn('cancelled_at', 'varchar(32)').execute();
  await db.schema.alterTable('grassroots_visit').addColumn('cancelled_by', 'varchar(26)').execute();
  // SQLite does not enforce a varchar's length.
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    await sql`alter table grassroots_visit modify status varchar(12) not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('grassroots_visit').where('status', '=', 'cancelled').execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    await sql`alter table grassroots_visit modify status varchar(8) not null`.execute(db);
  for (const column of ['cancelled_by', 'cancelled_at', 'cancel_reason'])
    await db.schema.alterTable('grassroots_visit').dropColumn(column).execute();
  await db.schema.alterTable('petition_link').dropColumn('reason').execute();
}
