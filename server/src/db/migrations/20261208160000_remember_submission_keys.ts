import { type Kysely, MysqlAdapter } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A petition submitted online remembers the Idempotency-Key it came with and the fingerprint of
// the request, for good: the key's kept answer lasts 48 hours, the phone keeps an unconfirmed
// submission until it is sent again, however late, and that retry must find the petition it made
// rather than make a second one (audit 36b, D1). Existing rows and desk registrations keep null;
// nulls do not collide in a unique index (SQLite and MariaDB alike).
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema.alterTable('petition').addColumn('submission_key', 'varchar(128)').execute();
  await db.schema.alterTable('petition').addColumn('submission_hash', 'varchar(64)').execute();
  await db.schema
    .createIndex('petition_submission_key')
    .on('petition')
    .columns(['petitioner_id', 'submission_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const drop = db.schema.dropIndex('petition_submission_key');
  // MySQL names the table of an index; SQLite's index names are global.
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('petition') : drop).execute();
  await db.schema.alterTable('petition').dropColumn('submission_hash').execute();
  await db.schema.alterTable('petition').dropColumn('submission_key').execute();
}
