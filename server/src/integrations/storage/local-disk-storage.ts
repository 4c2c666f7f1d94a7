import { randomBytes } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, type FileStorage, type StoredFile } from './file-storage';
import { isMissing } from './missing';
import { removeStaleFiles } from './stale-files';

/** Files being written wait here, on the same file system, until a rename publishes them. */
const INCOMING = '.incoming';
/** A file is written and published in seconds: one a day old in `.incoming` was left by a crash. */
const INCOMING_STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Files on the local disk under one directory, created on first write. A write goes to a
 * temporary file, is flushed to disk, then renamed over its key: rename is atomic, so a crash
 * leaves at most a stray file in `.incoming`, never half a file under a real key.
 */
export function createLocalDiskStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(base, ...key.split('/'));
  };

  /** Writes a new file under `.incoming`, flushes it to disk, then renames it over the key. */
  async function publish(key: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
    const target = pathOf(key);
    const incoming = join(base, INCOMING);
    await mkdir(incoming, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const temporary = join(incoming, `${randomBytes(12).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await write(handle);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  return {
    put: (key, bytes) => publish(key, (handle) => handle.writeFile(bytes)),

    putFile: (key, path) =>
      publish(key, async (handle) => {
        for await (const chunk of createReadStream(path)) await handle.write(chunk as Buffer);
      }),

    async get(key, range) {
      try {
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream(range && { start: range.start, end: range.end }) as Readable;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async stat(key) {
      try {
        const found = await stat(pathOf(key));
        return found.isFile() ? { size: found.size, modifiedAt: found.mtime } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    list: (prefix) => filesUnder(base, prefix),
  };
}

/** The files in the folder `prefix` of `base` and its subfolders (never `.incoming`), as keys. */
async function* filesUnder(base: string, prefix: string): AsyncIterable<StoredFile> {
  if (prefix !== '') assertStorageKey(prefix.replace(/\/$/, ''));
  let entries: Dirent[];
  try {
    entries = await readdir(join(base, ...prefix.split('/')), { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const key = `${prefix}${entry.name}`;
    if (entry.isDirectory()) yield* filesUnder(base, `${key}/`);
    else if (entry.isFile()) {
      try {
        yield { key, modifiedAt: (await stat(join(base, ...key.split('/')))).mtime };
      } catch (error) {
        // Removed while we looked.
        if (!isMissing(error)) throw error;
      }
    }
  }
}

/** Removes the half-written files crashes left in `.incoming` (never one being written now). */
export function clearStaleIncoming(root: string, now: Date): Promise<void> {
  return removeStaleFiles(join(resolve(root), INCOMING), now, INCOMING_STALE_MS);
}
