import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { serverDir } from './paths';

/**
 * The real server as a separate process: for the browser tests, the crash test (which kills it
 * with SIGKILL) and the fault suite. From its TypeScript sources, or compiled as `npm start` runs it.
 */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions on logs and for debugging a failure. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) once the process has exited. */
  exited: Promise<number | null>;
  /** The process's resident memory now and at its peak, in MB (from /proc). */
  memory(): { rssMb: number; peakMb: number };
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  logFile?: string;
  /** Run as this user (the fault suite, run as root, runs the server as `nobody` so file modes bind). */
  user?: { uid: number; gid: number };
  /** How long to wait for the health check (90 s unless told). */
  healthyWithinMs?: number;
  /** Run the bundle as `npm start` runs it (server/runtime.json; built by `compileServer`). */
  compiled?: boolean;
  /** Node's own options (the benchmark's --cpu-prof). */
  nodeArgs?: string[];
}

/** How `npm start` and the systemd unit run the compiled server: its Node flags and environment. */
const runtime = JSON.parse(readFileSync(join(serverDir, 'runtime.json'), 'utf8')) as {
  nodeFlags: string[];
  entry: string;
  env: Record<string, string>;
};

/** Builds server/dist/server.mjs, as `npm start` does before it starts the server. */
export function compileServer(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: serverDir, stdio: 'pipe' });
}

/** Starts the server and waits until its health check answers 200. */
export async function startServer(
  env: Record<string, string>,
  options: ServerOptions = {},
): Promise<ServerProcess> {
  const server = await spawnServer(env, options);
  const waitMs = options.healthyWithinMs ?? 90_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`server exited with ${server.child.exitCode}:\n${server.output()}`);
    try {
      const response = await fetch(`${server.url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.child.kill('SIGKILL');
      throw new Error(`server did not become healthy in ${waitMs / 1000} s:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

/** Starts the server without waiting for it: for starts that are meant to fail, or to wait. */
export async function spawnServer(
  env: Record<string, string>,
  options: ServerOptions = {},
): Promise<ServerProcess> {
  const listenPort = options.port ?? (await freePort());
  const entry = options.compiled
    ? [...runtime.nodeFlags, runtime.entry]
    : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: serverDir,
    env: {
      ...(options.compiled ? runtime.env : {}),
      ...process.env,
      APP_ENV: 'development',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(listenPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options.user,
  });
  let output = '';
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      output += chunk;
      log?.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      log?.end();
      resolve(code);
    }),
  );
  return {
    url: `http://127.0.0.1:${listenPort}`,
    child,
    output: () => output,
    exited,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
