import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomInt } from 'node:crypto';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SQLITE_STATISTICS } from '@xinfang/server/db/statistics';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { request, signInPetitioner, signInStaff, unitsByCode } from '../support/api-client';
import { freePort } from '../support/free-port';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import {
  mysqlScratchDatabase,
  type ScratchDatabase,
  sqliteScratchDatabase,
} from '../support/scratch-database';
import { compileServer, startServer } from '../support/server-process';
import { openDriver } from './driver';
import { type Load, type Measured, measure, randomHanzi } from './load';
import { countLogPages, type EndpointPages, logPagesReport } from './log-pages';
import { type Goal, resultsReport } from './report';
import { loadWorld, planFor, seedPetitions } from './seed';
import { settle } from './settle';
import { type EndpointName, submitBody } from './statements/endpoints';

/**
 * `pnpm bench`: seeds N petitions, starts the real server, and loads each endpoint with autocannon
 * — then, in the same run, two bare Fastify + driver baselines (baseline.ts): one replaying the
 * statements recorded from our code for that endpoint ("same SQL"), one doing the least the
 * endpoint must do ("floor"). It prints req/s, p50 and p99 of all three and our share of each.
 * Absolute numbers drift on a shared 2-core machine with the load generator on the same cores;
 * the ratios of one run are what to compare.
 *
 *   pnpm bench [--size 100000] [--mysql] [--duration 10] [--warmup 10] [--connections 10]
 *              [--only submit,detail] [--profile DIR]
 */
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    mysql: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    // Seconds of load before each measurement. V8 optimises our server's functions for ~15 s
    // into a submission's load (docs/benchmarks.md, round 17): after 2 s it measured them half
    // compiled, with the compiler's own CPU counted as the endpoint's.
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    'seed-workers': { type: 'string', default: String(cpus().length) },
    /** A folder for a CPU profile of our server (node --cpu-prof), written when it stops. */
    profile: { type: 'string' },
  },
});
const SIZE = Number(args.size);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const benchDir = dirname(fileURLToPath(import.meta.url));

const HISTORY_PHONE = '13800000001';
/** Submissions sent one by one, after the loads, to count the log's pages of each. */
const LOG_PAGE_REQUESTS = 30;
const CONCERNED = 'JA-DS-AQK';
/** Signs the newcomers' access tokens (the server runs with it): they never signed in. */
const JWT_SECRET = 'bench-only-jwt-secret-0123456789abcdef';
/** Accounts without history, one per first submission: enough for ours and the baseline at 2,000/s. */
const NEWCOMERS = 2 * (WARMUP + DURATION) * 2000;

interface Endpoint {
  name: EndpointName;
  ours: Load;
  same: Load;
  floor: Load;
  goal: Goal;
}

