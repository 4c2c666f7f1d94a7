import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The everyday words people use for a unit (「运输」 for 运输队 and 机运区, 「综采」 for 综采一队), so
// a petitioner who does not know the org chart finds the unit. Space-separated; admins keep them
// through the org API.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('org_unit')
    .addColumn('aliases', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('org_unit').dropColumn('aliases').execute();
}
