// `npm start`: install, build the h5 app and the server when their sources changed, then run the
// server on embedded SQLite with the demo data, at http://127.0.0.1:3000 unless HOST/PORT say otherwise.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { installWorkspace, pnpmOrExit, repoRoot } from './bootstrap.mjs';
import { buildIfChanged } from './build-cache.mjs';

/**
 * How the compiled server runs (server/runtime.json, the same for the systemd unit): its Node flags
 * and glibc told to give freed image buffers back instead of keeping them in growing arenas
 * (libvips' threads). Measured with `pnpm soak` and `pnpm bench` (docs/benchmarks.md). Any of the
 * variables set in the environment wins.
 */
const runtime = JSON.parse(readFileSync(resolve(repoRoot, 'server/runtime.json'), 'utf8'));

installWorkspace();
const shared = ['shared/src', 'shared/package.json', 'pnpm-lock.yaml'];
buildIfChanged({
  what: 'the h5 app',
  inputs: [
    ...shared,
    'miniapp/src',
    'miniapp/config',
    'miniapp/types',
    'miniapp/package.json',
    'miniapp/babel.config.js',
    'miniapp/tsconfig.json',
    'miniapp/project.config.json',
  ],
  envPrefixes: ['TARO_'],
  output: 'miniapp/dist/h5/index.html',
  stamp: 'miniapp/dist/h5.inputs.sha256',
  build: () => pnpmOrExit(['--filter', '@xinfang/miniapp', 'build:h5']),
});
buildIfChanged({
  what: 'the server',
  inputs: [...shared, 'server/src', 'server/scripts', 'server/package.json'],
  output: 'server/dist/server.mjs',
  stamp: 'server/dist/server.inputs.sha256',
  build: () => pnpmOrExit(['--filter', '@xinfang/server', 'build']),
});

console.log('• Starting the server…');
const server = spawn(process.execPath, [...runtime.nodeFlags, runtime.entry], {
  cwd: resolve(repoRoot, 'server'),
  stdio: 'inherit',
  env: { SEED_DEMO: 'true', ...runtime.env, ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
