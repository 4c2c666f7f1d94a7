import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The petition an audit entry concerns, so that reading the log can apply the accuser firewall
// (Art 30) to every entry about an accusation, whatever its target (a petitioner, an attachment).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('petition_id', 'varchar(26)').execute();
  await db.schema.createIndex('audit_log_petition').on('audit_log').column('petition_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_petition').on('audit_log').execute();
  await db.schema.alterTable('audit_log').dropColumn('petition_id').execute();
}
