// Writes a brotli (`x.br`) and a gzip (`x.gz`) copy beside every text file of a build, at the
// highest levels — once, at build time — so the server sends them as they are instead of
// compressing per request: `node scripts/precompress.mjs h5`. Files under 1 KiB are left alone
// (the headers would outweigh the saving), and so is a copy that would not be smaller. The build
// empties dist/ first, so no copy outlives its file.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|css|html|json|svg|txt)$/;
const MIN_BYTES = 1024;

const dist = resolve(import.meta.dirname, '..', 'dist', process.argv[2] ?? 'h5');

let files = 0;
let raw = 0;
let brotli = 0;
for (const name of readdirSync(dist, { recursive: true })) {
  const path = join(dist, String(name));
  if (!TEXT.test(path) || !statSync(path).isFile()) continue;
  const content = readFileSync(path);
  if (content.length < MIN_BYTES) continue;
  const br = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  const gz = gzipSync(content, { level: 9 });
  if (br.length < content.length) writeFileSync(`${path}.br`, br);
  if (gz.length < content.length) writeFileSync(`${path}.gz`, gz);
  files += 1;
  raw += content.length;
  brotli += Math.min(br.length, content.length);
}
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`precompressed ${files} files: ${kib(raw)} → ${kib(brotli)} brotli`);
