import { type Kysely, Migrator, sql } from 'kysely';
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
  return withMigrationLease(db, () => migrate(db));
}

async function migrate(db: Kysely<DB>): Promise<MigrationOutcome> {
  // Branches developed side by side each take a range of timestamps, so one that lands later may
  // bring a migration dated before one a database already ran: run it rather than refuse to start.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown error'));
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Chinese text needs 4-byte UTF-8; tables inherit the database's default character set. */
async function ensureUtf8mb4(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ charset: string }>`select @@character_set_database as charset`.execute(db);
  if (rows[0]?.charset !== 'utf8mb4') {
    await sql`alter database character set utf8mb4 collate utf8mb4_unicode_ci`.execute(db);
  }
}
