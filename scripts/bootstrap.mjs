// Gets a fresh clone ready with nothing but Node and npm: finds or fetches pnpm, and installs the
// workspace exactly as locked. Shared by `npm start` and `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';

/** Runs a command in the repo with inherited output; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runOrExit(command, args) {
  const status = run(command, args);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

/** The pnpm to use: the one on PATH when it is version 12, else npm fetches the pinned one. */
export function pnpmCommand() {
  const found = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim().startsWith('12.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

export function pnpm(args) {
  const [command, ...prefix] = pnpmCommand();
  return run(command, [...prefix, ...args]);
}

export function pnpmOrExit(args) {
  const [command, ...prefix] = pnpmCommand();
  runOrExit(command, [...prefix, ...args]);
}

/** Installs the workspace. better-sqlite3 compiles against Node's own headers, found through this variable. */
export function installWorkspace() {
  if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) {
    process.env.npm_config_nodedir = '/usr';
  }
  console.log('• Installing dependencies (the first time compiles better-sqlite3: about 2 minutes)…');
  pnpmOrExit(['install', '--frozen-lockfile']);
}
