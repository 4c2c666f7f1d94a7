import { spawn } from 'node:child_process';
import { startGaleraCluster } from './galera';

/**
 * Runs a command with TEST_MYSQL_URL naming node 1 of a fresh three-node Galera cluster, e.g. the
 * whole MySQL API suite against Galera:
 *   pnpm --filter @xinfang/tests exec tsx support/with-galera.ts pnpm exec vitest run --root .. --project api-mysql
 */
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: tsx support/with-galera.ts <command> [args…]');
  process.exit(2);
}
const cluster = await startGaleraCluster(3);
console.log(
  `Galera: ${cluster.nodes.map((n) => `${n.name} on ${n.port}`).join(', ')}; the command talks to n1`,
);
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_MYSQL_URL: cluster.nodes[0]?.url },
});
const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
await cluster.stop();
process.exit(code);
