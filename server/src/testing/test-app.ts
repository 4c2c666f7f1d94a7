import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { migrateToLatest } from '../db/migrate';
import { claimSlot, connectToServer } from './mysql-slots';

/**
 * Builds the app on a fresh, migrated database for one test suite. Which database is decided by
 * the suite's project: `TEST_DB=mysql` with `TEST_MYSQL_URL` (a server URL without a database)
 * gives each suite a migrated MySQL database of its own, reset and reused afterwards
 * (mysql-slots.ts); otherwise an in-memory SQLite.
 */
export interface TestApp {
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

export type TestDialect = 'sqlite' | 'mysql';

export function testDialect(): TestDialect {
  return process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * The config a test app runs with: quiet, no h5, no background jobs, a fresh database URL chosen
 * by the caller, and files kept under the system's temporary folder, never in the project's
 * `data/` (which the demo server uses).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ APP_ENV: 'test', H5_DIR: 'none', RUN_JOBS: 'false' }),
    uploadDir: join(tmpdir(), 'xinfang-test-files'),
    ...overrides,
  };
}

/** A new empty folder for one app's files (or one cluster's, shared as UPLOAD_DIR is). */
export async function createUploadDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'xinfang-files-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function buildTestApp(
  overrides: Partial<Config> = {},
  options: AppOptions = {},
): Promise<TestApp> {
  const database =
    testDialect() === 'mysql'
      ? await claimSlot(mysqlServerUrl()).then((slot) => ({ url: slot.url, drop: slot.release }))
      : await createTestDatabase();
  const files = overrides.uploadDir ? null : await createUploadDir();
  const config = testConfig({
    databaseUrl: database.url,
    ...(files && { uploadDir: files.path }),
    ...overrides,
  });
  const app = await buildApp(config, options);
  await migrateToLatest(app.db, app.dialect);
  return {
    app,
    config,
    async close() {
      await app.close();
      await database.drop();
      await files?.remove();
    },
  };
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database of the suite's dialect. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };

  const serverUrl = mysqlServerUrl();
  const name = `xf_test_${randomBytes(6).toString('hex')}`;
  await onMysqlServer(serverUrl, `create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onMysqlServer(serverUrl, `drop database if exists ${name}`),
  };
}

/** The MySQL server the suite's project names (a URL without a database). */
function mysqlServerUrl(): string {
  const serverUrl = process.env.TEST_MYSQL_URL;
  if (!serverUrl) throw new Error('TEST_DB=mysql needs TEST_MYSQL_URL (mysql://user:pass@host:port/)');
  return serverUrl;
}

async function onMysqlServer(serverUrl: string, statement: string): Promise<void> {
  const connection = await connectToServer(serverUrl);
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/**
 * For `vi.waitFor` on work running in the background (a job, a dispatcher): its 1 s default fails
 * on a busy machine, and a timeout is there to end a hang, not to time the work.
 */
export const UNTIL_DONE = { timeout: 60_000, interval: 20 } as const;
