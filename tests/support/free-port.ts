import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1, for a server a test starts next.
 *
 * Taken below the kernel's ephemeral range. A port the kernel hands out there is free only until
 * it hands it out again, as the local end of any outgoing connection: a Galera node connecting to
 * its peers once took the port a joiner was about to listen on for its state transfer, and the
 * joiner waited for it until the harness gave up. Below the range, only a listener can take it.
 * Each vitest worker draws from its own slice, so parallel suites do not pick the same port, and
 * a process never hands out one port twice.
 */
export async function freePort(): Promise<number> {
  const [low, high] = portSlice();
  const start = next ?? low + Math.floor(Math.random() * (high - low));
  for (let i = 0; i < high - low; i += 1) {
    const port = low + ((start - low + i) % (high - low));
    // Never the same port twice: one handed out a moment ago may not be listened on yet (a Galera
    // joiner's state-transfer port once went to two nodes, and the second's rsync could not bind).
    if (given.has(port) || !(await canListen(port))) continue;
    given.add(port);
    next = port + 1;
    return port;
  }
  throw new Error(`no free port in ${low}–${high - 1}`);
}

const given = new Set<number>();
/** Where the next search starts: after the last port handed out (at first, anywhere in the slice). */
let next: number | null = null;

const LOWEST = 20_000;
const SLICE = 1_000;

/** [low, high) of this worker's ports. */
function portSlice(): [number, number] {
  const ceiling = ephemeralStart();
  const worker = Number(process.env.VITEST_POOL_ID ?? 0);
  const slices = Math.max(1, Math.floor((ceiling - LOWEST) / SLICE));
  if (!Number.isInteger(worker) || worker <= 0) return [LOWEST, ceiling];
  const low = LOWEST + ((worker - 1) % slices) * SLICE;
  return [low, Math.min(low + SLICE, ceiling)];
}

function ephemeralStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
    return low > LOWEST + SLICE ? low : 32_768;
  } catch {
    return 32_768; // Linux's default, and not Linux
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
