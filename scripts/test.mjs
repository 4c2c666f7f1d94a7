// `npm test`: every check of the repository — lint, types, and every vitest project (shared,
// server, the API on SQLite and on MySQL, the builds, the h5 app in Chromium) — then one line
// totalling them all. The exit status is non-zero when anything failed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { installWorkspace, pnpm, repoRoot } from './bootstrap.mjs';

installWorkspace();

const outDir = resolve(repoRoot, 'test-results');
mkdirSync(outDir, { recursive: true });
const summaryFile = resolve(outDir, 'vitest-summary.json');
rmSync(summaryFile, { force: true });

const suites = {};
console.log('\n• Lint (Biome)');
suites.lint = pnpm(['exec', 'biome', 'check', '.']) === 0 ? ok() : failed();
console.log('\n• Typecheck (every package)');
suites.typecheck = pnpm(['-r', '--if-present', 'typecheck']) === 0 ? ok() : failed();

console.log('\n• Tests (vitest)');
process.env.XF_SUMMARY_FILE = summaryFile;
const vitestStatus = pnpm(['exec', 'vitest', 'run']);
try {
  Object.assign(suites, JSON.parse(readFileSync(summaryFile, 'utf8')));
} catch {
  suites.vitest = failed();
}
if (vitestStatus !== 0 && Object.values(suites).every((s) => s.failed === 0)) suites.vitest = failed();

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\nEvery suite:');
for (const [name, counts] of Object.entries(suites)) {
  console.log(
    `  ${name.padEnd(18)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  for (const key of Object.keys(total)) total[key] += counts[key];
}
const line = `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
writeFileSync(resolve(outDir, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(total.failed > 0 ? 1 : 0);

function ok() {
  return { passed: 1, failed: 0, skipped: 0 };
}
function failed() {
  return { passed: 0, failed: 1, skipped: 0 };
}