async function main() {
  const started = Date.now();
  let mariadb: ThrowawayMariaDb | null = null;
  let database: ScratchDatabase;
  if (args.mysql) {
    mariadb = await startThrowawayMariaDb({ durable: true, bufferPoolSize: SIZE > 200_000 ? '4G' : '1G' });
    database = await mysqlScratchDatabase(mariadb.url, 'xf_bench');
  } else {
    database = sqliteScratchDatabase();
  }
  const children: ChildProcess[] = [];
  try {
    // No background jobs: their first run at start-up would be measured as the endpoints' cost.
    const env = {
      DATABASE_URL: database.url,
      H5_DIR: 'none',
      LOG_LEVEL: args['log-level'],
      RUN_JOBS: 'false',
      JWT_SECRET,
      // The submit benchmark sends thousands from one petitioner, past a person's daily bound.
      SUBMISSIONS_PER_DAY: '1000000',
    };
    // Ours is the product as it runs for real: the compiled bundle with its Node flags
    // (server/runtime.json), not the sources through tsx.
    compileServer();
    log(`database: ${database.dialect}; migrating and seeding the demo organisation…`);
    const first = await startServer(
      { ...env, SEED_DEMO: 'true', SEED_DEMO_CASES: 'false' },
      { compiled: true },
    );
    await first.stop();

    const driver = await openDriver(database.url);
    const world = await loadWorld(driver);
    const plan = planFor(SIZE, NEWCOMERS, Number(args['seed-workers']));
    log(
      `seeding ${SIZE.toLocaleString('en')} petitions (${plan.perDemoPetitioner} for each of the ${world.petitioners.length} demo petitioners, the rest over ${plan.otherPetitioners.toLocaleString('en')} others; ${plan.workers} workers) and ${NEWCOMERS.toLocaleString('en')} petitioners without any…`,
    );
    const seeded = await seedPetitions(driver, world, plan);
    const states = await driver.query<{ state: string; n: number }>(
      'select state, count(*) as n from petition group by state order by n desc',
    );
    log(
      `seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${states.map((s) => `${s.state} ${Number(s.n).toLocaleString('en')}`).join(', ')}`,
    );
    if (database.dialect === 'mysql')
      await driver.query(
        'analyze table petition, petition_unit, petition_event, petition_signature, inbox_tally',
      );
    // The statistics the server's daily job keeps (server/src/db/statistics.ts).
    else for (const statement of SQLITE_STATISTICS) await driver.query(statement);
    log(`the seed's writes flushed in ${((await settle(driver, database.dialect)) / 1000).toFixed(1)} s`);

    const server = await startServer(env, {
      compiled: true,
      nodeArgs: args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [],
    });
    children.push(server.child);
    const petitioner = await signInPetitioner(server, HISTORY_PHONE);
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
        body: submitBody(concerned.id, randomHanzi(80)),
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
    const [mineUnit] = await driver.query<{ id: string }>(
      'select unit_id as id from staff_account where id = ?',
      [mineStaff.subjectId],
    );
    const [history] = await driver.query<{ n: number }>(
      'select count(*) as n from petition where petitioner_id = ?',
      [petitioner.subjectId],
    );
    await driver.close();
    if (!detailTarget || !template || !mineUnit)
      throw new Error('no answered petition of the demo petitioner, no fixture, or no unit of ds.head');

    const bare = await startBaseline(database, template.lifecycle, { history: petitioner.subjectId });
    children.push(bare.child);

    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const json = { 'content-type': 'application/json' };
    const lookupBody = () => {
      const pick = codes[randomInt(codes.length)] as { number: string; queryCode: string };
      return { number: pick.number, queryCode: pick.queryCode };
    };
    let keys = 0;
    const key = () => ({ 'idempotency-key': `bench-${process.pid}-${++keys}` });
    const newcomers = [...seeded.newcomers];
    const newcomer = () => {
      const id = newcomers.pop();
      if (!id) throw new Error('no newcomer left: raise NEWCOMERS');
      return id;
    };
    const submission = () => submitBody(concerned.id, randomHanzi(80));
    const replay = (name: EndpointName, query = '') => `/replay/${encodeURIComponent(name)}${query}`;
    const endpoints: Endpoint[] = [
      {
        name: 'petitioner list',
        ours: { method: 'GET', path: '/api/petitions', headers: auth(petitioner.accessToken) },
        same: { method: 'GET', path: replay('petitioner list') },
        floor: { method: 'GET', path: `/floor/mine/${petitioner.subjectId}` },
        goal: { of: 'same', share: 0.6 },
      },
      {
        name: 'detail',
        ours: {
          method: 'GET',
          path: `/api/petitions/${detailTarget.id}`,
          headers: auth(petitioner.accessToken),
        },
        same: { method: 'GET', path: replay('detail', `?id=${detailTarget.id}`) },
        floor: { method: 'GET', path: `/floor/petitions/${detailTarget.id}` },
        goal: { of: 'same', share: 0.6 },
      },
      {
        name: 'lookup',
        ours: { method: 'POST', path: '/api/lookup', headers: json, body: lookupBody },
        same: { method: 'POST', path: replay('lookup'), headers: json, body: lookupBody },
        floor: { method: 'POST', path: '/floor/lookup', headers: json, body: lookupBody },
        goal: { of: 'same', share: 0.6 },
      },
      {
        name: 'inbox (mine)',
        ours: { method: 'GET', path: '/api/petitions', headers: auth(mineStaff.accessToken) },
        same: { method: 'GET', path: replay('inbox (mine)') },
        floor: { method: 'GET', path: '/floor/inbox' },
        goal: { of: 'same', share: 0.6 },
      },
      {
        name: 'inbox (group)',
        ours: { method: 'GET', path: '/api/petitions', headers: auth(groupStaff.accessToken) },
        same: { method: 'GET', path: replay('inbox (group)') },
        floor: { method: 'GET', path: '/floor/inbox' },
        goal: { of: 'same', share: 0.6 },
      },
      {
        name: 'inbox counts (mine)',
        ours: { method: 'GET', path: '/api/petitions/counts', headers: auth(mineStaff.accessToken) },
        same: { method: 'GET', path: replay('inbox counts (mine)') },
        floor: { method: 'GET', path: `/floor/counts/${mineUnit.id}` },
        goal: { p50Ms: 10 },
      },
      // Last: they write, and the baselines' rows are not ones our server should read.
      {
        name: 'submit (first)',
        ours: {
          method: 'POST',
          path: '/api/petitions',
          headers: json,
          body: submission,
          perRequest: () => ({ headers: { ...key(), ...auth(accessToken(newcomer())) } }),
        },
        same: {
          method: 'POST',
          path: replay('submit (first)'),
          headers: json,
          body: submission,
          perRequest: () => ({
            headers: key(),
            path: replay(
              'submit (first)',
              `?${encodeURIComponent('fixture:petitioner:first')}=${newcomer()}`,
            ),
          }),
        },
        floor: {
          method: 'POST',
          path: '/floor/submit/',
          headers: json,
          body: submission,
          perRequest: () => ({ headers: key(), path: `/floor/submit/${newcomer()}` }),
        },
        goal: { of: 'floor', share: 0.5 },
      },
      {
        name: 'submit (2,000 before)',
        ours: {
          method: 'POST',
          path: '/api/petitions',
          headers: { ...auth(petitioner.accessToken), ...json },
          body: submission,
          perRequest: () => ({ headers: key() }),
        },
        same: {
          method: 'POST',
          path: replay('submit (2,000 before)'),
          headers: json,
          body: submission,
          perRequest: () => ({ headers: key() }),
        },
        floor: {
          method: 'POST',
          path: `/floor/submit/${petitioner.subjectId}`,
          headers: json,
          body: submission,
          perRequest: () => ({ headers: key() }),
        },
        goal: { of: 'floor', share: 0.5 },
      },
    ];
    const only = args.only?.split(',').map((s) => s.trim());
    const chosen = endpoints.filter((e) => !only || only.some((o) => e.name.startsWith(o)));

    const results: { endpoint: Endpoint; ours: Measured; same: Measured; floor: Measured }[] = [];
    // The processes whose CPU a measurement counts: the server answering, and MariaDB's where it runs.
    const of = (child: ChildProcess) => ({ server: child.pid, database: mariadb?.pid });
    for (const endpoint of chosen) {
      const connections = endpoint.name.startsWith('inbox counts') ? 2 : CONNECTIONS;
      log(`${endpoint.name}: ours…`);
      const timing = { connections, warmup: WARMUP, duration: DURATION };
      const ours = await measure(server.url, endpoint.ours, timing, of(server.child));
      log(`${endpoint.name}: same SQL…`);
      const same = await measure(bare.url, endpoint.same, timing, of(bare.child));
      log(`${endpoint.name}: floor…`);
      const floor = await measure(bare.url, endpoint.floor, timing, of(bare.child));
      results.push({ endpoint, ours, same, floor });
    }
    await server.stop();
    const pages: EndpointPages[] = [];
    if (database.dialect === 'sqlite')
      for (const endpoint of chosen.filter((e) => e.name.startsWith('submit'))) {
        log(`${endpoint.name}: counting the log's pages…`);
        const options = { times: LOG_PAGE_REQUESTS, trees: SIZE <= 100_000 };
        pages.push({
          name: endpoint.name,
          same: await countLogPages(bare.url, endpoint.same, options),
          floor: await countLogPages(bare.url, endpoint.floor, options),
        });
      }
    await bare.stop();

    const report = resultsReport(results, {
      size: SIZE,
      connections: CONNECTIONS,
      duration: DURATION,
      warmup: WARMUP,
      dialect: database.dialect,
      history: Number(history?.n ?? 0),
      seedSeconds: seeded.ms / 1000,
      totalSeconds: (Date.now() - started) / 1000,
    });
    process.stdout.write(report);
    if (pages.length > 0) process.stdout.write(logPagesReport(pages, LOG_PAGE_REQUESTS));
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database.drop().catch(() => {});
    await mariadb?.stop();
  }
}

/**
 * An access token for a petitioner, as the server signs them (HS256, 15 minutes), in the session the
 * seed opened for them (its family id is their id, seed.ts).
 */
function accessToken(petitionerId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    sub: petitionerId,
    typ: 'petitioner',
    sid: petitionerId,
    iat,
    exp: iat + 900,
    iss: 'xinfang',
    aud: 'xinfang-api',
  })}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

interface Baseline {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startBaseline(
  database: ScratchDatabase,
  lifecycle: string,
  petitioners: Record<string, string>,
): Promise<Baseline> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'baseline.ts'], {
    cwd: benchDir,
    env: {
      ...process.env,
      BASELINE_DATABASE_URL: database.url,
      BASELINE_STATEMENTS: join(benchDir, 'statements', `${database.dialect}.json`),
      BASELINE_LIFECYCLE: lifecycle,
      BASELINE_PETITIONERS: JSON.stringify(petitioners),
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

function log(message: string) {
  process.stdout.write(`• ${message}\n`);
}

await main();
