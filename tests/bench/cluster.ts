import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signInPetitioner, signInStaff, unitsByCode } from '../support/api-client';
import { startGaleraCluster } from '../support/galera';
import { startNginx } from '../support/nginx';
import { mysqlScratchDatabase } from '../support/scratch-database';
import { type ServerProcess, startServer } from '../support/server-process';
import { openDriver } from './driver';
import { type Load, type Measured, measure, randomHanzi } from './load';
import { loadWorld, planFor, seedPetitions } from './seed';
import { submitBody } from './statements/endpoints';

/**
 * `pnpm bench:cluster` (issue 18): submit and read throughput with 1, 2 and 3 API instances behind
 * nginx (the shipped configuration), in front of a three-node MariaDB Galera cluster, each instance
 * on its own node. Seeds N petitions, then for each number of instances loads, through nginx, a
 * submission (a fresh Idempotency-Key per request), a petition's detail, and a unit head's inbox.
 * Everything — three database nodes, the instances, nginx and autocannon — shares this machine's
 * cores: the table shows what limits scaling here, not what three machines would do.
 *
 *   pnpm bench:cluster [--size 10000] [--duration 10] [--warmup 2] [--connections 12]
 */
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '12' },
  },
});
const SIZE = Number(args.size);
const TIMING = {
  connections: Number(args.connections),
  warmup: Number(args.warmup),
  duration: Number(args.duration),
};
const HISTORY_PHONE = '13800000001';

interface Row {
  instances: number;
  results: Map<string, Measured>;
}

async function main() {
  const started = Date.now();
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    log('starting a three-node Galera cluster…');
    const cluster = await startGaleraCluster(3);
    cleanup.push(() => cluster.stop());
    const database = await mysqlScratchDatabase(cluster.nodes[0]?.url as string, 'xf_bench_cluster');
    const onNode = (i: number) => {
      const url = new URL(database.url);
      url.port = String(cluster.nodes[i]?.port);
      return url.toString();
    };
    const env = (i: number) => ({
      DATABASE_URL: onNode(i),
      H5_DIR: 'none',
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false',
      TRUST_PROXY: '127.0.0.1',
      SUBMISSIONS_PER_DAY: '1000000',
    });
    log('migrating and seeding the demo organisation…');
    const first = await startServer({ ...env(0), SEED_DEMO: 'true', SEED_DEMO_CASES: 'false' });
    await first.stop();
    const driver = await openDriver(database.url);
    log(`seeding ${SIZE.toLocaleString('en')} petitions…`);
    await seedPetitions(driver, await loadWorld(driver), planFor(SIZE, 0));
    await driver.close();

    const instances: ServerProcess[] = [];
    for (const i of [0, 1, 2]) instances.push(await startServer(env(i), { healthyWithinMs: 180_000 }));
    cleanup.push(() => Promise.all(instances.map((s) => s.stop())));
    const head = instances[0] as ServerProcess;
    const petitioner = await signInPetitioner(head, HISTORY_PHONE);
    const unitHead = await signInStaff(head.url, 'ds.head');
    const concerned = (await unitsByCode(head.url)).get('JA-DS-AQK');
    if (!concerned) throw new Error('no unit JA-DS-AQK');
    const mine = await fetch(`${head.url}/api/petitions?limit=1`, {
      headers: { authorization: `Bearer ${petitioner.accessToken}` },
    }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    const detailId = mine.items[0]?.id;
    if (!detailId) throw new Error('the demo petitioner has no petition');

    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    let keys = 0;
    const loads: [string, Load][] = [
      [
        'submit',
        {
          method: 'POST',
          path: '/api/petitions',
          headers: { ...auth(petitioner.accessToken), 'content-type': 'application/json' },
          body: () => submitBody(concerned.id, randomHanzi(80)),
          perRequest: () => ({ headers: { 'idempotency-key': `cluster-${process.pid}-${++keys}` } }),
        },
      ],
      [
        'detail',
        { method: 'GET', path: `/api/petitions/${detailId}`, headers: auth(petitioner.accessToken) },
      ],
      ['inbox (mine)', { method: 'GET', path: '/api/petitions', headers: auth(unitHead.accessToken) }],
    ];

    const h5 = mkdtempSync(join(tmpdir(), 'xinfang-h5-'));
    cleanup.push(async () => rmSync(h5, { recursive: true, force: true }));
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>信访通</title>');
    const rows: Row[] = [];
    for (const n of [1, 2, 3]) {
      const nginx = await startNginx(
        instances.slice(0, n).map((s) => Number(new URL(s.url).port)),
        h5,
      );
      try {
        const results = new Map<string, Measured>();
        for (const [name, load] of loads) {
          log(`${n} instance${n > 1 ? 's' : ''}: ${name}…`);
          results.set(name, await measure(nginx.url, load, TIMING));
        }
        rows.push({ instances: n, results });
      } finally {
        await nginx.stop();
      }
    }
    printTable(
      rows,
      loads.map(([name]) => name),
      (Date.now() - started) / 1000,
    );
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
}

function printTable(rows: Row[], names: string[], seconds: number) {
  const header = ['instances', ...names.flatMap((n) => [`${n} req/s`, 'p50', 'p99'])];
  const cells = rows.map((r) => [
    String(r.instances),
    ...names.flatMap((n) => {
      const m = r.results.get(n) as Measured;
      const failed = m.failed ? ` (${m.failed} failed: ${m.statuses})` : '';
      return [`${m.rps.toFixed(0)}${failed}`, m.p50.toFixed(1), m.p99.toFixed(1)];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padStart(widths[i] as number)).join(' | ')} |`;
  process.stdout.write(
    [
      '',
      `pnpm bench:cluster: ${SIZE.toLocaleString('en')} petitions on a three-node Galera cluster, through nginx, ${TIMING.connections} connections, ${TIMING.duration} s per endpoint after ${TIMING.warmup} s warm-up, Node ${process.version}, ${cpus().length} cores`,
      '',
      line(header),
      `|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`,
      ...cells.map(line),
      '',
      `Latencies in ms. Whole run ${seconds.toFixed(0)} s, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end.`,
      '',
    ].join('\n'),
  );
}

function log(message: string) {
  process.stdout.write(`• ${message}\n`);
}

await main();
