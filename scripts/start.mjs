// `npm start`: install, build the h5 app, then run the server on embedded SQLite with the demo
// data, at http://127.0.0.1:3000 unless HOST/PORT say otherwise.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { installWorkspace, pnpmOrExit, repoRoot } from './bootstrap.mjs';

installWorkspace();
console.log('• Building the h5 app…');
pnpmOrExit(['--filter', '@xinfang/miniapp', 'build:h5']);

console.log('• Starting the server…');
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: resolve(repoRoot, 'server'),
  stdio: 'inherit',
  env: { SEED_DEMO: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
