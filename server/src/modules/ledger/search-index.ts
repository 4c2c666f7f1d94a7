import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

const ROWS_PER_INSERT = 500;

/**
 * The ledger's search index, where each dialect keeps it: on SQLite an FTS5 document of the
 * petition's terms (one small segment per commit), on MySQL a row per term (`petition_term`). See
 * the migration 20261204140100 for why.
 */
export async function indexTerms(db: Db, petitionId: string, terms: readonly string[]): Promise<void> {
  if (terms.length === 0) return;
  if (dialectOf(db) === 'sqlite') {
    const { doc } = await db
      .insertInto('petition_search_doc')
      .values({ petition_id: petitionId })
      .returning('doc')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('petition_search')
      .values({ rowid: doc, terms: terms.join(' ') })
      .execute();
    return;
  }
  const rows = terms.map((term) => ({ term, petition_id: petitionId }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto('petition_term')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
}

/** The ids of the petitions among `ids` that are in the index already. */
export async function indexedAmong(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows =
    dialectOf(db) === 'sqlite'
      ? await db
          .selectFrom('petition_search_doc')
          .select('petition_id')
          .where('petition_id', 'in', ids)
          .execute()
      : await db
          .selectFrom('petition_term')
          .select('petition_id')
          .distinct()
          .where('petition_id', 'in', ids)
          .execute();
  return new Set(rows.map((r) => r.petition_id));
}

/**
 * The petitions whose text holds every one of the terms (each a two-character run of the phrase
 * searched for): a subquery for `id in (…)`, or null when the terms narrow nothing (a phrase of one
 * character, or of punctuation only). The caller still checks the phrase itself.
 */
export function petitionsWithTerms(db: Kysely<DB>, terms: readonly string[]) {
  if (dialectOf(db) === 'sqlite') {
    // FTS5 splits text at punctuation and spaces: a term with no letter or digit indexes nothing.
    const words = terms.filter((t) => /[\p{L}\p{N}]/u.test(t));
    if (words.length === 0) return null;
    // Each term a quoted FTS5 phrase, all of them required.
    const match = words.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
    return db
      .selectFrom('petition_search_doc as d')
      .select('d.petition_id')
      .where(
        'd.doc',
        'in',
        sql<number>`(select rowid from petition_search where petition_search match ${match})`,
      );
  }
  if (terms.length === 0) return null;
  return db
    .selectFrom('petition_term as t')
    .select('t.petition_id')
    .where('t.term', 'in', terms)
    .groupBy('t.petition_id')
    .having((h) => h.fn.countAll(), '=', terms.length);
}
