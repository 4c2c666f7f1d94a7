import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import autocannon from 'autocannon';
import { request, signInPetitioner, signInStaff, unitsByCode } from '../support/api-client';
import { freePort } from '../support/free-port';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import {
  mysqlScratchDatabase,
  type ScratchDatabase,
  sqliteScratchDatabase,
} from '../support/scratch-database';
import { startServer } from '../support/server-process';
import { openDriver } from './driver';
import { loadWorld, planFor, seedPetitions } from './seed';

/**
 * `pnpm bench`: seeds N petitions, starts the real server, and loads each endpoint with autocannon
 * — and in the same run a bare Fastify + driver app doing the same SQL — then prints req/s, p50 and
 * p99 of both and the ratio. Absolute numbers drift on a shared 2-core machine with the load
 * generator on the same cores; the ratio, measured minutes apart, is what to compare.
 *
 *   pnpm bench [--size 100000] [--mysql] [--duration 10] [--connections 10] [--only submit,detail]
 */
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    mysql: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
  },
});
const SIZE = Number(args.size);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const benchDir = dirname(fileURLToPath(import.meta.url));

const DEMO_PHONE = '13800000001';
const CONCERNED = 'JA-DS-AQK';

interface Load {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: () => unknown;
  /** Fresh headers per request (the submit's Idempotency-Key). */
  perRequest?: () => Record<string, string>;
}

interface Endpoint {
  name: string;
  ours: Load;
  bare: Load;
  /** Fewer connections for an endpoint whose single request takes seconds. */
  connections?: number;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  total: number;
  /** What the failures were, e.g. `12×timeout 3×500`. */
  statuses: string;
}

