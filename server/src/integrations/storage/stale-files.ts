import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissing } from './missing';

/**
 * Removes the files directly in `dir` that nobody has written to for `staleAfterMs`: what a crash
 * left half-made. Only stale ones, since in a cluster every instance works in the one shared
 * UPLOAD_DIR, and an instance that starts must not pull a file from under another that is still
 * writing or reading it.
 */
export async function removeStaleFiles(dir: string, now: Date, staleAfterMs: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  const before = now.getTime() - staleAfterMs;
  for (const name of names) {
    const path = join(dir, name);
    try {
      if ((await stat(path)).mtimeMs < before) await rm(path, { recursive: true, force: true });
    } catch (error) {
      // Its owner finished, and removed it, while we looked.
      if (!isMissing(error)) throw error;
    }
  }
}
