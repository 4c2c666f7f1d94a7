import type { Kysely } from 'kysely';
import { insertUnlessExists } from './dialect';
import { classifyFailure } from './failures';
import { newHolderName } from './holder';
import type { DB } from './schema';

const NAME = 'schema';

export interface MigrationLeaseOptions {
  /** How long the lease stands without renewal; it is renewed every third of that while we migrate. */
  leaseMs?: number;
  /** How long to wait for another instance's migration before giving up. */
  waitMs?: number;
  holder?: string;
}

/**
 * Runs `work` (the migrations) while holding the schema's lease, a row in `migration_lease`, so two
 * instances starting at once never migrate at once — on SQLite, a single MariaDB or a Galera
 * cluster alike (MariaDB's GET_LOCK would not do for Galera: it is local to one node). The other
 * instance waits, then finds nothing left to do. A lease whose holder died runs out and is taken.
 */
export async function withMigrationLease<T>(
  db: Kysely<DB>,
  work: () => Promise<T>,
  options: MigrationLeaseOptions = {},
): Promise<T> {
  const leaseMs = options.leaseMs ?? 30_000;
  const waitMs = options.waitMs ?? 10 * 60_000;
  const holder = options.holder ?? newHolderName();
  const giveUpAt = Date.now() + waitMs;
  let created = false;
  // Creating the table is inside the wait as well: on SQLite it waits for the write lock that
  // another instance's migration holds.
  const attempt = async () => {
    if (!created) {
      await createLeaseTable(db);
      created = true;
    }
    return take(db, holder, leaseMs);
  };
  while (!(await attempt().catch(whenBusy))) {
    if (Date.now() > giveUpAt) {
      throw new Error(`another instance has held the migration lease for over ${waitMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const renewal = setInterval(() => {
    void renew(db, holder, leaseMs).catch(() => {});
  }, leaseMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await db.deleteFrom('migration_lease').where('name', '=', NAME).where('holder', '=', holder).execute();
  }
}

/** SQLite: another instance's migration holds the write lock past busy_timeout — it is migrating; wait. */
function whenBusy(error: unknown): false {
  if (classifyFailure(error) === 'busy') return false;
  throw error;
}

async function createLeaseTable(db: Kysely<DB>): Promise<void> {
  await db.schema
    .createTable('migration_lease')
    .ifNotExists()
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(96)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

async function take(db: Kysely<DB>, holder: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const expires_at = new Date(now.getTime() + leaseMs).toISOString();
  const inserted = await insertUnlessExists(
    db,
    db.insertInto('migration_lease').values({ name: NAME, holder, expires_at }),
  ).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  const taken = await db
    .updateTable('migration_lease')
    .set({ holder, expires_at })
    .where('name', '=', NAME)
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

async function renew(db: Kysely<DB>, holder: string, leaseMs: number): Promise<void> {
  await db
    .updateTable('migration_lease')
    .set({ expires_at: new Date(Date.now() + leaseMs).toISOString() })
    .where('name', '=', NAME)
    .where('holder', '=', holder)
    .execute();
}
