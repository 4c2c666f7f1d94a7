import { type Kysely, MysqlAdapter } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// `pii_key_check`: a known value encrypted under each PII key id the stored data uses, and an HMAC
// of it under the lookup-hash key (security/pii-check.ts), so a start with other keys than the
// data's is refused instead of serving unreadable rows and doubling accounts. Empty until the
// first start records it.
// `refresh_token.parent_id`: the token a rotation retired to issue this one, so a replay within
// the grace interval (a resent request, not a theft) can be answered in the same session.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pii_key_check')
    // `key:<id>` for an encryption key, `hash` for the lookup-hash key, `hash:rotating` while a
    // rotation to a new hash key is under way.
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('check_value', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('refresh_token').addColumn('parent_id', 'varchar(26)').execute();
  await db.schema.createIndex('refresh_token_parent').on('refresh_token').column('parent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // MySQL names the table of an index; SQLite's index names are global.
  const drop = db.schema.dropIndex('refresh_token_parent');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('refresh_token') : drop).execute();
  await db.schema.alterTable('refresh_token').dropColumn('parent_id').execute();
  await db.schema.dropTable('pii_key_check').execute();
}
