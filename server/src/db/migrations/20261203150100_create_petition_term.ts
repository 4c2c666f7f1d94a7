import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The ledger's free-text search (issue 14): every two-character run of a petition's number, title
// and content (Chinese has no spaces to split words at), so that a search finds its petitions by
// the index in both dialects — SQLite's FTS5 and MySQL's ngram parser are not in MariaDB or TiDB.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_term')
    .addColumn('term', 'varchar(8)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_term_pk', ['term', 'petition_id'])
    .execute();
  await db.schema.createIndex('petition_term_petition').on('petition_term').column('petition_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petition_term').execute();
}
