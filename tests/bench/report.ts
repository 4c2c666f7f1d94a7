import { cpus, loadavg } from 'node:os';
import type { Measured } from './load';

/** An endpoint's goal: a share of a baseline's req/s, or a median latency. */
export type Goal = { of: 'same' | 'floor'; share: number } | { p50Ms: number };

export interface EndpointResult {
  endpoint: { name: string; goal: Goal };
  ours: Measured;
  same: Measured;
  floor: Measured;
}

/** How the run was made, for the report's first and last lines. */
export interface RunFacts {
  size: number;
  connections: number;
  duration: number;
  warmup: number;
  dialect: string;
  history: number;
  seedSeconds: number;
  totalSeconds: number;
}

/** What `pnpm bench` prints after its loads: the three columns, their ratios and goals, then CPU. */
export function resultsReport(results: readonly EndpointResult[], run: RunFacts): string {
  const header = [
    'endpoint',
    'ours req/s',
    'p50',
    'p99',
    'same-SQL req/s',
    'p50',
    'p99',
    'floor req/s',
    'p50',
    'p99',
    'ours÷same',
    'ours÷floor',
    'goal',
  ];
  const rows = results.map(({ endpoint, ours, same, floor }) => {
    const goal = endpoint.goal;
    const met =
      'p50Ms' in goal
        ? ours.p50 <= goal.p50Ms
        : ours.rps / (goal.of === 'same' ? same.rps : floor.rps) >= goal.share;
    const goalText = 'p50Ms' in goal ? `p50 ≤ ${goal.p50Ms} ms` : `${goal.share}× ${goal.of}`;
    return [
      endpoint.name + failures(ours, same, floor),
      rate(ours.rps),
      ms(ours.p50),
      ms(ours.p99),
      rate(same.rps),
      ms(same.p50),
      ms(same.p99),
      rate(floor.rps),
      ms(floor.p50),
      ms(floor.p99),
      (ours.rps / same.rps).toFixed(2),
      (ours.rps / floor.rps).toFixed(2),
      `${goalText} ${met ? 'met' : 'NOT met'}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const out = [
    '',
    `pnpm bench: ${run.size.toLocaleString('en')} petitions on ${run.dialect} (张伟 has ${run.history.toLocaleString('en')}), ${run.connections} connections (2 for counts), ${run.duration} s per endpoint after ${run.warmup} s warm-up, Node ${process.version}, ${cpus().length} cores`,
    '',
    line(header),
    `|${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    '',
    `seeding ${run.seedSeconds.toFixed(1)} s, whole run ${run.totalSeconds.toFixed(0)} s, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end (other work on the machine skews every column).`,
    'Latencies in ms. "same SQL" replays the statements recorded from our code (bench/statements); "floor" does the least',
    'the endpoint must do; both are bare Fastify + driver, without validation, auth, Kysely or view mapping.',
    '',
    ...cpuTable(results, run.dialect),
  ];
  return out.join('\n');
}

/**
 * The server's CPU per request answered, each column from its own process (/proc): work done, not
 * time spent waiting for a core, so other work on the machine moves it less than req/s (it still
 * moves with the size of commit groups and with caches). In brackets, the part its threads other
 * than the main one used: V8's compiler and collector, libuv's pool, SQLite's checkpointer. On
 * MariaDB, a second table counts the database server's own CPU per request, which shares the
 * machine's cores. Nothing where /proc is missing.
 */
function cpuTable(results: readonly EndpointResult[], dialect: string): string[] {
  const measured = results.flatMap(({ ours, same, floor }) => [ours, same, floor]);
  if (measured.some((m) => m.cpuMs === null)) return [];
  const lines = cpuRows(
    'Server CPU per request, ms (in brackets: its other threads, the compiler and the collector):',
    results,
    (m) => `${ms3(m.cpuMs)} (${ms3(m.helperCpuMs)})`,
    (m) => m.cpuMs as number,
  );
  if (dialect !== 'mysql' || measured.some((m) => m.databaseCpuMs === null)) return lines;
  return [
    ...lines,
    ...cpuRows(
      "MariaDB's CPU per request, ms; the ratios count server and MariaDB together:",
      results,
      (m) => ms3(m.databaseCpuMs),
      (m) => (m.cpuMs as number) + (m.databaseCpuMs as number),
    ),
  ];
}

function cpuRows(
  title: string,
  results: readonly EndpointResult[],
  cell: (m: Measured) => string,
  total: (m: Measured) => number,
): string[] {
  return [
    title,
    '',
    '| endpoint | ours | same SQL | floor | same÷ours | floor÷ours |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map(({ endpoint, ours, same, floor }) => {
      const cells = [
        endpoint.name,
        cell(ours),
        cell(same),
        cell(floor),
        (total(same) / total(ours)).toFixed(2),
        (total(floor) / total(ours)).toFixed(2),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
  ];
}

function ms3(value: number | null): string {
  return (value as number).toFixed(3);
}

function rate(rps: number): string {
  return rps < 10 ? rps.toFixed(1) : rps.toFixed(0);
}

function ms(value: number): string {
  return value.toFixed(1);
}

/** A mark on the endpoint's name when any request failed, and how, so that no number hides it. */
function failures(...measured: Measured[]): string {
  if (measured.every((m) => !m.failed)) return '';
  const [ours, same, floor] = measured.map((m) => `${m.failed}${m.statuses ? ` ${m.statuses}` : ''}`);
  return ` (failed: ours ${ours}, same ${same}, floor ${floor})`;
}
