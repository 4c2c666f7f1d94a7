import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
/** Packages most servers never use, each MBs of heap once loaded (docs/benchmarks.md, round 14). */
const LOADED_WHEN_USED = [
  '@aws-sdk/client-s3',
  '@aws-sdk/lib-storage',
  'pdfkit',
  'docx',
  'exceljs',
  '@zxcvbn-ts/language-common',
];

/** Every package a module imports statically, following its own chunks (`./chunk-….mjs`). */
function packagesLoadedAtStart(dir: string, file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  // Static imports only: `import … from "x"` and `import "x"` at the start of a line.
  for (const [, name] of readFileSync(join(dir, file), 'utf8').matchAll(
    /^import\s[^;]*?["']([^"']+)["']/gms,
  )) {
    if (name === undefined) continue;
    if (name.startsWith('./'))
      for (const p of packagesLoadedAtStart(dir, name.slice(2), seen)) packages.add(p);
    else packages.add(name);
  }
  return packages;
}

describe('the compiled server', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xinfang-build-'));
    execFileSync(process.execPath, ['scripts/build.mjs', dir], { cwd: serverRoot, stdio: 'pipe' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the S3 client, the PDF, DOCX and XLSX writers and the password list only when used', () => {
    const atStart = packagesLoadedAtStart(dir, 'server.mjs');
    expect(atStart).toContain('fastify');
    expect(atStart).toContain('better-sqlite3');
    for (const name of LOADED_WHEN_USED) expect(atStart).not.toContain(name);
  });
});
