import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * SQL: `column` contains `text` literally. Its `%` and `_` are escaped with `!`, a character both
 * dialects accept as `ESCAPE` (a backslash means different things in their string literals).
 * Case-insensitive for the ASCII letters of usernames in SQLite and under MySQL's `_ci` collation.
 */
export function contains(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '!'`;
}
