import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { findMariadbTool } from './tools';

/**
 * A throwaway MariaDB server for the MySQL suites when none is given: its own data directory,
 * a random port, started in about a second and removed afterwards.
 */
export interface ThrowawayMariaDb {
  /** A server URL without a database, e.g. `mysql://xinfang:xinfang@127.0.0.1:40123/` */
  url: string;
  stop(): Promise<void>;
}

function tool(name: string): string {
  const path = findMariadbTool(name);
  if (!path) throw new Error(`${name} is not installed (apt-get install -y mariadb-server)`);
  return path;
}

export interface MariaDbOptions {
  /** Flush the log at every commit, as a production server does (the benchmarks). */
  durable?: boolean;
  bufferPoolSize?: string;
}

export async function startThrowawayMariaDb(options: MariaDbOptions = {}): Promise<ThrowawayMariaDb> {
  const mariadbd = tool('mariadbd');
  const dataDir = mkdtempSync(join(tmpdir(), 'xinfang-mariadb-'));
  const socket = join(dataDir, 'mysql.sock');
  const port = await freePort();

  execFileSync(
    tool('mariadb-install-db'),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { stdio: 'ignore' },
  );

  const server: ChildProcess = spawn(
    mariadbd,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      '--bind-address=127.0.0.1',
      `--port=${port}`,
      `--socket=${socket}`,
      '--skip-name-resolve',
      '--skip-log-bin',
      // Test data need not survive a power cut of the test machine; the app's own crash test
      // kills the API server, not this one. The benchmarks measure durable commits.
      `--innodb-flush-log-at-trx-commit=${options.durable ? 1 : 2}`,
      `--innodb-buffer-pool-size=${options.bufferPoolSize ?? '256M'}`,
      '--max-connections=500',
    ],
    { stdio: 'ignore' },
  );

  const admin = tool('mariadb-admin');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      execFileSync(admin, ['--no-defaults', '-S', socket, '-uroot', 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      if (server.exitCode !== null || Date.now() > deadline) {
        server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
        throw new Error(`MariaDB did not start (exit code ${server.exitCode})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  execFileSync(tool('mariadb'), [
    '--no-defaults',
    '-S',
    socket,
    '-uroot',
    '-e',
    "CREATE USER 'xinfang'@'127.0.0.1' IDENTIFIED BY 'xinfang'; GRANT ALL ON *.* TO 'xinfang'@'127.0.0.1';",
  ]);

  return {
    url: `mysql://xinfang:xinfang@127.0.0.1:${port}/`,
    async stop() {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
