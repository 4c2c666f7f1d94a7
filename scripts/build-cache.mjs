// Builds that run only when their inputs changed: a content hash of the input files (and of the
// environment variables that reach the build) is stored beside the output, and compared the next
// time. Used by `npm start`, which rebuilt the h5 app (~47 s) on every start.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './bootstrap.mjs';

const SKIP = new Set(['node_modules', 'dist', '.cache', '.swc']);

/** Every file under the given paths (files or folders, relative to the repository), sorted. */
function filesUnder(paths) {
  const found = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (!statSync(path).isDirectory()) return void found.push(path);
    for (const entry of readdirSync(path)) if (!SKIP.has(entry)) walk(join(path, entry));
  };
  for (const path of paths) walk(join(repoRoot, path));
  return found.sort();
}

/** The hash of the inputs: each file's path and content, and the named environment variables. */
export function inputsHash(paths, envPrefixes = []) {
  const hash = createHash('sha256');
  for (const file of filesUnder(paths)) {
    hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const env = Object.keys(process.env).filter((name) =>
    envPrefixes.some((prefix) => name.startsWith(prefix)),
  );
  for (const name of env.sort()) hash.update(`${name}=${process.env[name]}\0`);
  return hash.digest('hex');
}

/**
 * Runs `build` unless `output` exists and the stamp beside it records the same inputs. Returns
 * whether it built. The stamp is written only after a successful build.
 */
export function buildIfChanged({ what, inputs, envPrefixes, output, stamp, build }) {
  const hash = inputsHash(inputs, envPrefixes);
  const stampPath = join(repoRoot, stamp);
  const current = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : null;
  if (current === hash && existsSync(join(repoRoot, output))) {
    console.log(`• ${what}: up to date (its sources have not changed)`);
    return false;
  }
  console.log(`• Building ${what}…`);
  build();
  writeFileSync(stampPath, `${hash}\n`);
  return true;
}
