import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { h5Dir, repoRoot } from './paths';
import { startServer } from './server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Builds the h5 app as a user's `pnpm start` would, then starts the real server on a fresh SQLite
 * database with the demo data, serving that build.
 */
export default async function setup(project: TestProject) {
  execFileSync('pnpm', ['--filter', '@xinfang/miniapp', 'build:h5'], { cwd: repoRoot, stdio: 'pipe' });
  const dataDir = mkdtempSync(join(tmpdir(), 'xinfang-browser-'));
  const server = await startServer({
    DATABASE_URL: `sqlite:${join(dataDir, 'xinfang.db')}`,
    H5_DIR: h5Dir,
    SEED_DEMO: 'true',
  });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
