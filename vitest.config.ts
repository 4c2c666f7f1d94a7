import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { findChromium, findMariadbTool } from './tests/support/tools.ts';

/**
 * Every suite of the repository, as vitest projects. `pnpm test` runs them all; the summary
 * reporter prints the counts per project so a log shows which databases and browsers ran.
 *
 * The database suites run twice: on SQLite always, and on MySQL when `TEST_MYSQL_URL` names a
 * server or `mariadbd` is installed (a throwaway server is started). `REQUIRE_MYSQL=1` and
 * `REQUIRE_BROWSER=1` (set by CI) turn a missing MySQL or Chromium into a failure, not a skip.
 */
const databaseSuites = ['tests/api/**/*.test.ts', 'server/src/**/*.db.test.ts'];

const mysqlAvailable = Boolean(process.env.TEST_MYSQL_URL) || findMariadbTool('mariadbd') !== null;
const browserAvailable = findChromium() !== null;

for (const [what, available, flag, install] of [
  ['MySQL', mysqlAvailable, 'REQUIRE_MYSQL', 'apt-get install -y mariadb-server, or set TEST_MYSQL_URL'],
  ['Chromium', browserAvailable, 'REQUIRE_BROWSER', 'apt-get install -y chromium'],
] as const) {
  if (available) continue;
  const banner = `${what} is not available: its suites are SKIPPED (${install}).`;
  if (process.env[flag] === '1') throw new Error(`${banner} ${flag}=1 forbids skipping.`);
  console.warn(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n`);
}

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'shared',
          root: './shared',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: { '@': fileURLToPath(new URL('./miniapp/src', import.meta.url)) } },
        test: {
          name: 'miniapp',
          root: './miniapp',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      {
        test: {
          name: 'api-sqlite',
          include: databaseSuites,
          env: { TEST_DB: 'sqlite' },
          // As generous as MySQL's: a full run on a busy 2-core machine slows every suite down.
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      ...(mysqlAvailable
        ? [
            {
              test: {
                name: 'api-mysql',
                include: databaseSuites,
                globalSetup: ['./tests/support/mysql.global-setup.ts'],
                setupFiles: ['./tests/support/mysql.setup.ts'],
                testTimeout: 20_000,
                hookTimeout: 60_000,
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
                testTimeout: 60_000,
                hookTimeout: 180_000,
              },
            },
          ]
        : []),
    ],
  },
});
