import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import sharp from 'sharp';
import { request, type Session, signInPetitioner, signInStaff, unitsByCode } from '../support/api-client';
import { freePort } from '../support/free-port';
import { repoRoot } from '../support/paths';
import { sqliteScratchDatabase } from '../support/scratch-database';

/**
 * `pnpm soak`: the product started exactly as `npm start` starts it (the compiled server, its
 * Node flags, the h5 app), on a fresh SQLite database with the demo data, under a mixed load for
 * ten minutes — petitioners listing, reading, submitting with photos and looking up; staff working
 * their inboxes and counts; the app's page; health. Every minute it prints the requests, errors,
 * latency (p50, p99) and the server's memory (RSS from /proc: lowest, mean, highest that minute),
 * and the bytes of log written; at the end the steady RSS (the mean of the minutes after the
 * first) and the peak (VmHWM). It is not a test and asserts nothing.
 *
 *   pnpm soak [--minutes 10] [--connections 8]
 */
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
  },
});
const MINUTES = Number(args.minutes);
const CONNECTIONS = Number(args.connections);

interface Minute {
  latencies: number[];
  errors: Map<string, number>;
  rss: number[];
}

async function main(): Promise<void> {
  const database = sqliteScratchDatabase();
  const uploadDir = mkdtempSync(join(tmpdir(), 'xinfang-soak-files-'));
  const logFile = join(tmpdir(), `xinfang-soak-${process.pid}.log`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Thousands of petitions from three phones: far past a person's daily bound, not measured here.
  const env = { DATABASE_URL: database.url, UPLOAD_DIR: uploadDir, SUBMISSIONS_PER_DAY: '1000000' };
  const started = startProduct(port, env, logFile);
  try {
    await until(async () => (await request(url, 'GET', '/api/health').catch(() => null))?.status === 200);
    const serverPid = serverPidOf(started.child);
    const product = { url, output: started.recent };
    const petitioners: Session[] = [];
    for (const phone of ['13800000001', '13800000002', '13900000003'])
      petitioners.push(await signInPetitioner(product, phone));
    const staff = [await signInStaff(url, 'ds.head'), await signInStaff(url, 'supervisor')];
    const units = [...(await unitsByCode(url)).values()].filter((u) => u.kind !== 'group');
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#7a9' } })
      .jpeg({ quality: 85 })
      .toBuffer();
    const work = workload(url, petitioners, staff, units, photo);
    console.log(
      `pnpm soak: ${MINUTES} min of mixed load on SQLite, ${CONNECTIONS} connections, the server as npm start runs it (pid ${serverPid}), Node ${process.version}, ${cpus().length} cores\n`,
    );
    console.log(
      '| min | requests | errors | req/s | p50 ms | p99 ms | RSS min MB | RSS mean MB | RSS max MB | log MB |',
    );
    console.log(
      '|----:|---------:|-------:|------:|-------:|-------:|-----------:|------------:|-----------:|-------:|',
    );

    const minutes: Minute[] = [];
    const endAt = Date.now() + MINUTES * 60_000;
    const current = () => minutes.at(-1) as Minute;
    const sampler = setInterval(() => current().rss.push(memory(serverPid).rssMb), 1000);
    const printer = (async () => {
      for (let m = 0; m < MINUTES; m += 1) {
        minutes.push({ latencies: [], errors: new Map(), rss: [] });
        await sleep(60_000);
        printMinute(m + 1, current(), started.bytes());
      }
    })();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < endAt) {
          const minute = current();
          const began = performance.now();
          const outcome = await work().catch((error: Error) => `failed: ${error.message.slice(0, 60)}`);
          minute.latencies.push(performance.now() - began);
          if (outcome !== 'ok') minute.errors.set(outcome, (minute.errors.get(outcome) ?? 0) + 1);
        }
      }),
    );
    await printer;
    clearInterval(sampler);

    const { peakMb } = memory(serverPid);
    const steady = minutes.slice(1).map((m) => mean(m.rss));
    const total = minutes.reduce((n, m) => n + m.latencies.length, 0);
    const errors = new Map<string, number>();
    for (const m of minutes) for (const [k, v] of m.errors) errors.set(k, (errors.get(k) ?? 0) + v);
    console.log(
      `\n${total.toLocaleString('en')} requests, ${[...errors.values()].reduce((a, b) => a + b, 0)} errors${
        errors.size ? ` (${[...errors].map(([k, v]) => `${v}× ${k}`).join(', ')})` : ''
      }; RSS steady ${mean(steady).toFixed(0)} MB (minutes 2–${MINUTES}), peak ${peakMb.toFixed(0)} MB; ` +
        `${(started.bytes() / 1024 / 1024).toFixed(1)} MB of log (${logFile}); load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} at the end`,
    );
  } finally {
    await started.stop();
    await database.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  }
}

/**
 * One request of the mix, chosen by weight; resolves 'ok' or the status it met. Petitioners submit
 * with a photo uploaded just before (so uploads are used, as in the app), read their own petitions
 * and look them up by number and code; staff read their inbox, its counts and a petition.
 */
