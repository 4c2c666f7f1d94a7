import { readFileSync } from 'node:fs';
import { isMainThread, Worker } from 'node:worker_threads';
import { testDialect } from '@xinfang/server/testing';
import { describe, expect, it } from 'vitest';
import { processCpu } from '../bench/process-cpu';

const cpuSeconds = (pid: number | undefined) => processCpu(pid)?.total ?? null;

/** The CPU seconds this process has used, as Node counts them. */
function fromNode(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Spins the calling thread until Node says the process has used `seconds` more of CPU. */
function spin(seconds: number): void {
  const start = fromNode();
  let x = 0;
  while (fromNode() - start < seconds) x += Math.sqrt(x + 1);
}

/** The calling thread's own CPU seconds, user and system, in Linux's ticks of 1/100 s. */
function ownCpu(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Spins the calling thread until it has used `seconds` more of CPU itself. */
function spinThread(seconds: number): void {
  const start = ownCpu();
  let x = 0;
  while (ownCpu() - start < seconds) x += Math.sqrt(x + 1);
}

// Not about a database: once, in the SQLite project.
describe.skipIf(testDialect() !== 'sqlite')('the bench reads the CPU time of processes', () => {
  it('reads the CPU time a process has used, as Node counts it', () => {
    const before = { proc: cpuSeconds(process.pid) as number, node: fromNode() };
    spin(0.3);
    const used = { proc: (cpuSeconds(process.pid) as number) - before.proc, node: fromNode() - before.node };
    // /proc counts in ticks of 10 ms: a wrong field would read 0 or some unrelated number.
    expect(used.proc).toBeGreaterThan(used.node - 0.05);
    expect(used.proc).toBeLessThan(used.node + 0.05);
    expect(cpuSeconds(undefined)).toBeNull();
    expect(cpuSeconds(2 ** 31 - 1)).toBeNull();
  });

  it("counts a worker thread's CPU as a helper's, the main thread's not", async () => {
    // /proc knows the process's main thread: the test must run on it (vitest's forks pool).
    expect(isMainThread).toBe(true);
    // Each thread spins by its own clock (/proc/thread-self), not the process's: work left behind
    // by an earlier test file in this process (image threads, say) must not shorten the spin.
    const before = processCpu(process.pid);
    spinThread(0.3);
    const afterMain = processCpu(process.pid);
    const worker = new Worker(
      `const { readFileSync } = require('node:fs');
       const own = () => {
         const stat = readFileSync('/proc/thread-self/stat', 'utf8');
         const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
         return (Number(fields[11]) + Number(fields[12])) / 100;
       };
       const start = own(); let x = 0; while (own() - start < 0.3) x += Math.sqrt(x + 1);`,
      { eval: true },
    );
    await new Promise((resolve, reject) => worker.once('exit', resolve).once('error', reject));
    const afterWorker = processCpu(process.pid);
    if (!before || !afterMain || !afterWorker) throw new Error('no /proc');
    const main = (cpu: { total: number; helpers: number }) => cpu.total - cpu.helpers;
    // The main thread's spin is the main thread's.
    expect(main(afterMain) - main(before)).toBeGreaterThan(0.25);
    // The worker's spin is a helper's, and the main thread, only waiting meanwhile, grows little.
    expect(afterWorker.helpers - afterMain.helpers).toBeGreaterThan(0.25);
    expect(main(afterWorker) - main(afterMain)).toBeLessThan(0.15);
  });
});
