import {
  type InsertQueryBuilder,
  type Kysely,
  MysqlAdapter,
  type RawBuilder,
  sql,
  type Transaction,
  type UpdateObject,
} from 'kysely';
import type { DialectName } from './database';
import type { DB } from './schema';

/** Which dialect a Kysely instance (or transaction) speaks. */
export function dialectOf(db: Kysely<DB> | Transaction<DB>): DialectName {
  return db.getExecutor().adapter instanceof MysqlAdapter ? 'mysql' : 'sqlite';
}

/** The database server's version string, e.g. `3.50.4` or `10.11.11-MariaDB-0+deb12u1`. */
export async function serverVersion(db: Kysely<DB>): Promise<string> {
  const query =
    dialectOf(db) === 'sqlite'
      ? sql<{ version: string }>`select sqlite_version() as version`
      : sql<{ version: string }>`select version() as version`;
  const { rows } = await query.execute(db);
  return String(rows[0]?.version ?? 'unknown');
}

/**
 * INSERT … or, when the key exists, UPDATE: `ON CONFLICT … DO UPDATE` in SQLite, `ON DUPLICATE KEY
 * UPDATE` in MySQL. In both, a column named in `update` refers to the existing row's value.
 */
export function onConflictUpdate<T extends keyof DB & string, O>(
  db: Kysely<DB> | Transaction<DB>,
  insert: InsertQueryBuilder<DB, T, O>,
  key: readonly (keyof DB[T] & string)[],
  update: UpdateObject<DB, T, T>,
): InsertQueryBuilder<DB, T, O> {
  if (dialectOf(db) === 'mysql') return insert.onDuplicateKeyUpdate(update);
  // The same object, typed for ON CONFLICT's view of the table (which adds `excluded`).
  return insert.onConflict((oc) => oc.columns(key).doUpdateSet(update as never));
}

/**
 * In an upsert's UPDATE, the value the INSERT proposed for `column`: `excluded.column` in SQLite,
 * `values(column)` in MySQL (which TiDB and MariaDB keep; MySQL 8 deprecates it for an alias).
 */
export function proposedValue(db: Kysely<DB> | Transaction<DB>, column: string): RawBuilder<unknown> {
  return dialectOf(db) === 'mysql' ? sql`values(${sql.ref(column)})` : sql`excluded.${sql.ref(column)}`;
}

/** INSERT, or nothing when the key exists (`ON CONFLICT DO NOTHING` / `INSERT IGNORE`): `numInsertedOrUpdatedRows` says which. */
export function insertUnlessExists<T extends keyof DB & string, O>(
  db: Kysely<DB> | Transaction<DB>,
  insert: InsertQueryBuilder<DB, T, O>,
): InsertQueryBuilder<DB, T, O> {
  return dialectOf(db) === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.doNothing());
}
