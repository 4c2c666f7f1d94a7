import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The resolution plan (化解方案) of a case in the backlog or repeat register (#15); one per petition,
// replaced when revised (each revision is in the audit log).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resolution_plan')
    .addColumn('petition_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resolution_plan').execute();
}
