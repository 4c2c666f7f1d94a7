import { testDialect } from '@xinfang/server/testing';
import { expect, it } from 'vitest';
import { cpuSeconds } from '../bench/process-cpu';

// Not about a database: once, in the SQLite project.
it.skipIf(testDialect() !== 'sqlite')('reads the CPU time a process has used, as Node counts it', () => {
  const fromNode = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const before = { proc: cpuSeconds(process.pid) as number, node: fromNode() };
  let spin = 0;
  while (fromNode() - before.node < 0.3) spin += Math.sqrt(spin + 1);
  const used = { proc: (cpuSeconds(process.pid) as number) - before.proc, node: fromNode() - before.node };
  // /proc counts in ticks of 10 ms: a wrong field would read 0 or some unrelated number.
  expect(used.proc).toBeGreaterThan(used.node - 0.05);
  expect(used.proc).toBeLessThan(used.node + 0.05);
  expect(cpuSeconds(undefined)).toBeNull();
  expect(cpuSeconds(2 ** 31 - 1)).toBeNull();
});
