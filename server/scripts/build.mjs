// Compiles the server into one ES module, dist/server.mjs, for `npm start`: plain Node runs it,
// without tsx's on-the-fly compiler (whose loader thread and cached sources held ~50 MB of the
// server's memory). Dependencies stay in node_modules; the shared workspace package, which is
// TypeScript source, is bundled in.
import { cpSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { dependencies } = JSON.parse(readFileSync(resolve(serverRoot, 'package.json'), 'utf8'));

await build({
  absWorkingDir: serverRoot,
  entryPoints: ['src/server.ts'],
  // dist/ sits beside src/, so `import.meta.url`-relative paths (config.ts) mean the same.
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !name.startsWith('@xinfang/')),
  keepNames: true,
  logLevel: 'warning',
});

// Files the seed reads beside its module (`new URL('./assets/…', import.meta.url)`): the bundle is
// one module in dist/, so they go to dist/assets/.
cpSync(resolve(serverRoot, 'src/seed/assets'), resolve(serverRoot, 'dist/assets'), { recursive: true });
