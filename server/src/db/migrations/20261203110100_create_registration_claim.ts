import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A registration at the desk names a person by the details the clerk typed; it joins a sign-in
// account only when the holder of the registered phone confirms it (Art 19, 21; PIPL Art 14).
export async function up(db: Kysely<any>): Promise<void> {
  // The lookup hash of a phone given on a person's behalf (not proven by signing in with it):
  // found by reception's searches, never signed in with. `phone_hash` stays the proven one.
  await db.schema.alterTable('petitioner_account').addColumn('contact_phone_hash', 'varchar(64)').execute();
  await db.schema
    .createIndex('petitioner_contact_phone')
    .on('petitioner_account')
    .column('contact_phone_hash')
    .execute();

  await db.schema
    .createTable('registration_claim')
    .addColumn('petition_id', 'varchar(26)', (c) => c.primaryKey().references('petition.id'))
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(32)')
    .addColumn('resolved_by', 'varchar(26)')
    .execute();
  await db.schema
    .createIndex('registration_claim_phone')
    .on('registration_claim')
    .columns(['phone_hash', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registration_claim').execute();
  await db.schema.dropIndex('petitioner_contact_phone').on('petitioner_account').execute();
  await db.schema.alterTable('petitioner_account').dropColumn('contact_phone_hash').execute();
}
