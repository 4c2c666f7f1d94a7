import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// WeChat's session_key was kept, encrypted, at every WeChat sign-in and never read: we decrypt
// nothing of WeChat's. A credential kept for no purpose is a liability (PIPL Art 6: collect and
// keep no more than the purpose needs), so the table goes, and every key in it with it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wechat_session').execute();
}

// Back down, the table returns empty: the keys are gone for good, and WeChat hands out a new one
// at the next sign-in.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wechat_session')
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.primaryKey().references('petitioner_account.id'))
    .addColumn('session_key_cipher', 'varchar(255)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}