async function main() {
  const started = Date.now();
  let mariadb: ThrowawayMariaDb | null = null;
  let database: ScratchDatabase;
  if (args.mysql) {
    mariadb = await startThrowawayMariaDb();
    database = await mysqlScratchDatabase(mariadb.url, 'xf_bench');
  } else {
    database = sqliteScratchDatabase();
  }
  const children: ChildProcess[] = [];
  try {
    // No background jobs: their first run at start-up (every replied case checked against its
    // window) would be measured as if it were the endpoints' cost.
    const env = {
      DATABASE_URL: database.url,
      H5_DIR: 'none',
      LOG_LEVEL: args['log-level'],
      RUN_JOBS: 'false',
      // The submit benchmark sends thousands from one petitioner, past a person's daily bound.
      SUBMISSIONS_PER_DAY: '1000000',
    };
    log(`database: ${database.dialect}; migrating and seeding the demo organisation…`);
    const first = await startServer({ ...env, SEED_DEMO: 'true', SEED_DEMO_CASES: 'false' });
    await first.stop();

    const driver = await openDriver(database.url);
    const world = await loadWorld(driver);
    const plan = planFor(SIZE);
    log(
      `seeding ${SIZE.toLocaleString('en')} petitions (${plan.perDemoPetitioner} for each of the ${world.petitioners.length} demo petitioners, the rest over ${plan.otherPetitioners.toLocaleString('en')} others)…`,
    );
    const seedMs = await seedPetitions(driver, world, plan);
    const [states] = await Promise.all([
      driver.query<{ state: string; n: number }>(
        'select state, count(*) as n from petition group by state order by n desc',
      ),
    ]);
    log(
      `seeded in ${(seedMs / 1000).toFixed(1)} s: ${states.map((s) => `${s.state} ${Number(s.n).toLocaleString('en')}`).join(', ')}`,
    );
    if (database.dialect === 'mysql')
      await driver.query('analyze table petition, petition_unit, petition_event');
    else await driver.query('analyze');

    const server = await startServer(env);
    children.push(server.child);
    const petitioner = await signInPetitioner(server, DEMO_PHONE);
    const mineStaff = await signInStaff(server.url, 'ds.head');
    const groupStaff = await signInStaff(server.url, 'supervisor');
    const concerned = (await unitsByCode(server.url)).get(CONCERNED);
    if (!concerned) throw new Error(`no unit ${CONCERNED}`);

    // Petitions with known query codes, for the lookup (their codes exist only in the answers).
    const codes: { number: string; queryCode: string }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const answer = await request<Submitted>(server.url, 'POST', '/api/petitions', {
        token: petitioner.accessToken,
        headers: { 'idempotency-key': `bench-fixture-${i}-${Date.now()}` },
        body: submitBody(concerned.id),
      });
      if (answer.status !== 201)
        throw new Error(`fixture submit: ${answer.status} ${JSON.stringify(answer.body)}`);
      codes.push({ number: answer.body.petition.number, queryCode: answer.body.queryCode });
    }
    const [detailTarget] = await driver.query<{ id: string }>(
      "select id from petition where petitioner_id = ? and state in ('replied', 'concluded') order by received_at desc limit 1",
      [petitioner.subjectId],
    );
    const [template] = await driver.query<{ lifecycle: string }>(
      'select lifecycle from petition where number = ?',
      [codes[0]?.number],
    );
    const mineUnit = await driver.query<{ path: string }>(
      'select u.path from staff_account s join org_unit u on u.id = s.unit_id where s.id in (?, ?) order by u.depth desc',
      [mineStaff.subjectId, groupStaff.subjectId],
    );
    await driver.close();
    if (!detailTarget || !template)
      throw new Error(
        `no answered petition of the demo petitioner (${detailTarget?.id}) or no fixture (${codes[0]?.number})`,
      );

    const bare = await startBaseline(database.url, template.lifecycle);
    children.push(bare.child);

    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const json = { 'content-type': 'application/json' };
    let keys = 0;
    const lookupBody = () => {
      const pick = codes[randomInt(codes.length)] as { number: string; queryCode: string };
      return { number: pick.number, queryCode: pick.queryCode };
    };
    const endpoints: Endpoint[] = [
      {
        name: 'petitioner list',
        ours: { method: 'GET', path: '/api/petitions', headers: auth(petitioner.accessToken) },
        bare: { method: 'GET', path: `/mine/${petitioner.subjectId}` },
      },
      {
        name: 'detail',
        ours: {
          method: 'GET',
          path: `/api/petitions/${detailTarget.id}`,
          headers: auth(petitioner.accessToken),
        },
        bare: { method: 'GET', path: `/petitions/${detailTarget.id}` },
      },
      {
        name: 'lookup',
        ours: { method: 'POST', path: '/api/lookup', headers: json, body: lookupBody },
        bare: { method: 'POST', path: '/lookup', headers: json, body: lookupBody },
      },
      {
        name: 'inbox (mine)',
        ours: { method: 'GET', path: '/api/petitions', headers: auth(mineStaff.accessToken) },
        bare: {
          method: 'GET',
          path: `/inbox?staff=${mineStaff.subjectId}&path=${encodeURIComponent(mineUnit[0]?.path ?? '')}`,
        },
      },
      {
        name: 'inbox (group)',
        ours: { method: 'GET', path: '/api/petitions', headers: auth(groupStaff.accessToken) },
        bare: {
          method: 'GET',
          path: `/inbox?staff=${groupStaff.subjectId}&path=${encodeURIComponent(mineUnit[1]?.path ?? '')}`,
        },
      },
      {
        name: 'inbox counts (mine)',
        connections: 2,
        ours: { method: 'GET', path: '/api/petitions/counts', headers: auth(mineStaff.accessToken) },
        bare: {
          method: 'GET',
          path: `/inbox/counts?staff=${mineStaff.subjectId}&path=${encodeURIComponent(mineUnit[0]?.path ?? '')}`,
        },
      },
      // Last: it writes, and the baseline's rows are not ones our server should read afterwards.
      {
        name: 'submit',
        ours: {
          method: 'POST',
          path: '/api/petitions',
          headers: { ...auth(petitioner.accessToken), ...json },
          body: () => submitBody(concerned.id),
          perRequest: () => ({ 'idempotency-key': `bench-${process.pid}-${++keys}` }),
        },
        bare: {
          method: 'POST',
          path: `/submit/${petitioner.subjectId}`,
          headers: json,
          body: () => submitBody(concerned.id),
          perRequest: () => ({ 'idempotency-key': `bench-${process.pid}-${++keys}` }),
        },
      },
    ];
    const only = args.only?.split(',').map((s) => s.trim());
    const chosen = endpoints.filter((e) => !only || only.some((o) => e.name.startsWith(o)));

    const results: { name: string; ours: Measured; bare: Measured }[] = [];
    for (const endpoint of chosen) {
      log(`${endpoint.name}: ours…`);
      const connections = endpoint.connections ?? CONNECTIONS;
      const ours = await measure(server.url, endpoint.ours, connections);
      log(`${endpoint.name}: bare Fastify + driver…`);
      const baseline = await measure(bare.url, endpoint.bare, connections);
      results.push({ name: endpoint.name, ours, bare: baseline });
    }
    await server.stop();
    await bare.stop();

    printTable(results, {
      dialect: database.dialect,
      seedSeconds: seedMs / 1000,
      totalSeconds: (Date.now() - started) / 1000,
    });
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database.drop().catch(() => {});
    await mariadb?.stop();
  }
}

