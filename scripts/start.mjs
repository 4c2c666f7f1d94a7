// `npm start`: install, build the h5 app and the server when their sources changed, then run the
// server on embedded SQLite with the demo data, at http://127.0.0.1:3000 unless HOST/PORT say otherwise.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { installWorkspace, pnpmOrExit, repoRoot } from './bootstrap.mjs';
import { buildIfChanged } from './build-cache.mjs';

/**
 * How the server holds memory (measured with `pnpm soak`, see docs/benchmarks.md): the compiled
 * server without tsx, V8 favouring size over speed (`--optimize-for-size`: a heap of ~50 MB under
 * load instead of 70–130), and glibc giving freed image buffers back instead of keeping them in two
 * growing arenas (libvips' threads: buffers of 32 KB and more are mapped and unmapped). Any of these set in the environment wins.
 */
const MEMORY_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '32768',
  MALLOC_TRIM_THRESHOLD_: '32768',
};

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
const server = spawn(process.execPath, ['--optimize-for-size', 'dist/server.mjs'], {
  cwd: resolve(repoRoot, 'server'),
  stdio: 'inherit',
  env: { SEED_DEMO: 'true', ...MEMORY_ENV, ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
