import { statSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { request, type Session, signInPetitioner, unitsByCode } from '../../support/api-client';
import { sqliteScratchDatabase } from '../../support/scratch-database';
import { startServer } from '../../support/server-process';
import { expectLedger, logProblems, makeJobs, PHONES, replayAll, submitAll } from '../../support/submissions';
import { expectServiceUnavailable, type Health, waitFor } from './fault-kit';

/**
 * A full disk under SQLite (issue 19, item 2). The server is started with SQLITE_MAX_BYTES a little
 * above the database's size — SQLite's max_page_count, which fails a write with SQLITE_FULL exactly
 * as a full file system does — and phones submit until the database is full.
 *
 * Every write is then answered 503 SERVICE_UNAVAILABLE with Retry-After (it used to be 500, the
 * SQLITE_FULL hidden by a failed ROLLBACK); reads still work; health says the database cannot take
 * writes, and why; the cause is logged once, not once per request. With room again (a restart
 * without the limit, as after freeing the disk) the same phones, retrying the same keys, get every
 * petition acknowledged: each exactly once, and nothing that was answered 503 half-saved.
 */
const PETITIONS = 150;
const ROOM_BYTES = 160 * 1024;
const RECOVERY_BOUND_MS = 20_000;

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

test('SQLite full: writes get 503 with Retry-After, reads work, health says why, logged once; nothing lost or twice', async () => {
  const database = sqliteScratchDatabase();
  cleanup.push(() => database.drop());
  // 50 petitions a phone: far past a person's daily bound, not under test here.
  const env = { DATABASE_URL: database.url, H5_DIR: 'none', SUBMISSIONS_PER_DAY: '1000000' };
  const first = await startServer({ ...env, SEED_DEMO: 'true', SEED_DEMO_CASES: 'false' });
  const sessions: Session[] = [];
  for (const phone of PHONES) sessions.push(await signInPetitioner(first, phone));
  const jobs = makeJobs(PETITIONS, sessions, await unitsByCode(first.url));
  await first.stop();

  const port = Number(new URL(first.url).port);
  const limit = statSync(database.url.slice('sqlite:'.length)).size + ROOM_BYTES;
  let server = await startServer({ ...env, SQLITE_MAX_BYTES: String(limit) }, { port });
  cleanup.push(() => server.stop('SIGKILL'));
  const run = submitAll(jobs, {
    url: () => server.url,
    concurrency: 6,
    deadlineMs: 240_000,
    retryable: [503],
  });

  // Full: the phones keep trying, and every answer is a 503 the app can wait out.
  await waitFor(() => run.refusals.length >= 60, 120_000, 'the database to fill');
  const acknowledgedWhileFull = run.acknowledged.size;
  expect(acknowledgedWhileFull).toBeGreaterThan(0);
  expect(acknowledgedWhileFull).toBeLessThan(PETITIONS);
  for (const refusal of run.refusals) expectServiceUnavailable(refusal);
  expect(run.refusals[0]?.retryAfter).toBe('60');

  const health = await request<Health>(server.url, 'GET', '/api/health');
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({
    status: 'degraded',
    db: { ok: false, reachable: true, writable: false, problem: { kind: 'full' } },
  });
  const reading = await request<unknown[]>(server.url, 'GET', '/api/petitions', {
    token: sessions[0]?.accessToken,
  });
  expect(reading.status).toBe(200);

  const fullOutput = server.output();
  expect(logProblems(fullOutput)).toEqual([
    expect.stringContaining('database cannot take writes (SQLITE_FULL: database or disk is full)'),
  ]);
  expect(fullOutput).not.toContain('cannot rollback');
  expect(fullOutput).not.toContain('INTERNAL_ERROR');

  // Room again: a restart without the limit, and the same keys are acknowledged.
  await server.stop();
  server = await startServer(env, { port });
  const backAt = Date.now();
  await run.done;
  const recoveredAt = run.acknowledgedAt.find((t) => t > backAt) ?? Number.POSITIVE_INFINITY;
  expect(recoveredAt - backAt).toBeLessThan(RECOVERY_BOUND_MS);

  expect(run.acknowledged.size).toBe(PETITIONS);
  await expectLedger(database, run.acknowledged);
  expect(await replayAll(server.url, jobs, run.acknowledged, 6)).toEqual([]);
  const healthAfter = await request<Health>(server.url, 'GET', '/api/health');
  expect(healthAfter.body.db).toMatchObject({ ok: true, writable: true, problem: null });
  expect(logProblems(server.output())).toEqual([]);

  console.log(
    [
      `SQLite full: ${acknowledgedWhileFull} of ${PETITIONS} petitions fitted in ${ROOM_BYTES / 1024} KB of room`,
      `  ${run.refusals.length} answers 503 with Retry-After ${run.refusals[0]?.retryAfter} s, the cause logged once`,
      `  after a restart with room, the first acknowledgment came in ${recoveredAt - backAt} ms; all ${PETITIONS} acknowledged once`,
    ].join('\n'),
  );
}, 300_000);
