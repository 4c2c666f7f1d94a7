import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { freePort } from './free-port';
import { serverDir } from './paths';

/**
 * The real server as a separate process, started the way `pnpm start` starts it: for the browser
 * tests and for the crash test, which kills it with SIGKILL.
 */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions on logs and for debugging a failure. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(
  env: Record<string, string>,
  options: { port?: number; logFile?: string; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const port = options.port;
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts'], {
    cwd: serverDir,
    env: { ...process.env, APP_ENV: 'development', LOG_LEVEL: 'info', ...env, PORT: String(listenPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      output += chunk;
      log?.write(chunk);
    });
  }
  child.once('exit', () => log?.end());
  const url = `http://127.0.0.1:${listenPort}`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
