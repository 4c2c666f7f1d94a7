import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The ledger's search index on SQLite moves from one B-tree row per two-character term to an FTS5
// table holding each petition's terms as one document (issue 12): SQLite's WAL writes whole pages
// at every commit, and a submission's ~90 terms landed on ~90 different pages of the term index
// (about 20 ms a submission at 100,000 petitions); FTS5 writes a new petition's terms as one small
// segment and merges segments in the background of later writes (about 5 ms). The FTS5 table is
// contentless; its rowid is a petition's number in `petition_search_doc`. MySQL keeps
// `petition_term`: InnoDB logs row changes, not pages, at commit.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`create table petition_search_doc (
    doc integer primary key,
    petition_id varchar(26) not null unique
  )`.execute(db);
  await sql`create virtual table petition_search using fts5(terms, content = '', tokenize = 'unicode61')`.execute(
    db,
  );
  await sql`insert into petition_search_doc (petition_id)
    select distinct petition_id from petition_term order by petition_id`.execute(db);
  await sql`insert into petition_search (rowid, terms)
    select d.doc, group_concat(t.term, ' ') from petition_term t
    join petition_search_doc d on d.petition_id = t.petition_id group by d.doc`.execute(db);
  await db.schema.dropTable('petition_term').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await db.schema
    .createTable('petition_term')
    .addColumn('term', 'varchar(8)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_term_pk', ['term', 'petition_id'])
    .execute();
  await db.schema.createIndex('petition_term_petition').on('petition_term').column('petition_id').execute();
  await db.schema.dropTable('petition_search').execute();
  await db.schema.dropTable('petition_search_doc').execute();
}
