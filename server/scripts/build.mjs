// Compiles the server into ES modules in dist/ (or the folder given as the first argument), entry
// dist/server.mjs, for `npm start`: plain Node runs it, without tsx's on-the-fly compiler (whose
// loader thread and cached sources held ~50 MB of the server's memory). Dependencies stay in
// node_modules; the shared workspace package, which is TypeScript source, is bundled in. What the
// server imports only when it is used (`await import`: the S3 client, the document and report
// writers, the password list) goes into chunks of its own beside the entry, so a server that never
// makes a PDF never loads pdfkit.
import { cpSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { dependencies } = JSON.parse(readFileSync(resolve(serverRoot, 'package.json'), 'utf8'));
const outdir = resolve(serverRoot, process.argv[2] ?? 'dist');

// Chunks are named by their content, and an earlier build's are left in place: a server still
// running from it imports them when first asked for a PDF, until it is restarted.
await build({
  absWorkingDir: serverRoot,
  entryPoints: ['src/server.ts'],
  // dist/ sits beside src/, and every chunk sits in dist/ itself, so `import.meta.url`-relative
  // paths (config.ts) mean the same.
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !name.startsWith('@xinfang/')),
  keepNames: true,
  logLevel: 'warning',
});

// Files the seed reads beside its module (`new URL('./assets/…', import.meta.url)`): the seed is
// compiled into dist/, so they go to dist/assets/.
cpSync(resolve(serverRoot, 'src/seed/assets'), resolve(outdir, 'assets'), { recursive: true });
