import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { spansOf } from '@xinfang/server/modules/figures/figure-spans';
import { type FigurePeriod, previousPeriod, sameTimeLastYear } from '@xinfang/shared/figures';
import { type Session, signInStaff } from '../support/api-client';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import {
  mysqlScratchDatabase,
  type ScratchDatabase,
  sqliteScratchDatabase,
} from '../support/scratch-database';
import { startServer } from '../support/server-process';
import { type BenchDriver, openDriver } from './driver';
import { loadWorld, planFor, seedPetitions } from './seed';

/**
 * `pnpm bench:figures` (issue 14): the figures of any unit for any period, at each size. Seeds N
 * petitions (the bench seed, which writes the figures' facts and rollups as the write path does),
 * starts the real server, and asks `GET /api/figures` one request at a time, as a leader opening
 * the page would, for a fixed mix of callers, units and periods (the same mix at every size).
 * Beside it the floor: the grouped sums over the rollups (whole months from the monthly ones, the
 * days around them from the daily ones) for the period, 同比 and 环比 that the least answer needs,
 * run straight on the driver. Goal: p95 ≤ 100 ms at 1,000,000 petitions, and
 * p95 at the largest size ÷ p95 at the smallest ≤ 1.5.
 *
 *   pnpm bench:figures [--sizes 10000,1000000] [--mysql] [--requests 400]
 *   pnpm bench:figures --seeded sqlite:/path/xinfang.db   (a database an earlier run seeded: measured as it is)
 */
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,1000000' },
    mysql: { type: 'boolean', default: false },
    requests: { type: 'string', default: '400' },
    seeded: { type: 'string' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const REQUESTS = Number(args.requests);
const JWT_SECRET = 'bench-only-jwt-secret-0123456789abcdef';

interface Ask {
  caller: 'supervisor' | 'ds.head';
  unitCode: string | null;
  from: string;
  to: string;
}

interface Measured {
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

interface Row {
  size: number;
  ours: Measured;
  floor: Measured;
  rollupRows: number;
  seedSeconds: number;
}

async function main() {
  const rows: Row[] = [];
  let mariadb: ThrowawayMariaDb | null = null;
  try {
    if (args.seeded) {
      const dialect = args.seeded.startsWith('mysql://') ? 'mysql' : 'sqlite';
      rows.push(await measureSize(null, { dialect, url: args.seeded } as ScratchDatabase));
    }
    for (const size of args.seeded ? [] : SIZES) {
      let database: ScratchDatabase;
      if (args.mysql) {
        mariadb ??= await startThrowawayMariaDb({
          durable: true,
          bufferPoolSize: Math.max(...SIZES) > 200_000 ? '4G' : '1G',
        });
        database = await mysqlScratchDatabase(mariadb.url, `xf_figures_${size}`);
      } else {
        database = sqliteScratchDatabase();
      }
      rows.push(await measureSize(size, database));
    }
  } finally {
    await mariadb?.stop();
  }
  printTable(rows);
}

/** Seeds `size` petitions into the empty database and measures; with no size, measures it as it is. */
async function measureSize(size: number | null, database: ScratchDatabase): Promise<Row> {
  const env = {
    DATABASE_URL: database.url,
    H5_DIR: 'none',
    LOG_LEVEL: 'warn',
    RUN_JOBS: 'false',
    JWT_SECRET,
  };
  // Migrations first (on a seeded database, the ones added since: they may take a while).
  log(`${size?.toLocaleString('en') ?? 'a seeded database'} on ${database.dialect}: migrating…`);
  const first = await startServer(
    { ...env, SEED_DEMO: size === null ? 'false' : 'true', SEED_DEMO_CASES: 'false' },
    { healthyWithinMs: 1_800_000 },
  );
  await first.stop();
  const driver = await openDriver(database.url);
  try {
    let seedSeconds = 0;
    if (size !== null) {
      log(`seeding ${size.toLocaleString('en')} petitions…`);
      const seeded = await seedPetitions(driver, await loadWorld(driver), planFor(size, 0));
      seedSeconds = seeded.ms / 1000;
    }
    const world = await loadWorld(driver);
    await driver.query(database.dialect === 'mysql' ? 'analyze table figure_rollup, org_unit' : 'analyze');
    const [petitions] = await driver.query<{ n: number }>('select count(*) as n from petition');
    const [count] = await driver.query<{ n: number }>('select count(*) as n from figure_rollup');
    log(
      `${Number(petitions?.n).toLocaleString('en')} petitions; ${Number(count?.n).toLocaleString('en')} rollup rows`,
    );

    const server = await startServer(env);
    try {
      const sessions = {
        supervisor: await signInStaff(server.url, 'supervisor'),
        'ds.head': await signInStaff(server.url, 'ds.head'),
      };
      const units = new Map(world.units);
      const asks = mix(REQUESTS, new Date());
      const url = (ask: Ask) => {
        const query = new URLSearchParams({ from: ask.from, to: ask.to });
        const unit = ask.unitCode ? units.get(ask.unitCode) : null;
        if (unit) query.set('unitId', unit.id);
        return `${server.url}/api/figures?${query}`;
      };
      // Warm-up: the statement caches and the pages the mix touches.
      for (const ask of asks.slice(0, 20)) await askOurs(url(ask), sessions[ask.caller]);
      log('figures: ours…');
      const ours = await time(asks, (ask) => askOurs(url(ask), sessions[ask.caller]));
      log('figures: floor…');
      const floor = await time(asks, (ask) => askFloor(driver, world, ask));
      return { size: Number(petitions?.n), ours, floor, rollupRows: Number(count?.n), seedSeconds };
    } finally {
      await server.stop();
    }
  } finally {
    await driver.close();
  }
}

/** The callers, units and periods asked, the same at every size: months, quarters, years, spans. */
function mix(n: number, today: Date): Ask[] {
  let state = 20_261_204;
  const next = (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
  const year = today.getUTCFullYear();
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  const groupUnits = [null, 'JA-DS', 'JA-XH', 'JA-DS-AQK', 'JA-XH-AQK'];
  const mineUnits = [null, 'JA-DS-AQK', 'JA-DS-ZC-1'];
  return Array.from({ length: n }, () => {
    const caller = next(3) === 0 ? 'ds.head' : 'supervisor';
    const unitCode =
      (caller === 'ds.head' ? mineUnits : groupUnits)[next(caller === 'ds.head' ? 3 : 5)] ?? null;
    const back = next(24);
    const y = year - (back >= today.getUTCMonth() + 1 ? 1 : 0) - (back >= today.getUTCMonth() + 13 ? 1 : 0);
    const m = (today.getUTCMonth() - back + 24) % 12;
    switch (next(4)) {
      case 0:
        return { caller, unitCode, from: day(y, m, 1), to: day(y, m + 1, 0) };
      case 1: {
        const q = m - (m % 3);
        return { caller, unitCode, from: day(y, q, 1), to: day(y, q + 3, 0) };
      }
      case 2:
        return { caller, unitCode, from: day(y, 0, 1), to: day(y, 12, 0) };
      default: {
        const start = 1 + next(28);
        return { caller, unitCode, from: day(y, m, start), to: day(y, m, start + 1 + next(80)) };
      }
    }
  });
}

async function askOurs(url: string, session: Session): Promise<boolean> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${session.accessToken}` } });
  await response.arrayBuffer();
  return response.status === 200;
}

/** The least the figures need: the period's, 同比's and 环比's sums per metric over the subtree. */
async function askFloor(
  driver: BenchDriver,
  world: Awaited<ReturnType<typeof loadWorld>>,
  ask: Ask,
): Promise<boolean> {
  const code = ask.unitCode ?? (ask.caller === 'ds.head' ? 'JA-DS' : 'JA');
  const unit = world.units.get(code);
  if (!unit) return false;
  const ids = [...world.units.values()].filter((u) => u.path.includes(unit.id)).map((u) => u.id);
  const units = `unit_id in (${ids.map(() => '?').join(', ')})`;
  const period = { from: ask.from, to: ask.to };
  for (const one of [period, sameTimeLastYear(period), previousPeriod(period)]) {
    const spans = spansOf(one);
    const reads: [string, FigurePeriod][] = spans.days.map((d) => ['figure_rollup where day', d]);
    if (spans.months) reads.push(['figure_rollup_month where month', spans.months]);
    for (const [from, { from: first, to: last }] of reads)
      await driver.query(
        `select metric, sum(value) as n from ${from} between ? and ? and ${units} group by metric`,
        [first, last, ...ids],
      );
  }
  return true;
}

async function time(asks: Ask[], one: (ask: Ask) => Promise<boolean>): Promise<Measured> {
  const took: number[] = [];
  let failed = 0;
  for (const ask of asks) {
    const started = performance.now();
    if (!(await one(ask))) failed += 1;
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  const at = (q: number) => took[Math.min(took.length - 1, Math.floor(q * took.length))] as number;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), failed };
}

function printTable(rows: Row[]) {
  const smallest = rows[0];
  const cells = rows.map((r) => [
    r.size.toLocaleString('en'),
    r.rollupRows.toLocaleString('en'),
    r.ours.p50.toFixed(1),
    r.ours.p95.toFixed(1),
    r.ours.p99.toFixed(1),
    r.floor.p50.toFixed(1),
    r.floor.p95.toFixed(1),
    smallest ? (r.ours.p95 / smallest.ours.p95).toFixed(2) : '',
    `${r.ours.p95 <= 100 ? 'met' : 'NOT met'}${r.ours.failed ? ` (${r.ours.failed} failed)` : ''}`,
  ]);
  const header = [
    'petitions',
    'rollup rows',
    'ours p50',
    'p95',
    'p99',
    'floor p50',
    'p95',
    'p95 ÷ smallest',
    'p95 ≤ 100 ms',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padStart(widths[i] as number)).join(' | ')} |`;
  process.stdout.write(
    [
      '',
      `pnpm bench:figures on ${args.mysql ? 'mysql' : 'sqlite'}: ${REQUESTS} requests of GET /api/figures per size, one at a time, Node ${process.version}, ${cpus().length} cores`,
      '',
      line(header),
      `|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`,
      ...cells.map(line),
      '',
      `Latencies in ms. Load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end. The floor runs the grouped sums per metric straight on the driver.`,
      `Seeding took ${rows.map((r) => `${r.seedSeconds.toFixed(0)} s`).join(', ')}.`,
      '',
    ].join('\n'),
  );
}

function log(message: string) {
  process.stdout.write(`• ${message}\n`);
}

await main();
