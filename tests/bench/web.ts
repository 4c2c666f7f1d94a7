import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { signInPetitioner } from '../support/api-client';
import { launchBrowser } from '../support/browser';
import { h5Dir, repoRoot } from '../support/paths';
import { sqliteScratchDatabase } from '../support/scratch-database';
import { startServer } from '../support/server-process';

/**
 * `pnpm bench:web`: the phone app's first load on a weak link, in Chromium with the DevTools
 * protocol's throttling — 400 ms latency, 400 kbit/s both ways, a CPU 4× slower — from a cold
 * profile each time (nothing cached). It builds the h5 app, starts the real server on a fresh
 * demo database, and prints the median of several runs of:
 *
 * - **home**: `/` opened cold: first contentful paint, the home page drawn by the app, and the bytes
 *   that crossed the wire (bodies as sent, headers included) until the network went quiet;
 * - **submit**: the submission form opened cold by a signed-in petitioner (the session already on
 *   the device, as after signing in yesterday): the time until the description box can be typed in.
 *
 * It is a benchmark, not a test: it prints numbers and asserts nothing.
 *
 *   pnpm bench:web [--runs 5] [--skip-build] [--latency 400] [--kbps 400] [--cpu 4]
 */
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'skip-build': { type: 'boolean', default: false },
    latency: { type: 'string', default: '400' },
    kbps: { type: 'string', default: '400' },
    cpu: { type: 'string', default: '4' },
  },
});
const RUNS = Number(args.runs);
const PROFILE = { latency: Number(args.latency), kbps: Number(args.kbps), cpu: Number(args.cpu) };
const PHONE = '13800000001';

interface Run {
  fcp: number;
  ready: number;
  bytes: number;
  requests: number;
}

async function main() {
  if (!args['skip-build']) {
    console.log('building the h5 app…');
    execFileSync('pnpm', ['--filter', '@xinfang/miniapp', 'build:h5'], { cwd: repoRoot, stdio: 'pipe' });
  }
  const database = sqliteScratchDatabase();
  const server = await startServer({
    DATABASE_URL: database.url,
    H5_DIR: h5Dir,
    SEED_DEMO: 'true',
    RUN_JOBS: 'false',
    LOG_LEVEL: 'info',
  });
  try {
    const signedIn = await sessionFor(server);
    const home: Run[] = [];
    const submit: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      home.push(await measure(server.url, '/', 'home-page', null));
      submit.push(await measure(server.url, '/petition/submit/index', 'content-input', signedIn));
      console.log(`run ${i + 1}/${RUNS} done`);
    }
    print(home, submit);
  } finally {
    await server.stop();
    await database.drop();
  }
}

/** What the app keeps in localStorage after a sign-in (Taro wraps every value as `{ data }`). */
async function sessionFor(server: Awaited<ReturnType<typeof startServer>>): Promise<string> {
  const { answer } = await signInPetitioner(server, PHONE);
  return JSON.stringify({ data: JSON.stringify({ tokens: answer.tokens, me: answer.me }) });
}

/**
 * One cold load of `path` in a fresh profile under the weak-link profile: FCP, the time until the
 * element with `testId` is visible (both from the navigation's start), and the bytes received.
 */
async function measure(baseUrl: string, path: string, testId: string, session: string | null): Promise<Run> {
  const browser = await launchBrowser();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    if (session) {
      await page.addInitScript(`localStorage.setItem('xinfang.session', ${JSON.stringify(session)})`);
    }
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PROFILE.latency,
      downloadThroughput: (PROFILE.kbps * 1000) / 8,
      uploadThroughput: (PROFILE.kbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
    let bytes = 0;
    let requests = 0;
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', () => {
      requests += 1;
      lastActivity = Date.now();
    });
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
      lastActivity = Date.now();
    });
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'commit', timeout: 120_000 });
    const ready = await readyAt(page, testId);
    // Quiet for two seconds: the page's own requests (lists, chunks) are in.
    while (Date.now() - lastActivity < 2_000) await new Promise((r) => setTimeout(r, 200));
    const fcp = await page.evaluate<number>(
      `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`,
    );
    return { fcp, ready, bytes, requests };
  } finally {
    await browser.close();
  }
}

/** The page's document as far as `readyAt` reads it (this package has no DOM types). */
interface PageGlobals {
  document: {
    querySelectorAll(
      selector: string,
    ): Iterable<{ getClientRects(): { length: number }; disabled?: boolean }>;
  };
}

/** When (ms since navigation start, by the page's clock) the element first showed and took input. */
async function readyAt(page: Page, testId: string): Promise<number> {
  const handle = await page.waitForFunction(
    (id: string) => {
      const { document } = globalThis as unknown as PageGlobals;
      const shown = [...document.querySelectorAll(`[data-testid="${id}"]`)].find(
        (e) => e.getClientRects().length > 0,
      );
      if (!shown || shown.disabled) return false;
      return performance.now();
    },
    testId,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function print(home: Run[], submit: Run[]) {
  const s = (ms: number) => (ms < 0 ? '—' : `${(ms / 1000).toFixed(2)} s`);
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  const range = (values: number[], f: (v: number) => string) =>
    `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
  const pick = <K extends keyof Run>(runs: Run[], key: K) => runs.map((r) => r[key]);
  const rows = [
    ['cold first load', 'first content', 'ready (drawn / form takes input)', 'transferred', 'requests'],
    ...(
      [
        ['home `/`', home],
        ['submit form (signed in)', submit],
      ] as const
    ).map(([name, runs]) => [
      name,
      range(pick(runs, 'fcp'), s),
      range(pick(runs, 'ready'), s),
      range(pick(runs, 'bytes'), kb),
      String(median(pick(runs, 'requests'))),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(
    `\npnpm bench:web: ${PROFILE.latency} ms latency, ${PROFILE.kbps} kbit/s, CPU ${PROFILE.cpu}× slower, cold profile, ${RUNS} runs (median, min–max), Node ${process.version}\n`,
  );
  console.log(line(rows[0] ?? []));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end (other work on the machine slows the CPU side).`,
  );
}

await main();
