import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FileStorage } from '../integrations/storage/file-storage';
import { createLocalDiskStorage } from '../integrations/storage/local-disk-storage';
import { fileAsk, openStored, sendFile, storageEtag } from './send-file';

/**
 * A stored file served from a real disk storage through a real Fastify route, the storage's
 * streams counted as they are read: what goes out is read, and nothing more.
 */
const KEY = 'files/2026/12/A.bin';
const SIZE = 300_000;
const bytes = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7) % 251));
const written = new Date('2026-12-01T02:03:04.005Z');

let dir: string;
let app: FastifyInstance;
/** The storage's reads since the last test: how many streams it opened, and bytes they yielded. */
const reads = { opened: 0, bytes: 0 };

function counted(storage: FileStorage): Pick<FileStorage, 'stat' | 'get'> {
  return {
    stat: (key) => storage.stat(key),
    async get(key, range) {
      const stream = await storage.get(key, range);
      if (!stream) return null;
      reads.opened += 1;
      async function* counting() {
        for await (const chunk of stream as Readable) {
          reads.bytes += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
      return Readable.from(counting(), { objectMode: false });
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xf-send-file-'));
  const disk = createLocalDiskStorage(dir);
  await disk.put(KEY, bytes);
  await utimes(join(dir, ...KEY.split('/')), written, written);
  const storage = counted(disk);
  app = Fastify({ logger: false });
  app.get<{ Querystring: { key?: string } }>('/file', async (request, reply) => {
    const file = await openStored(storage, request.query.key ?? KEY, fileAsk(request));
    if (!file) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '没有找到' } });
    return sendFile(reply, { ...file, mime: 'application/octet-stream', filename: 'a.bin' });
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  reads.opened = 0;
  reads.bytes = 0;
});

const ETAG = storageEtag(KEY, { size: SIZE, modifiedAt: written });

describe('sendFile of a stored file', () => {
  it('sends the whole file with its length and a strong ETag, never to be cached', async () => {
    const answer = await app.inject({ method: 'GET', url: '/file' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-length': String(SIZE),
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      etag: ETAG,
    });
    expect(answer.rawPayload.equals(bytes)).toBe(true);
    expect(reads).toEqual({ opened: 1, bytes: SIZE });
  });

  it('reads from storage only the range asked for, not the file up to it', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/file',
      headers: { range: 'bytes=200000-200999', 'if-range': ETAG },
    });
    expect(answer.statusCode).toBe(206);
    expect(answer.headers['content-range']).toBe(`bytes 200000-200999/${SIZE}`);
    expect(answer.headers['content-length']).toBe('1000');
    expect(answer.rawPayload.equals(bytes.subarray(200_000, 201_000))).toBe(true);
    expect(reads).toEqual({ opened: 1, bytes: 1000 });

    const tail = await app.inject({ method: 'GET', url: '/file', headers: { range: 'bytes=-10' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(bytes.subarray(SIZE - 10))).toBe(true);
    expect(reads).toEqual({ opened: 2, bytes: 1010 });
  });

  it('sends the whole file when If-Range names another version of it', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/file',
      headers: { range: 'bytes=10-', 'if-range': storageEtag(KEY, { size: SIZE, modifiedAt: new Date(0) }) },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.rawPayload.equals(bytes)).toBe(true);
  });

  it('answers HEAD with the headers a GET would have, reading nothing', async () => {
    const whole = await app.inject({ method: 'HEAD', url: '/file' });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe(String(SIZE));
    expect(whole.headers.etag).toBe(ETAG);
    expect(whole.rawPayload.length).toBe(0);
    const part = await app.inject({ method: 'HEAD', url: '/file', headers: { range: 'bytes=5-9' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 5-9/${SIZE}`);
    expect(reads).toEqual({ opened: 0, bytes: 0 });
  });

  it('refuses a range past the end without opening the file, and finds no missing file', async () => {
    const past = await app.inject({ method: 'GET', url: '/file', headers: { range: `bytes=${SIZE}-` } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(past.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
    expect((await app.inject({ method: 'GET', url: '/file?key=files/NONE' })).statusCode).toBe(404);
    expect(reads).toEqual({ opened: 0, bytes: 0 });
  });
});

describe('storageEtag', () => {
  it('is a strong, quoted tag that changes with the key, the size or the time of the write', () => {
    const at = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));
    const file = fc.record({ key: fc.constantFrom('a/1', 'a/2', 'b/1'), size: fc.nat(1_000), at });
    fc.assert(
      fc.property(file, file, (one, other) => {
        const tag = storageEtag(one.key, { size: one.size, modifiedAt: one.at });
        expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
        const same = one.key === other.key && one.size === other.size && +one.at === +other.at;
        expect(tag === storageEtag(other.key, { size: other.size, modifiedAt: other.at })).toBe(same);
      }),
    );
  });
});
