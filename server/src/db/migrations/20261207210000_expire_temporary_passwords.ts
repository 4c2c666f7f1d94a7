import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A temporary password (shown once to the admin, often written down or sent by chat) opens the
// account only until this instant, 72 hours after it was made, like an invitation; null when the
// account has none. One still outstanding at the upgrade gets its 72 hours from then.
const TEMPORARY_PASSWORD_HOURS = 72;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff_account')
    .addColumn('temporary_password_expires_at', 'varchar(32)')
    .execute();
  const until = new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3600_000).toISOString();
  await db
    .updateTable('staff_account')
    .set({ temporary_password_expires_at: until })
    .where('must_change_password', '=', 1)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_account').dropColumn('temporary_password_expires_at').execute();
}
