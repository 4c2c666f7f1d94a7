import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { ConflictCounts } from '../db/conflict-retry';
import { type Database, type DialectName, openDatabase } from '../db/database';
import type { DatabaseMonitor } from '../db/monitor';
import type { DB } from '../db/schema';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    dialect: DialectName;
    /** Whether the database is reachable and takes writes (health reads it). */
    dbMonitor: DatabaseMonitor;
    /** Transactions retried after a conflict, and given up on (health shows them). */
    dbConflicts: ConflictCounts;
  }
}

/**
 * Opens the database named by the config and closes it with the app — or uses one opened already
 * (the benchmark's statement recorder watches every statement through its own driver).
 */
export default fp(
  async function database(app: FastifyInstance, options: { database?: Database }) {
    const opened =
      options.database ?? openDatabase(app.config.databaseUrl, { bounds: app.config.db, log: app.log });
    app.decorate('db', opened.db);
    app.decorate('dialect', opened.dialect);
    app.decorate('dbMonitor', opened.monitor);
    app.decorate('dbConflicts', opened.conflicts);
    app.addHook('onClose', () => opened.destroy());
  },
  { name: 'database', dependencies: ['config'] },
);
