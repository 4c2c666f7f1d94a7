import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A published reception day (Art 18) may be cancelled by the desk, with a reason its petitioners
// are told: when, by whom and why. A day without these is still to take place.
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema.alterTable('reception_day').addColumn('cancelled_at', 'varchar(32)').execute();
  await db.schema.alterTable('reception_day').addColumn('cancelled_by', 'varchar(26)').execute();
  await db.schema.alterTable('reception_day').addColumn('cancel_reason', 'varchar(200)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['cancel_reason', 'cancelled_by', 'cancelled_at']) {
    await db.schema.alterTable('reception_day').dropColumn(column).execute();
  }
}
