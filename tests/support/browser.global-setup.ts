import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { h5Dir, repoRoot } from './paths';
import { compileServer, startServer } from './server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's log, where the development SMS sender writes one-time codes. */
    serverLogPath: string;
    /** The server's SQLite file, for set-ups the API cannot make (a history that happened weeks ago). */
    databasePath: string;
  }
}

/**
 * Builds the h5 app and the server as a user's `npm start` would, then starts the compiled server
 * on a fresh SQLite database with the demo data, serving that build.
 */
export default async function setup(project: TestProject) {
  try {
    execFileSync('pnpm', ['--filter', '@xinfang/miniapp', 'build:h5'], { cwd: repoRoot, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the h5 build failed:\n${stdout?.toString() ?? ''}\n${stderr?.toString() ?? ''}`);
  }
  compileServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'xinfang-browser-'));
  const serverLogPath = join(dataDir, 'server.log');
  const databasePath = join(dataDir, 'xinfang.db');
  const server = await startServer(
    {
      DATABASE_URL: `sqlite:${databasePath}`,
      H5_DIR: h5Dir,
      SEED_DEMO: 'true',
      // The demo's year of history takes the server too long to seed for the suite's start.
      SEED_DEMO_HISTORY: 'false',
      UPLOAD_DIR: join(dataDir, 'files'),
    },
    { logFile: serverLogPath, compiled: true },
  );
  // Every page would answer ERR_CONNECTION_REFUSED: say why the server went, while its log exists.
  let stopping = false;
  void server.exited.then((code) => {
    if (!stopping)
      console.error(
        `the browser suite's server exited early (code ${code}, signal ${server.child.signalCode}):\n${server.output().slice(-6000)}`,
      );
  });
  project.provide('baseUrl', server.url);
  project.provide('serverLogPath', serverLogPath);
  project.provide('databasePath', databasePath);
  return async () => {
    stopping = true;
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
