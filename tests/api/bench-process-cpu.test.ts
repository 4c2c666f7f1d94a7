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
    const before = processCpu(process.pid);
    spin(0.3);
    const afterMain = processCpu(process.pid);
    // The worker spins by the whole process's measure: the main thread only waits meanwhile.
    const worker = new Worker(
      `const used = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
       const start = used(); let x = 0; while (used() - start < 0.3) x += Math.sqrt(x + 1);`,
      { eval: true },
    );
    await new Promise((resolve, reject) => worker.once('exit', resolve).once('error', reject));
    const afterWorker = processCpu(process.pid);
    if (!before || !afterMain || !afterWorker) throw new Error('no /proc');
    // While the main thread spun, helpers used far less than it did (V8's own threads do a little).
    expect(afterMain.total - before.total).toBeGreaterThan(0.25);
    expect(afterMain.helpers - before.helpers).toBeLessThan(0.15);
    // The worker's spin is a helper's, and the main thread's share does not grow by it.
    expect(afterWorker.helpers - afterMain.helpers).toBeGreaterThan(0.25);
    const main = (cpu: { total: number; helpers: number }) => cpu.total - cpu.helpers;
    expect(main(afterWorker) - main(afterMain)).toBeLessThan(0.15);
  });
});
