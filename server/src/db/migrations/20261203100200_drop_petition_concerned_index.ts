import { type Kysely, MysqlAdapter } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Repeat detection no longer reads a unit's petitions (it goes through text signatures), and
// nothing else looks petitions up by their concerned unit: the index only cost every write a page
// (and led SQLite to read a unit's every petition when asked for a few by id).
export async function up(db: Kysely<any>): Promise<void> {
  const drop = db.schema.dropIndex('petition_concerned');
  // MySQL names the table of an index; SQLite's index names are global.
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('petition') : drop).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_concerned').on('petition').column('concerned_unit_id').execute();
}
