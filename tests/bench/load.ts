import { randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import { type ProcessCpu, processCpu } from './process-cpu';

/** Loading an endpoint for the benchmarks: what to send, and what came back. */
export interface Load {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: () => unknown;
  /** Fresh headers and path per request (the submit's Idempotency-Key, a newcomer). */
  perRequest?: () => { headers?: Record<string, string>; path?: string };
}

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** What the failures were, e.g. `12×timeout 3×500`. */
  statuses: string;
  /**
   * The server's CPU milliseconds per request answered, null without /proc: what the server did,
   * not how long it waited for a core that other work held.
   */
  cpuMs: number | null;
  /** The part of `cpuMs` that the server's other threads used (its compiler, its collector). */
  helperCpuMs: number | null;
  /** The database server's CPU milliseconds per request, where it is a process of its own. */
  databaseCpuMs: number | null;
}

/** The processes whose CPU time a measurement counts. */
export interface Processes {
  server?: number;
  /** MariaDB's; SQLite works inside the server. */
  database?: number;
}

export interface Timing {
  connections: number;
  /** Seconds of load before the measured run, not counted. */
  warmup: number;
  /** Seconds measured. */
  duration: number;
}

/**
 * Loads one endpoint with autocannon after a warm-up, once the server answers at once again, and
 * counts the CPU time of the server's process and of the database's (`processes`) during the
 * measured run.
 */
export async function measure(
  baseUrl: string,
  load: Load,
  timing: Timing,
  processes: Processes = {},
): Promise<Measured> {
  const options = (duration: number): autocannon.Options => ({
    url: baseUrl,
    connections: timing.connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: load.method,
        path: load.path,
        headers: load.headers,
        ...(load.body || load.perRequest
          ? {
              setupRequest: (req: autocannon.Request) => {
                const fresh = load.perRequest?.() ?? {};
                return {
                  ...req,
                  ...(fresh.path ? { path: fresh.path } : {}),
                  headers: { ...req.headers, ...fresh.headers },
                  ...(load.body ? { body: JSON.stringify(load.body()) } : {}),
                };
              },
            }
          : {}),
      },
    ],
  });
  await settle(baseUrl);
  if (timing.warmup > 0) await autocannon(options(timing.warmup));
  const before = { server: processCpu(processes.server), database: processCpu(processes.database) };
  const result = await autocannon(options(timing.duration));
  const after = { server: processCpu(processes.server), database: processCpu(processes.database) };
  const perRequest = (from: ProcessCpu | null, to: ProcessCpu | null, part: keyof ProcessCpu) =>
    from === null || to === null || result.requests.total === 0
      ? null
      : ((to[part] - from[part]) * 1000) / result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${count}×${code}`)
      .concat(result.timeouts ? [`${result.timeouts}×timeout`] : [])
      .join(' '),
    cpuMs: perRequest(before.server, after.server, 'total'),
    helperCpuMs: perRequest(before.server, after.server, 'helpers'),
    databaseCpuMs: perRequest(before.database, after.database, 'total'),
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

/** Random characters: a new matter each time, as most submissions are. */
export function randomHanzi(length: number): string {
  return Array.from({ length }, () => String.fromCodePoint(0x4e00 + randomInt(0x5000))).join('');
}
