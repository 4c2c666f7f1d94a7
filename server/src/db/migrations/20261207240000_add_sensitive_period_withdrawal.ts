import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The group's office may withdraw a sensitive period it declared, with a reason: when, by whom
// and why. Withdrawn before it began, it never was; during it, it ends that day. Without these it
// stands.
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema.alterTable('sensitive_period').addColumn('withdrawn_at', 'varchar(32)').execute();
  await db.schema.alterTable('sensitive_period').addColumn('withdrawn_by', 'varchar(26)').execute();
  await db.schema.alterTable('sensitive_period').addColumn('withdrawal_reason', 'varchar(200)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['withdrawal_reason', 'withdrawn_by', 'withdrawn_at']) {
    await db.schema.alterTable('sensitive_period').dropColumn(column).execute();
  }
}
