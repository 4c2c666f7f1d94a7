import type { Kysely } from 'kysely';
import { newId } from '../ids';

// Frozen: never edit after it has landed; add a new migration instead.
// A 包案 (Art 18) is kept as one row per leader's stint on a case, closed (`released_at`) when he
// hands it back or another leader takes it over, rather than deleted: a period's 包案 figures
// count the stints taken in it, and a figure already reported must not change afterwards. The
// primary key on `petition_id` gives way to an id of its own; the rows there are open stints.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('owned_case_stint')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('leader_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('taken_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('released_at', 'varchar(32)')
    .execute();
  const rows = (await db
    .selectFrom('owned_case')
    .select(['petition_id', 'leader_id', 'taken_at'])
    .execute()) as {
    petition_id: string;
    leader_id: string;
    taken_at: string;
  }[];
  for (const row of rows) {
    await db
      .insertInto('owned_case_stint')
      .values({ id: newId(Date.parse(row.taken_at)), ...row, released_at: null })
      .execute();
  }
  await db.schema.dropTable('owned_case').execute();
  await db.schema.alterTable('owned_case_stint').renameTo('owned_case').execute();
  await db.schema.createIndex('owned_case_leader').on('owned_case').column('leader_id').execute();
  await db.schema.createIndex('owned_case_petition').on('owned_case').column('petition_id').execute();
  await db.schema.createIndex('owned_case_taken').on('owned_case').column('taken_at').execute();
}

/** Back to one row per case: its open stint, if any. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('owned_case').where('released_at', 'is not', null).execute();
  await db.schema
    .createTable('owned_case_old')
    .addColumn('petition_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('leader_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('taken_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('owned_case_old')
    .columns(['petition_id', 'leader_id', 'taken_at'])
    .expression(db.selectFrom('owned_case').select(['petition_id', 'leader_id', 'taken_at']))
    .execute();
  await db.schema.dropTable('owned_case').execute();
  await db.schema.alterTable('owned_case_old').renameTo('owned_case').execute();
  await db.schema.createIndex('owned_case_leader').on('owned_case').column('leader_id').execute();
}
