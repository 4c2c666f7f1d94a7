import { createConnection } from 'mysql2/promise';
import { afterEach, expect, test } from 'vitest';
import { request } from '../../support/api-client';
import { freePort } from '../../support/free-port';
import { startThrowawayMariaDb } from '../../support/mariadb';
import { type ServerProcess, spawnServer } from '../../support/server-process';
import { type Health, ownMariaDbAvailable, timed, waitFor } from './fault-kit';

/**
 * The first start on MySQL (issue 19, item 7). An unreachable server, a wrong password or a
 * missing database used to kill the process after ~5 s with a raw stack trace. Now the server waits:
 * each attempt logs one line saying what is wrong and how to fix it, then it tries again after a
 * growing pause; once the operator fixes the cause it starts by itself.
 *
 * Here the server starts before MariaDB exists; MariaDB then comes up without the database; the
 * database is created; and the server comes up healthy on its own. A second server with a wrong
 * password says so and keeps waiting.
 */
const RECOVERY_BOUND_MS = 40_000;

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

test.skipIf(!ownMariaDbAvailable)(
  'MySQL first start: unreachable, no database, wrong password — one line each saying the fix; it starts once fixed',
  async () => {
    const port = await freePort();
    const url = `mysql://xinfang:xinfang@127.0.0.1:${port}/xf_first`;
    const server = await spawnServer({
      DATABASE_URL: url,
      H5_DIR: 'none',
      SEED_DEMO: 'true',
      SEED_DEMO_CASES: 'false',
    });
    cleanup.push(() => server.stop('SIGKILL'));

    // No server on the port yet.
    await waitFor(() => linesSaying(server, 'cannot reach MySQL').length >= 2, 20_000, 'two attempts');
    expect(linesSaying(server, 'cannot reach MySQL')[0]).toContain(
      `cannot reach MySQL at 127.0.0.1:${port} (ECONNREFUSED): is it running, and are the host and port in DATABASE_URL right? — trying again in 1 s`,
    );
    expect(linesSaying(server, 'cannot reach MySQL')[1]).toContain('trying again in 2 s');

    // MariaDB comes up, without the database.
    const mariadb = await startThrowawayMariaDb({ port });
    cleanup.push(() => mariadb.stop());
    await waitFor(() => linesSaying(server, 'has no database').length >= 1, 30_000, 'the missing database');
    expect(linesSaying(server, 'has no database')[0]).toContain(
      `MySQL at 127.0.0.1:${port} has no database 'xf_first': create it with CREATE DATABASE xf_first CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, and grant it to 'xinfang'`,
    );

    // The operator creates it; the server comes up by itself, migrated and seeded.
    const admin = await createConnection({ host: '127.0.0.1', port, user: 'xinfang', password: 'xinfang' });
    await admin.query('create database xf_first character set utf8mb4 collate utf8mb4_unicode_ci');
    await admin.end();
    const up = await timed(() => healthyAt(server.url, RECOVERY_BOUND_MS));
    expect(up.value.db).toMatchObject({ ok: true });
    const units = await request<unknown[]>(server.url, 'GET', '/api/org/units');
    expect(units.body.length).toBeGreaterThan(0);
    expect(server.output()).not.toMatch(/\n\s+at /);

    // A wrong password: said plainly, and the server keeps waiting for it to be fixed.
    const wrong = await spawnServer({
      DATABASE_URL: url.replace('xinfang:xinfang', 'xinfang:wrong'),
      H5_DIR: 'none',
    });
    cleanup.push(() => wrong.stop('SIGKILL'));
    await waitFor(() => linesSaying(wrong, 'refused user').length >= 1, 20_000, 'the refusal');
    expect(linesSaying(wrong, 'refused user')[0]).toContain(
      `MySQL at 127.0.0.1:${port} refused user 'xinfang' (wrong password, or no such user): check the user and password in DATABASE_URL`,
    );
    expect(wrong.child.exitCode).toBeNull();
    expect(wrong.output()).not.toMatch(/\n\s+at /);

    console.log(`MySQL first start: healthy ${up.ms} ms after the database was created`);
  },
  120_000,
);

function linesSaying(server: ServerProcess, text: string): string[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes(text));
}

async function healthyAt(baseUrl: string, timeoutMs: number): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await request<Health>(baseUrl, 'GET', '/api/health').catch(() => null);
    if (answer?.status === 200) return answer.body;
    if (Date.now() > deadline) throw new Error(`not healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
