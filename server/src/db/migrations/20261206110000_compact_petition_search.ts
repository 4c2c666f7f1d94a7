import { type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The ledger's search index on SQLite keeps only which petitions hold a term (FTS5 `detail=none`),
// not where in the text, and no per-petition token counts (`columnsize=0`): a search asks for
// every term of a phrase, each alone, then matches the phrase in the text (ledger.query.ts), so
// the positions and counts were written at every submission and never read. Measured on 10,000
// petitions of ~100 terms: the index a third of the size (1.3 MB against 4.0), 1.7 fewer pages
// in the log for a submission's terms (8.4 against 10.1), ~10% less CPU for them in a commit
// group of ten (issue 12).
export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, sql`, detail = none, columnsize = 0`);
}

// The positions do not come back: each petition's terms get those of the list they are kept in.
export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, sql``);
}

/** The index made anew with `options`, its terms read back through `fts5vocab` (it has no text). */
async function rebuild(db: Kysely<any>, options: RawBuilder<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`create virtual table temp.petition_search_vocab
    using fts5vocab(main, petition_search, instance)`.execute(db);
  await sql`create temp table petition_search_kept as
    select doc, group_concat(term, ' ') as terms
    from (select distinct doc, term from temp.petition_search_vocab) group by doc`.execute(db);
  await sql`drop table temp.petition_search_vocab`.execute(db);
  await sql`drop table petition_search`.execute(db);
  await sql`create virtual table petition_search
    using fts5(terms, content = '', tokenize = 'unicode61'${options})`.execute(db);
  await sql`insert into petition_search (rowid, terms)
    select doc, terms from temp.petition_search_kept`.execute(db);
  await sql`drop table temp.petition_search_kept`.execute(db);
}