function submitBody(concernedUnitId: string) {
  return {
    kind: 'request',
    concernedUnitId,
    categoryCode: 'safety',
    title: '关于井下通风的反映',
    // Random characters: a new matter each time, as most submissions are.
    content: Array.from({ length: 80 }, () => String.fromCodePoint(0x4e00 + randomInt(0x5000))).join(''),
  };
}

async function measure(baseUrl: string, load: Load, connections: number): Promise<Measured> {
  const options = (duration: number): autocannon.Options => ({
    url: baseUrl,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: load.method,
        path: load.path,
        headers: load.headers,
        ...(load.body || load.perRequest
          ? {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: { ...req.headers, ...load.perRequest?.() },
                ...(load.body ? { body: JSON.stringify(load.body()) } : {}),
              }),
            }
          : {}),
      },
    ],
  });
  await settle(baseUrl);
  if (WARMUP > 0) await autocannon(options(WARMUP));
  const result = await autocannon(options(DURATION));
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${count}×${code}`)
      .concat(result.timeouts ? [`${result.timeouts}×timeout`] : [])
      .join(' '),
  };
}

/**
 * Waits until the server answers at once again: requests that autocannon gave up on may still be
 * queued in it, and must not be counted against the next endpoint.
 */
async function settle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = Date.now();
    await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (Date.now() - started < 250) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Baseline {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startBaseline(databaseUrl: string, lifecycle: string): Promise<Baseline> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'baseline.ts'], {
    cwd: benchDir,
    env: {
      ...process.env,
      BASELINE_DATABASE_URL: databaseUrl,
      BASELINE_LIFECYCLE: lifecycle,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the baseline exited with ${code}`)));
    child.stdout?.on('data', (chunk) => {
      if (String(chunk).includes('baseline listening')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function printTable(
  results: { name: string; ours: Measured; bare: Measured }[],
  run: { dialect: string; seedSeconds: number; totalSeconds: number },
) {
  const header = [
    'endpoint',
    'ours req/s',
    'p50 ms',
    'p99 ms',
    'bare req/s',
    'p50 ms',
    'p99 ms',
    'bare/ours',
  ];
  const rows = results.map(({ name, ours, bare }) => [
    name + failures(ours, bare),
    rate(ours.rps),
    ours.p50.toFixed(1),
    ours.p99.toFixed(1),
    rate(bare.rps),
    bare.p50.toFixed(1),
    bare.p99.toFixed(1),
    `${(bare.rps / ours.rps).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const out = [
    '',
    `pnpm bench: ${SIZE.toLocaleString('en')} petitions on ${run.dialect}, ${CONNECTIONS} connections (2 for counts), ${DURATION} s per endpoint (after ${WARMUP} s warm-up), Node ${process.version}, ${cpus().length} cores`,
    '',
    line(header),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    '',
    `seeding ${run.seedSeconds.toFixed(1)} s, whole run ${run.totalSeconds.toFixed(0)} s, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )} at the end (other work on the machine skews both columns). "bare" is a Fastify app running the same SQL through the driver`,
    'without validation, auth, Kysely or view mapping; bare/ours is how many times more requests it serves.',
    '',
  ];
  process.stdout.write(out.join('\n'));
}

function rate(rps: number): string {
  return rps < 10 ? rps.toFixed(1) : rps.toFixed(0);
}

/** A mark on the endpoint's name when any request failed, and how, so that no number hides it. */
function failures(ours: Measured, bare: Measured): string {
  if (!ours.failed && !bare.failed) return '';
  return ` (failed: ours ${ours.failed}${ours.statuses ? ` ${ours.statuses}` : ''}, bare ${bare.failed}${bare.statuses ? ` ${bare.statuses}` : ''})`;
}

function log(message: string) {
  process.stdout.write(`• ${message}\n`);
}

await main();