function workload(
  url: string,
  petitioners: Session[],
  staff: Session[],
  units: { id: string }[],
  photo: Buffer,
): () => Promise<string> {
  const mine = new Map<string, { id: string; number: string; queryCode: string }[]>();
  let keys = 0;
  const pick = <T>(list: T[]): T => list[randomInt(list.length)] as T;
  const check = (status: number, expected = 200) => (status === expected ? 'ok' : String(status));
  const auth = (s: Session) => s.accessToken;

  const actions: [number, () => Promise<string>][] = [
    [
      15,
      async () =>
        check((await request(url, 'GET', '/api/petitions', { token: auth(pick(petitioners)) })).status),
    ],
    [
      15,
      async () => {
        const who = pick(petitioners);
        const own = mine.get(who.subjectId);
        if (!own?.length) return 'ok';
        return check(
          (await request(url, 'GET', `/api/petitions/${pick(own).id}`, { token: auth(who) })).status,
        );
      },
    ],
    [
      8,
      async () => {
        const own = [...mine.values()].flat();
        if (own.length === 0) return 'ok';
        const { number, queryCode } = pick(own);
        return check((await request(url, 'POST', '/api/lookup', { body: { number, queryCode } })).status);
      },
    ],
    [
      8,
      async () => {
        const who = pick(petitioners);
        const form = new FormData();
        form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
        const uploaded = await fetch(`${url}/api/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${who.accessToken}` },
          body: form,
        });
        if (uploaded.status !== 201) return String(uploaded.status);
        const { id } = (await uploaded.json()) as { id: string };
        const thumbnail = await fetch(`${url}/api/attachments/${id}/thumbnail`, {
          headers: { authorization: `Bearer ${who.accessToken}` },
        });
        await thumbnail.arrayBuffer();
        if (thumbnail.status !== 200) return String(thumbnail.status);
        keys += 1;
        const submitted = await request<Submitted>(url, 'POST', '/api/petitions', {
          token: auth(who),
          headers: { 'idempotency-key': `soak-${process.pid}-${keys}` },
          body: {
            kind: 'request',
            concernedUnitId: pick(units).id,
            categoryCode: 'wages',
            title: `关于工资发放的反映（${keys}）`,
            content: `工资发放问题：本月工资未按时发放，请尽快处理。编号 ${keys}-${randomInt(1e9)}`,
            attachmentIds: [id],
          },
        });
        if (submitted.status !== 201) return String(submitted.status);
        const list = mine.get(who.subjectId) ?? [];
        list.push({ ...submitted.body.petition, queryCode: submitted.body.queryCode });
        mine.set(who.subjectId, list);
        return 'ok';
      },
    ],
    [
      15,
      async () => check((await request(url, 'GET', '/api/petitions', { token: auth(pick(staff)) })).status),
    ],
    [
      3,
      async () =>
        check((await request(url, 'GET', '/api/petitions/counts', { token: auth(pick(staff)) })).status),
    ],
    [
      10,
      async () => {
        const own = [...mine.values()].flat();
        if (own.length === 0) return 'ok';
        return check(
          (await request(url, 'GET', `/api/petitions/${pick(own).id}`, { token: auth(staff[1] as Session) }))
            .status,
        );
      },
    ],
    [8, async () => check((await fetch(`${url}/`, { headers: { accept: 'text/html' } }).then(drain)).status)],
    [5, async () => check((await request(url, 'GET', '/api/health')).status)],
    [5, async () => check((await request(url, 'GET', '/api/org/units')).status)],
  ];
  const totalWeight = actions.reduce((n, [w]) => n + w, 0);
  return () => {
    let roll = randomInt(totalWeight);
    for (const [weight, action] of actions) {
      if (roll < weight) return action();
      roll -= weight;
    }
    return Promise.resolve('ok');
  };
}

async function drain(response: Response): Promise<Response> {
  await response.arrayBuffer();
  return response;
}

/** Runs `npm start`'s script (install, builds when changed, the server) and keeps its log in a file. */
function startProduct(port: number, env: Record<string, string>, logFile: string) {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  let bytes = 0;
  let recent = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      log.write(chunk);
      recent = (recent + chunk.toString()).slice(-65_536);
    });
  }
  return {
    child,
    bytes: () => bytes,
    recent: () => recent,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      log.end();
    },
  };
}

/** The server process `scripts/start.mjs` started (its child running dist/server.mjs). */
function serverPidOf(starter: ChildProcess): number {
  const children = readFileSync(`/proc/${starter.pid}/task/${starter.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/);
  const pid = children
    .map(Number)
    .find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('server.mjs'));
  if (!pid) throw new Error(`no server process under ${starter.pid}`);
  return pid;
}

function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

function printMinute(index: number, minute: Minute, logBytes: number): void {
  const sorted = [...minute.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const errors = [...minute.errors.values()].reduce((a, b) => a + b, 0);
  const cells = [
    index,
    sorted.length,
    errors,
    (sorted.length / 60).toFixed(0),
    at(0.5).toFixed(1),
    at(0.99).toFixed(1),
    Math.min(...minute.rss).toFixed(0),
    mean(minute.rss).toFixed(0),
    Math.max(...minute.rss).toFixed(0),
    (logBytes / 1024 / 1024).toFixed(1),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

async function until(condition: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the product did not start in time');
    await sleep(250);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

await main();
