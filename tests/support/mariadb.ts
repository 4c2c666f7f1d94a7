import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { findMariadbTool } from './tools';

/**
 * A throwaway MariaDB server for the MySQL suites when none is given: its own data directory,
 * a random port, started in about a second and removed afterwards. The fault suite also freezes it
 * (SIGSTOP: the process is there and its port accepts connections, but nothing answers) and
 * restarts it on the same port and data.
 */
export interface ThrowawayMariaDb {
  /** A server URL without a database, e.g. `mysql://xinfang:xinfang@127.0.0.1:40123/` */
  url: string;
  port: number;
  /** The server's process id (a restart changes it). */
  readonly pid: number | undefined;
  /** Stops the server's process in its tracks (SIGSTOP), as a hung machine or a stalled disk would. */
  freeze(): void;
  /** Lets a frozen server carry on (SIGCONT). */
  thaw(): void;
  /** A clean restart: SIGTERM, wait for the exit, start again on the same port with the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function tool(name: string): string {
  const path = findMariadbTool(name);
  if (!path) throw new Error(`${name} is not installed (apt-get install -y mariadb-server)`);
  return path;
}

export interface MariaDbOptions {
  port?: number;
  /** Flush the log at every commit, as a production server does (the benchmarks). */
  durable?: boolean;
  bufferPoolSize?: string;
}

export async function startThrowawayMariaDb(options: MariaDbOptions = {}): Promise<ThrowawayMariaDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xinfang-mariadb-'));
  // Its own tmpdir: a starting server deletes every #sql* file in its tmpdir, and with the shared
  // /tmp that took the temporary tables of other servers' running queries ("Error on delete of
  // '/tmp/#sql-temptable-….MAI'") whenever suites started servers side by side.
  const tempDir = mkdtempSync(join(tmpdir(), 'xinfang-mariadb-tmp-'));
  const socket = join(dataDir, 'mysql.sock');
  const port = options.port ?? (await freePort());

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

  let server: ChildProcess;
  try {
    server = await launch(dataDir, tempDir, socket, port, options);
  } catch (error) {
    for (const dir of [dataDir, tempDir]) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  execFileSync(tool('mariadb'), [
    '--no-defaults',
    '-S',
    socket,
    '-uroot',
    '-e',
    "CREATE USER 'xinfang'@'127.0.0.1' IDENTIFIED BY 'xinfang'; GRANT ALL ON *.* TO 'xinfang'@'127.0.0.1';",
  ]);

  async function shutDown(): Promise<void> {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGCONT');
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }

  return {
    url: `mysql://xinfang:xinfang@127.0.0.1:${port}/`,
    port,
    get pid() {
      return server.pid;
    },
    freeze: () => server.kill('SIGSTOP'),
    thaw: () => server.kill('SIGCONT'),
    async restart() {
      await shutDown();
      server = await launch(dataDir, tempDir, socket, port, options);
    },
    async stop() {
      await shutDown();
      for (const dir of [dataDir, tempDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts mariadbd on the data directory and waits until it answers. */
async function launch(
  dataDir: string,
  tempDir: string,
  socket: string,
  port: number,
  options: MariaDbOptions,
): Promise<ChildProcess> {
  const server = spawn(
    tool('mariadbd'),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--tmpdir=${tempDir}`,
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
      return server;
    } catch {
      if (server.exitCode !== null || Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`MariaDB did not start (exit code ${server.exitCode})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
