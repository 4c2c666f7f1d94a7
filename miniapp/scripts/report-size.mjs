// Prints the size of a build, run after it: `node scripts/report-size.mjs weapp|h5`.
// weapp: the main package (every file outside the subpackage roots in app.json) and the total,
// against WeChat's limits. h5: the JavaScript (and CSS) that index.html loads first, raw and gzip.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const KIB = 1024;
const WEAPP_MAIN_LIMIT = 2 * KIB * KIB;
const WEAPP_TOTAL_LIMIT = 20 * KIB * KIB;

const platform = process.argv[2];
const dist = resolve(import.meta.dirname, '..', 'dist', platform ?? '');

function kib(bytes) {
  return `${(bytes / KIB).toFixed(1)} KiB`;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile() && !path.endsWith('.map'));
}

function reportWeapp() {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\/?$/, '/'));
  let main = 0;
  let total = 0;
  for (const file of filesUnder(dist)) {
    const size = statSync(file).size;
    const path = relative(dist, file).split(sep).join('/');
    total += size;
    if (!roots.some((root) => path.startsWith(root))) main += size;
  }
  const percent = (bytes, limit) => `${((bytes / limit) * 100).toFixed(1)}% of ${kib(limit)}`;
  console.log(`weapp main package: ${kib(main)} (${percent(main, WEAPP_MAIN_LIMIT)})`);
  console.log(
    `weapp total:        ${kib(total)} (${percent(total, WEAPP_TOTAL_LIMIT)}; ${roots.length} subpackages)`,
  );
}

function reportH5() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const local = (url) => !/^(https?:)?\/\//.test(url);
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter(local);
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter((url) => url && local(url));
  const measure = (urls) => {
    let raw = 0;
    let gzip = 0;
    for (const url of urls) {
      const content = readFileSync(join(dist, url.replace(/^\//, '').split('?')[0]));
      raw += content.length;
      gzip += gzipSync(content, { level: 9 }).length;
    }
    return `${kib(raw)} raw, ${kib(gzip)} gzip (${urls.length} files)`;
  };
  console.log(`h5 first-load JS:  ${measure(scripts)}`);
  console.log(`h5 first-load CSS: ${measure(styles)}`);
}

if (platform === 'weapp') reportWeapp();
else if (platform === 'h5') reportH5();
else {
  console.error('usage: node scripts/report-size.mjs weapp|h5');
  process.exit(2);
}
