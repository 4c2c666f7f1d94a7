import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createConnection } from 'mysql2/promise';
import { afterAll, expect, test } from 'vitest';
import { request, type Session, signInPetitioner, unitsByCode } from '../support/api-client';
import { type GaleraCluster, galeraAvailable, startGaleraCluster } from '../support/galera';
import { type Nginx, nginxAvailable, startNginx } from '../support/nginx';
import { mysqlScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { type ServerProcess, startServer } from '../support/server-process';
import { expectLedger, makeJobs, PHONES, sleep, submitAll } from '../support/submissions';

/**
 * The cluster suite (issue 18's proof): a three-node MariaDB Galera cluster on loopback ports,
 * three API instances (each on its own node) and nginx in front, running the shipped
 * configuration. A thousand petitions, each under its own Idempotency-Key and retried by the
 * client until acknowledged, go through nginx while one API instance is killed with SIGKILL (and
 * brought back) and one database node is stopped and rejoins. Then:
 * - every acknowledged petition exists exactly once, numbers run without a gap or a duplicate,
 *   and all three nodes hold the same rows;
 * - no submission needed longer than the client's retry budget;
 * - each background job ran once per period across every instance and incarnation;
 * - nginx sends the h5 build precompressed and passes on only the client address it saw.
 *
 * CLUSTER_PETITIONS (default 1000) sizes a local run.
 */
const PETITIONS = Number(process.env.CLUSTER_PETITIONS ?? 1000);
const CONCURRENCY = 12;
/** How long a phone keeps retrying one submission before it tells its user it failed. */
const RETRY_BUDGET_MS = 60_000;
const available = galeraAvailable() && nginxAvailable();
/** Three servers compiling at once on a busy 2-core machine take a while. */
const STARTING = { healthyWithinMs: 180_000 };
const JOBS = ['deadlines', 'reminders', 'housekeeping', 'deliveryReminders'];

let cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

// CI installs galera-4, rsync, nginx and its brotli module (.ci/run): there, a skip is a failure.
test.skipIf(!available && process.env.CI !== '1')(
  'three instances on a Galera cluster behind nginx: every acknowledged petition once, through a kill and a node restart',
  async () => {
    expect(available, 'galera-4, rsync, nginx and libnginx-mod-http-brotli-static must be installed').toBe(
      true,
    );
    const started = Date.now();
    const cluster: GaleraCluster = await startGaleraCluster(3);
    cleanup.push(() => cluster.stop());
    const clusterUpS = (Date.now() - started) / 1000;
    const database: ScratchDatabase = await mysqlScratchDatabase(
      cluster.nodes[0]?.url as string,
      'xf_cluster',
    );
    const onNode = (i: number) => {
      const url = new URL(database.url);
      url.port = String(cluster.nodes[i]?.port);
      return url.toString();
    };

    const h5 = mkdtempSync(join(tmpdir(), 'xinfang-h5-'));
    cleanup.push(async () => rmSync(h5, { recursive: true, force: true }));
    const page = `<!doctype html><html lang="zh-CN"><title>信访通</title><body>${'信访通 '.repeat(400)}</body></html>`;
    writeFileSync(join(h5, 'index.html'), page);
    writeFileSync(join(h5, 'index.html.gz'), gzipSync(page));
    writeFileSync(join(h5, 'index.html.br'), brotliCompressSync(page));

    // All three start at once, each on its own node: they migrate under the one lease.
    const env = (i: number) => ({
      DATABASE_URL: onNode(i),
      H5_DIR: 'none',
      LOG_LEVEL: 'info',
      TRUST_PROXY: '127.0.0.1',
      SUBMISSIONS_PER_DAY: '1000000',
      ...(i === 0 ? { SEED_DEMO: 'true', SEED_DEMO_CASES: 'false' } : {}),
    });
    const incarnations: ServerProcess[] = [];
    const instances = await Promise.all([0, 1, 2].map((i) => startServer(env(i), STARTING)));
    incarnations.push(...instances);
    cleanup.push(() => Promise.all(incarnations.map((s) => s.stop('SIGKILL'))));
    const ports = instances.map((s) => Number(new URL(s.url).port));
    const nginx: Nginx = await startNginx(ports, h5);
    cleanup.push(() => nginx.stop());

    // The h5 build as it was compressed at build time, by what the browser accepts.
    for (const [accept, encoding, bytes] of [
      ['br', 'br', brotliCompressSync(page)],
      ['gzip', 'gzip', gzipSync(page)],
    ] as const) {
      const got = await raw(`${nginx.url}/petitions/new`, { 'accept-encoding': accept });
      expect(got.headers['content-encoding']).toBe(encoding);
      expect(got.body.equals(bytes)).toBe(true);
    }
    // A client cannot name its own address: nginx sets X-Forwarded-For to the peer it saw.
    const spoofed = '203.0.113.77';
    for (let i = 0; i < 6; i += 1) await raw(`${nginx.url}/api/health`, { 'x-forwarded-for': spoofed });
    const seen = instances.map((s) => s.output()).join('\n');
    expect(seen).toContain('"remoteAddress":"127.0.0.1"');
    expect(seen).not.toContain(spoofed);

    const sessions: Session[] = [];
    for (const phone of PHONES) sessions.push(await signInPetitioner(instances[0] as ServerProcess, phone));
    const jobs = makeJobs(PETITIONS, sessions, await unitsByCode(nginx.url));
    const run = submitAll(jobs, {
      url: () => nginx.url,
      concurrency: CONCURRENCY,
      deadlineMs: 300_000,
      retryable: [502, 503, 504],
      timeoutMs: 20_000,
    });
    const { acknowledged } = run;
    const chaos: string[] = [];
    const at = async (share: number) => {
      while (!run.isDone() && acknowledged.size < PETITIONS * share) await sleep(5);
    };
    const faults = (async () => {
      await at(0.2);
      await instances[1]?.stop('SIGKILL');
      chaos.push(`SIGKILL instance 2 at ${acknowledged.size}`);
      await at(0.35);
      await cluster.nodes[2]?.stop();
      chaos.push(`stopped node 3 at ${acknowledged.size}`);
      await at(0.55);
      const back = await startServer(env(1), { ...STARTING, port: ports[1] });
      incarnations.push(back);
      chaos.push(`instance 2 back at ${acknowledged.size}`);
      await at(0.7);
      const rejoining = Date.now();
      await cluster.nodes[2]?.start();
      chaos.push(
        `node 3 rejoined at ${acknowledged.size} in ${((Date.now() - rejoining) / 1000).toFixed(1)} s`,
      );
    })();
    await Promise.all([run.done, faults]).catch((error: unknown) => {
      // An answer outside 502–504 is a bug the servers logged with its cause: show it with the failure.
      const logged = incarnations
        .flatMap((s) => s.output().split('\n'))
        .filter((line) => line.includes('"msg":"request failed"'));
      throw new Error(`${String(error)}\nthe servers logged:\n${logged.join('\n')}`, { cause: error });
    });
    const submitS = (Date.now() - started) / 1000;

    expect(acknowledged.size).toBe(PETITIONS);
    await expectLedger(database, acknowledged);
    const acks = [...acknowledged.values()];
    const slowest = Math.max(...acks.map((a) => a.tookMs));
    expect(slowest).toBeLessThan(RETRY_BUDGET_MS);

    // Every node holds the same petitions (node 3 caught up by IST).
    const name = new URL(database.url).pathname.slice(1);
    const perNode = await Promise.all(
      cluster.nodes.map(async (node) => {
        const url = new URL(node.url);
        const connection = await createConnection({
          host: url.hostname,
          port: Number(url.port),
          user: 'xinfang',
          password: 'xinfang',
          database: name,
        });
        try {
          const [rows] = await connection.query('select count(*) as n, max(number) as top from petition');
          const [row] = rows as { n: number; top: string }[];
          return `${Number(row?.n)} ${row?.top}`;
        } finally {
          await connection.end();
        }
      }),
    );
    expect(new Set(perNode).size).toBe(1);

    // Each job once per period: the log lines saying it was done, over every instance and
    // incarnation, are exactly its finished periods.
    const runs = await database.query<{ job: string; period: string; finished_at: string | null }>(
      'select job, period, finished_at from job_run',
    );
    const logs = incarnations.map((s) => s.output()).join('\n');
    for (const job of JOBS) {
      const periods = runs.filter((r) => r.job === job);
      expect(periods.length, job).toBeGreaterThan(0);
      expect(periods.every((r) => r.finished_at !== null)).toBe(true);
      expect(logs.split('\n').filter((line) => line.includes(`"msg":"${job} done"`)).length, job).toBe(
        periods.length,
      );
    }

    const refusedWith = new Map<string, number>();
    for (const { status, body } of run.refusals) {
      const code = `${status} ${(body as { error?: { code?: string } } | null)?.error?.code ?? ''}`.trim();
      refusedWith.set(code, (refusedWith.get(code) ?? 0) + 1);
    }
    const conflicts = await Promise.all(
      [instances[0], instances[2], incarnations.at(-1)].map(async (s) => {
        const health = await request<{ db: { conflicts: { retried: number; gaveUp: number } } }>(
          (s as ServerProcess).url,
          'GET',
          '/api/health',
        );
        return health.body.db.conflicts;
      }),
    );
    console.log(
      [
        `cluster suite: ${PETITIONS} petitions, ${CONCURRENCY} in flight, through nginx to 3 instances on 3 Galera nodes`,
        `  cluster up in ${clusterUpS.toFixed(1)} s; ${chaos.join('; ')}`,
        `  ${run.stats.attempts} attempts (${run.stats.cutOff} cut off, ${run.stats.refused} refused, ${run.refusals.length} answered with an error${refusedWith.size ? `: ${[...refusedWith].map(([k, n]) => `${k} ×${n}`).join(', ')}` : ''}); slowest acknowledgment ${(slowest / 1000).toFixed(1)} s`,
        `  transactions retried after a conflict (per live instance): ${conflicts.map((c) => `${c.retried} retried, ${c.gaveUp} given up`).join('; ')}`,
        `  rows on each node: ${perNode.join(' | ')}; whole run ${submitS.toFixed(1)} s`,
      ].join('\n'),
    );
  },
  600_000,
);

function raw(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
