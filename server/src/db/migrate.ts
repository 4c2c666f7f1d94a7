import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { loggableMessage } from '../http/error-serialization';
import type { DialectName } from './database';
import { withMigrationLease } from './migration-lease';
import { migrations } from './migrations/index';
import type { DB } from './schema';

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Brings the schema to the latest migration. Safe to run on every start, and on several instances
 * at once: one migrates under the migration lease while the others wait, then find it done.
 */
export async function migrateToLatest(db: Kysely<DB>, dialect: DialectName): Promise<MigrationOutcome> {
  if (dialect === 'mysql') await ensureUtf8mb4(db);
  return withMigrationLease(db, () => migrate(db, dialect));
}

/**
 * A migration that failed half-way on MySQL, which commits each DDL statement as it runs and
 * cannot undo it: the schema is neither before nor after that migration, and only a person can
 * put it right. The message says which migration and what to do.
 */
export class UnfinishedMigrationError extends Error {
  constructor(
    readonly migrationName: string,
    cause?: unknown,
  ) {
    super(
      `Migration ${migrationName} did not finish${cause ? ` (${loggableMessage(cause).split('\n')[0]})` : ''}. ` +
        'MySQL cannot undo the statements of it that did run, so the schema is part-way and ' +
        'the server will not start on it. Either restore the backup taken before the upgrade ' +
        '(pnpm restore <folder>, into an empty database), or finish or undo the migration by hand ' +
        `and then delete its marker (delete from migration_lease where name = '${UNFINISHED}'). ` +
        'See docs/deployment.md, "A migration that failed".',
      { cause },
    );
    this.name = 'UnfinishedMigrationError';
  }
}

/** The `migration_lease` row naming the migration running now on MySQL; left behind if it fails. */
export const UNFINISHED = 'unfinished';

async function migrate(db: Kysely<DB>, dialect: DialectName): Promise<MigrationOutcome> {
  // MySQL has no transactional DDL: a failed or killed migration leaves what it did. Each one is
  // marked before it runs and the mark is cleared only when all are done, so the next start
  // refuses with the name instead of tripping on "Table already exists".
  const marking = dialect === 'mysql';
  if (marking) await refuseUnfinished(db);
  // Branches developed side by side each take a range of timestamps, so one that lands later may
  // bring a migration dated before one a database already ran: run it rather than refuse to start.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => (marking ? markedMigrations() : migrations) },
    allowUnorderedMigrations: true,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown error'));
    if (marking && failed) throw new UnfinishedMigrationError(failed.migrationName, cause);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${loggableMessage(cause)}`, { cause });
  }
  if (marking) await db.deleteFrom('migration_lease').where('name', '=', UNFINISHED).execute();
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

function markedMigrations(): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, migration]): [string, Migration] => [
      name,
      {
        ...migration,
        async up(db) {
          await mark(db as Kysely<DB>, name);
          await migration.up(db);
        },
      },
    ]),
  );
}

async function mark(db: Kysely<DB>, name: string): Promise<void> {
  // The lease table's columns, borrowed: `holder` names the migration, `expires_at` its start.
  const row = { name: UNFINISHED, holder: name, expires_at: new Date().toISOString() };
  await db.deleteFrom('migration_lease').where('name', '=', UNFINISHED).execute();
  await db.insertInto('migration_lease').values(row).execute();
}

/** A marked migration that Kysely has not recorded as done did not finish; one it recorded did. */
async function refuseUnfinished(db: Kysely<DB>): Promise<void> {
  const marker = await db
    .selectFrom('migration_lease')
    .select('holder')
    .where('name', '=', UNFINISHED)
    .executeTakeFirst();
  if (!marker) return;
  const { rows } = await sql<{
    name: string;
  }>`select name from kysely_migration where name = ${marker.holder}`.execute(db);
  if (rows.length === 0) throw new UnfinishedMigrationError(marker.holder);
}

/** Chinese text needs 4-byte UTF-8; tables inherit the database's default character set. */
async function ensureUtf8mb4(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ charset: string }>`select @@character_set_database as charset`.execute(db);
  if (rows[0]?.charset !== 'utf8mb4') {
    await sql`alter database character set utf8mb4 collate utf8mb4_unicode_ci`.execute(db);
  }
}
