import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints how many tests passed, failed and were skipped in each project (so a log shows that the
 * SQLite and the MySQL suites both ran), and writes the counts to `XF_SUMMARY_FILE` when set, for
 * `scripts/test.mjs` to total with the static checks. A file that fails to load counts as a failure.
 */
export interface SuiteCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const perProject = new Map<string, SuiteCounts>();
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const counts = perProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') {
          counts.failed += 1;
          failedTests += 1;
        } else counts.skipped += 1;
      }
      if (module.state() === 'failed' && failedTests === 0) counts.failed += 1;
      perProject.set(name, counts);
    }
    if (unhandledErrors.length > 0) {
      perProject.set('unhandled errors', { passed: 0, failed: unhandledErrors.length, skipped: 0 });
    }

    const width = Math.max(10, ...[...perProject.keys()].map((n) => n.length));
    const lines = [...perProject.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([name, c]) =>
          `  ${name.padEnd(width)}  ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`,
      );
    process.stdout.write(`\nTests per suite:\n${lines.join('\n')}\n`);

    const file = process.env.XF_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify(Object.fromEntries(perProject), null, 2));
  }
}
