import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// An accepted invitation is kept, marked used, rather than deleted: a second tap of the same
// code (a double tap, or the holder trying again later) is then told the invitation was used,
// whatever order the two requests ran in, instead of being told the code is wrong.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_invitation').addColumn('used_at', 'varchar(32)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_invitation').dropColumn('used_at').execute();
}
