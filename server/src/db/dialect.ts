import { type Kysely, sql } from 'kysely';
import type { DialectName } from './database';
import type { DB } from './schema';

/** The database server's version string, e.g. `3.50.4` or `10.11.11-MariaDB-0+deb12u1`. */
export async function serverVersion(db: Kysely<DB>, dialect: DialectName): Promise<string> {
  const query =
    dialect === 'sqlite'
      ? sql<{ version: string }>`select sqlite_version() as version`
      : sql<{ version: string }>`select version() as version`;
  const { rows } = await query.execute(db);
  return String(rows[0]?.version ?? 'unknown');
}
