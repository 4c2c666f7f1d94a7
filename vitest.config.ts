import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { galeraAvailable } from './tests/support/galera.ts';
import { galeraSuites } from './tests/support/galera-suites.ts';
import { findChromium, findMariadbTool } from './tests/support/tools.ts';

/**
 * Every suite of the repository, as vitest projects. `pnpm test` runs them all; the summary
 * reporter prints the counts per project so a log shows which databases and browsers ran.
 *
 * The database suites run on SQLite always; on MySQL when `TEST_MYSQL_URL` names a server or
 * `mariadbd` is installed (a throwaway server is started); and those whose subject is what a
 * cluster changes (`galera-suites.ts`) through one node of a three-node MariaDB Galera cluster
 * when galera-4 is installed (issue 18). `REQUIRE_MYSQL=1` and `REQUIRE_BROWSER=1` (set by CI)
 * turn a missing MySQL, Galera or Chromium into a failure, not a skip.
 *
 * Every project but the reliability suite runs two files at a time even on 2 cores (vitest would
 * take one): most of a database suite's time is spent waiting for commits and child processes.
 */
const databaseSuites = ['tests/api/**/*.test.ts', 'server/src/**/*.db.test.ts'];
// The database suites share one module graph per worker: each file importing the whole server
// afresh cost more than their tests (api-sqlite alone: 220 s → 92 s on 2 cores). Each file builds
// its own app; a file that mocks a module forgets the shared ones first (identity/lockout.test.ts).
const isolate = false;
// Unit suites too: a timeout ends a hang, it does not measure the machine. Property walks take a
// few seconds alone and many times that beside every other project on 2 cores (vitest's 5 s failed).
const unitTimeouts = { testTimeout: 60_000, hookTimeout: 60_000 };

// A server named by TEST_MYSQL_URL is the developer's own: no cluster is started beside it.
const externalMysql = Boolean(process.env.TEST_MYSQL_URL);
const mysqlAvailable = externalMysql || findMariadbTool('mariadbd') !== null;
const galeraReady = mysqlAvailable && !externalMysql && galeraAvailable();
const browserAvailable = findChromium() !== null;

for (const [what, available, flag, install] of [
  ['MySQL', mysqlAvailable, 'REQUIRE_MYSQL', 'apt-get install -y mariadb-server, or set TEST_MYSQL_URL'],
  ['Galera', galeraReady || externalMysql, 'REQUIRE_MYSQL', 'apt-get install -y galera-4 rsync'],
  ['Chromium', browserAvailable, 'REQUIRE_BROWSER', 'apt-get install -y chromium'],
] as const) {
  if (available) continue;
  const banner = `${what} is not available: its suites are SKIPPED (${install}).`;
  if (process.env[flag] === '1') throw new Error(`${banner} ${flag}=1 forbids skipping.`);
  console.warn(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n`);
}

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Long enough for the Galera cluster's three nodes to shut down one after the other.
    teardownTimeout: 120_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'shared',
          root: './shared',
          ...unitTimeouts,
          include: ['src/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: { '@': fileURLToPath(new URL('./miniapp/src', import.meta.url)) } },
        test: {
          name: 'miniapp',
          root: './miniapp',
          ...unitTimeouts,
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root: './server',
          ...unitTimeouts,
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      {
        test: {
          name: 'api-sqlite',
          include: databaseSuites,
          isolate,
          env: { TEST_DB: 'sqlite' },
          // Timeouts catch a hang, never a slow machine: a full run beside other work on 2 cores
          // took 23 s for one MySQL test (20 s was the limit) and 30 s for a MySQL beforeAll.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(mysqlAvailable
        ? [
            {
              test: {
                name: 'api-mysql',
                include: databaseSuites,
                isolate,
                globalSetup: ['./tests/support/mysql.global-setup.ts'],
                setupFiles: ['./tests/support/mysql.setup.ts'],
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      ...(galeraReady
        ? [
            {
              test: {
                name: 'api-galera',
                include: galeraSuites,
                isolate,
                globalSetup: ['./tests/support/galera.global-setup.ts'],
                setupFiles: ['./tests/support/mysql.setup.ts'],
                testTimeout: 90_000,
                hookTimeout: 180_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          ...(mysqlAvailable ? { globalSetup: ['./tests/support/mysql.global-setup.ts'] } : {}),
          // After every other project: its kills and restarts get the machine to themselves.
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
          testTimeout: 600_000,
          hookTimeout: 60_000,
        },
      },
      ...(browserAvailable && existsSync('./miniapp/package.json')
        ? [
            {
              test: {
                name: 'browser',
                include: ['tests/browser/**/*.test.ts'],
                globalSetup: ['./tests/support/browser.global-setup.ts'],
                // A long walk (the figures, then every page of the ledger, axe in two text sizes)
                // beside another browser on a busy 2-core machine took over a minute.
                testTimeout: 180_000,
                hookTimeout: 180_000,
                // A page waits on the server and the browser: on a busy 2-core machine a save took
                // longer than expect.poll's default second (aftercare.test.ts failed so in a CI run).
                expect: { poll: { timeout: 30_000 } },
              },
            },
          ]
        : []),
    ],
  },
});
