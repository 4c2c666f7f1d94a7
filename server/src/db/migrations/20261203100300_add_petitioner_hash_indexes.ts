import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// SQLite: indexes of the phone and ID number hashes that leave the NULLs out. Most accounts have
// neither; once ANALYZE has run, the full indexes' statistics say a value matches every row, and
// the planner read the whole table to find a person's other accounts. (MySQL estimates an equality
// by diving into the index, and needs nothing.)
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const column of ['phone_hash', 'id_number_hash']) {
    await db.schema
      .createIndex(`petitioner_${column}_set`)
      .on('petitioner_account')
      .column(column)
      .where(sql.ref(column), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const column of ['phone_hash', 'id_number_hash'])
    await db.schema.dropIndex(`petitioner_${column}_set`).execute();
}
