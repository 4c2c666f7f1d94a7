import type { FastifyInstance } from 'fastify';
import { explainMysqlFailure } from './mysql-pool';

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;

/**
 * At start, waits until the database answers: a MySQL server may come up after us, or be fixed
 * while we wait (a user created, a grant given). Each failed attempt logs one line saying what is
 * wrong and how to fix it, then waits longer (1 s, 2 s, 4 s, … up to 30 s) before trying again.
 * SQLite is opened (and its writability proven) before this, so it answers at once.
 */
export async function waitForDatabase(
  app: FastifyInstance,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const { databaseUrl, db } = app.config;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await app.dbMonitor.ping(db.connectTimeoutMs);
      if (attempt > 1) app.log.info({ attempt }, 'the database answers now');
      return;
    } catch (error) {
      if (app.dialect !== 'mysql') throw error;
      const waitMs = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));
      app.log.error(
        { attempt, retryInSeconds: waitMs / 1000 },
        `${explainMysqlFailure(databaseUrl, error)} — trying again in ${waitMs / 1000} s`,
      );
      await pause(waitMs);
    }
  }
}
