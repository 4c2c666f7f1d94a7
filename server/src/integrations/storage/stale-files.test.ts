import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeStaleFiles } from './stale-files';

const HOUR = 60 * 60 * 1000;

describe('removing what a crash left', () => {
  it('removes exactly the files nobody wrote to for longer than the bound', async () => {
    const now = new Date('2026-12-04T08:00:00Z');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          // Ages in whole minutes, off the bound itself: file times need not keep every millisecond.
          fc
            .integer({ min: 0, max: 360 })
            .filter((minutes) => minutes !== 180)
            .map((minutes) => minutes * 60_000),
          { maxLength: 8 },
        ),
        async (ages) => {
          const dir = await mkdtemp(join(tmpdir(), 'xinfang-stale-'));
          try {
            const names = ages.map((_, i) => `${i}.part`);
            for (const [i, age] of ages.entries()) {
              const path = join(dir, names[i] as string);
              await writeFile(path, 'x');
              const at = new Date(now.getTime() - age);
              await utimes(path, at, at);
            }
            await removeStaleFiles(dir, now, 3 * HOUR);
            const kept = names.filter((_, i) => (ages[i] as number) <= 3 * HOUR);
            expect((await readdir(dir)).sort()).toEqual(kept.sort());
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('does nothing when the folder was never made', async () => {
    const dir = join(tmpdir(), 'xinfang-folder-never-made');
    await expect(removeStaleFiles(dir, new Date(), HOUR)).resolves.toBeUndefined();
  });
});
