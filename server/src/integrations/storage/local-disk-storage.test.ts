import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredFile } from './file-storage';
import { clearStaleIncoming, createLocalDiskStorage } from './local-disk-storage';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listed(files: AsyncIterable<StoredFile>): Promise<StoredFile[]> {
  const all: StoredFile[] = [];
  for await (const file of files) all.push(file);
  return all.sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('local disk storage', () => {
  let dir: string;
  let root: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xf-storage-'));
    root = join(dir, 'files');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates its directory on the first write, not before', async () => {
    const storage = createLocalDiskStorage(root);
    expect(await storage.stat('a/b')).toBeNull();
    await expect(stat(root)).rejects.toMatchObject({ code: 'ENOENT' });
    await storage.put('a/b', Buffer.from('hello'));
    expect(await readFile(join(root, 'a', 'b'), 'utf8')).toBe('hello');
  });

  it('lists the files under a folder and its subfolders as keys, with when each was written', async () => {
    const storage = createLocalDiskStorage(root);
    expect(await listed(storage.list('attachments/'))).toEqual([]);
    for (const key of [
      'attachments/2026/12/A',
      'attachments/2026/12/A-thumb',
      'attachments/2025/01/B',
      'seals/S',
    ])
      await storage.put(key, Buffer.from(key));
    const old = new Date('2026-01-02T03:04:05Z');
    await utimes(join(root, 'attachments', '2025', '01', 'B'), old, old);
    const files = await listed(storage.list('attachments/'));
    expect(files.map((f) => f.key)).toEqual([
      'attachments/2025/01/B',
      'attachments/2026/12/A',
      'attachments/2026/12/A-thumb',
    ]);
    expect(files[0]?.modifiedAt).toEqual(old);
    expect((await listed(storage.list('attachments/2026/12/'))).map((f) => f.key)).toEqual([
      'attachments/2026/12/A',
      'attachments/2026/12/A-thumb',
    ]);
    // A write in progress waits in .incoming: never listed as a stored file.
    await mkdir(join(root, '.incoming'), { recursive: true });
    await writeFile(join(root, '.incoming', 'x.tmp'), 'half');
    expect((await listed(storage.list(''))).map((f) => f.key)).not.toContain('.incoming/x.tmp');
    await expect(listed(storage.list('../'))).rejects.toThrow(/invalid storage key/);
  });

  it('puts, gets, replaces and deletes by key', async () => {
    const storage = createLocalDiskStorage(root);
    await storage.put('2026/11/ABC', Buffer.from('one'));
    expect(await storage.stat('2026/11/ABC')).not.toBeNull();
    const first = await storage.get('2026/11/ABC');
    expect(first && (await readAll(first)).toString()).toBe('one');
    await storage.put('2026/11/ABC', Buffer.from('two'));
    const second = await storage.get('2026/11/ABC');
    expect(second && (await readAll(second)).toString()).toBe('two');
    await storage.delete('2026/11/ABC');
    expect(await storage.stat('2026/11/ABC')).toBeNull();
    expect(await storage.get('2026/11/ABC')).toBeNull();
    await storage.delete('2026/11/ABC');
  });

  it('tells size and last write without reading, null when missing; reads only a range asked for', async () => {
    const storage = createLocalDiskStorage(root);
    expect(await storage.stat('2026/11/NONE')).toBeNull();
    const bytes = Buffer.from(Array.from({ length: 5_000 }, (_, i) => (i * 13) % 256));
    await storage.put('2026/11/R', bytes);
    const written = new Date('2026-11-02T03:04:05.678Z');
    await utimes(join(root, '2026', '11', 'R'), written, written);
    expect(await storage.stat('2026/11/R')).toEqual({ size: 5_000, modifiedAt: written });
    // A folder is not a stored file.
    expect(await storage.stat('2026/11')).toBeNull();
    await fc.assert(
      fc.asyncProperty(fc.nat(4_999), fc.nat(4_999), async (a, b) => {
        const range = { start: Math.min(a, b), end: Math.max(a, b) };
        const part = await storage.get('2026/11/R', range);
        expect(part && (await readAll(part))).toEqual(bytes.subarray(range.start, range.end + 1));
      }),
      { numRuns: 30 },
    );
    expect(await storage.get('2026/11/NONE', { start: 0, end: 0 })).toBeNull();
  });

  it('leaves no temporary file behind, and nothing under the key when the write fails', async () => {
    const storage = createLocalDiskStorage(root);
    await storage.put('x/one', Buffer.alloc(1024, 1));
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
    // A directory where the file should go makes the final rename fail.
    await mkdir(join(root, 'x', 'blocked'), { recursive: true });
    await expect(storage.put('x/blocked', Buffer.from('data'))).rejects.toThrow();
    expect(await storage.stat('x/blocked')).toBeNull();
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('stores a file from disk by streaming it, the source left in place', async () => {
    const storage = createLocalDiskStorage(root);
    const source = join(dir, 'upload.part');
    const bytes = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 31) % 251));
    await writeFile(source, bytes);
    await storage.putFile('2026/11/FILE', source);
    const stored = await storage.get('2026/11/FILE');
    expect(stored && Buffer.compare(await readAll(stored), bytes)).toBe(0);
    expect((await stat(source)).size).toBe(bytes.length);
    await expect(storage.putFile('2026/11/NONE', join(dir, 'missing'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await storage.stat('2026/11/NONE')).toBeNull();
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('refuses keys that could leave its directory or hide among its own files', async () => {
    const storage = createLocalDiskStorage(root);
    for (const key of [
      '../escape',
      'a/../../b',
      '/etc/passwd',
      '.incoming/x',
      'a//b',
      'a/',
      '',
      'a\\b',
      'a/.b',
    ]) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
    }
  });

  it('clears what a crash left half-written in .incoming, never a write under way or a file kept', async () => {
    const storage = createLocalDiskStorage(root);
    await storage.put('kept/a', Buffer.from('kept'));
    const incoming = join(root, '.incoming');
    await writeFile(join(incoming, 'left.tmp'), 'half');
    await writeFile(join(incoming, 'writing.tmp'), 'half');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(join(incoming, 'left.tmp'), twoDaysAgo, twoDaysAgo);
    await clearStaleIncoming(root, new Date());
    expect(await readdir(incoming)).toEqual(['writing.tmp']);
    expect(await readFile(join(root, 'kept', 'a'), 'utf8')).toBe('kept');
  });
});
