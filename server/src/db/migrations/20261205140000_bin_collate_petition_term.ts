import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// MySQL's search terms compare byte for byte. Under the database's utf8mb4_unicode_ci every
// character outside the Basic Multilingual Plane weighs the same (and full-width letters equal
// half-width ones), so two of a petition's terms could be one key: the fuzz test's content
// "𢛆\r򡁹󑿪" failed its submission with a duplicate key (500). The search checks the phrase itself
// byte for byte afterwards anyway, so nothing a search found is lost. SQLite keeps its FTS5 index.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`alter table petition_term modify term varchar(8) character set utf8mb4 collate utf8mb4_bin not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`alter table petition_term modify term varchar(8) character set utf8mb4 collate utf8mb4_unicode_ci not null`.execute(
    db,
  );
}
