import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// A decision letter (Art 32) is up to 14,000 characters (request 2,000, facts and reasons 5,000,
// decision 5,000, legal basis 2,000), kept as JSON in the petition's lifecycle, in the event that
// drafted it and in the issued document's facts. MySQL's `text` holds 65,535 bytes: 14,000 emoji
// are 56 KB, and with an extension's reason (2,000) and a collective visit's representatives the
// lifecycle passes 64 KB, so an accepted draft failed with "Data too long" (a 500). `mediumtext`
// (16 MB) holds the longest any input can make. SQLite's text has no such limit: nothing to do.
const COLUMNS = [
  ['petition', 'lifecycle'],
  ['petition_event', 'data'],
  ['document', 'facts'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const [table, column] of COLUMNS)
    await sql`alter table ${sql.table(table)} modify ${sql.ref(column)} mediumtext not null`.execute(db);
}

// Back to `text`: refused by MySQL (strict mode) while a row holds more than it can.
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const [table, column] of COLUMNS)
    await sql`alter table ${sql.table(table)} modify ${sql.ref(column)} text not null`.execute(db);
}
