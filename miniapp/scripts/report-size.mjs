// Prints the size of a build, run after it: `node scripts/report-size.mjs weapp|h5`.
// weapp: the main package (every file outside the subpackage roots in app.json) and the total,
// against WeChat's limits. h5: the JavaScript (and CSS) that index.html loads first, raw and gzip.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const KIB = 1024;
const WEAPP_MAIN_LIMIT = 2 * KIB * KIB;
const WEAPP_TOTAL_LIMIT = 20 * KIB * KIB;
/** Our own budget for the main package: half of WeChat's limit, so the staff pages have room. */
const WEAPP_MAIN_BUDGET = 1 * KIB * KIB;

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
  console.log(
    `weapp main package: ${kib(main)} (${percent(main, WEAPP_MAIN_LIMIT)}; budget ${kib(WEAPP_MAIN_BUDGET)})`,
  );
  console.log(
    `weapp total:        ${kib(total)} (${percent(total, WEAPP_TOTAL_LIMIT)}; ${roots.length} subpackages)`,
  );
  if (main > WEAPP_MAIN_BUDGET) {
    console.error(
      `weapp main package is over its ${kib(WEAPP_MAIN_BUDGET)} budget: move pages into subpackages`,
    );
    process.exitCode = 1;
  }
}

/**
 * h5: what a first visit to `/` downloads before the home page shows — the scripts index.html loads,
 * plus the chunks the router loads for the first page (read from the route table in the app chunk:
 * `"path":"pages/index/index","load":…Promise.all([u.e(576),…])`).
 */
function reportH5() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const local = (url) => !/^(https?:)?\/\//.test(url);
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter(local);
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter((url) => url && local(url));
  const app = scripts.map((url) => readFileSync(join(dist, url.replace(/^\//, '')), 'utf8')).join('\n');
  const firstPage =
    /"path":"pages\/index\/index","load":function\([^)]*\)\{return\[Promise\.all\(\[([^\]]*)\]/.exec(app);
  const chunkIds = firstPage ? [...firstPage[1].matchAll(/\.e\((\d+)\)/g)].map((m) => m[1]) : [];
  const chunkFile = (dir, id, ext) =>
    readdirSync(join(dist, dir))
      .filter((name) => name.startsWith(`${id}.`) && name.endsWith(ext))
      .map((name) => `/${dir}/${name}`);
  const pageScripts = chunkIds.flatMap((id) => chunkFile('js', id, '.js'));
  const pageStyles = chunkIds.flatMap((id) => chunkFile('css', id, '.css'));
  const allScripts = filesUnder(join(dist, 'js'))
    .filter((path) => path.endsWith('.js'))
    .map((path) => `/${relative(dist, path).split(sep).join('/')}`);
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
  console.log(
    `h5 first-load JS:  ${measure([...scripts, ...pageScripts])} — index.html + the home page's chunks`,
  );
  console.log(`h5 first-load CSS: ${measure([...styles, ...pageStyles])}`);
  console.log(`h5 all JS:         ${measure(allScripts)} — every page, loaded on demand`);
  if (!firstPage)
    console.warn('h5: the home page route was not found in the app chunk; first-load shows index.html only');
}

if (platform === 'weapp') reportWeapp();
else if (platform === 'h5') reportH5();
else {
  console.error('usage: node scripts/report-size.mjs weapp|h5');
  process.exit(2);
}
