import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../testing/local-s3';
import { readStored } from './file-storage';
import { createS3Storage, type S3StorageOptions, STORE_RETRY_AFTER_SECONDS } from './s3-storage';

/**
 * The S3 storage against s3rver, a local server speaking the S3 protocol (started here on a free
 * port), and against a server that only ever fails: what the attachments need of it, byte for byte.
 */
const dir = mkdtempSync(join(tmpdir(), 'xinfang-s3-'));
let s3: LocalS3;
let options: S3StorageOptions;

beforeAll(async () => {
  s3 = await startLocalS3(dir, ['xinfang']);
  options = {
    bucket: 'xinfang',
    endpoint: s3.endpoint,
    region: 'cn-north-1',
    credentials: s3.credentials,
    forcePathStyle: true,
    prefix: 'attachments/',
  };
});
afterAll(async () => {
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('attachments in S3-compatible storage', () => {
  it('stores, streams back, tells existence and deletes, byte for byte', async () => {
    const storage = createS3Storage(options);
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    await storage.put('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV', bytes);
    expect(await storage.stat('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV')).not.toBeNull();
    const stream = await storage.get('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(stream).not.toBeNull();
    expect(
      Buffer.compare(
        (await readStored(storage, '2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV')) ?? Buffer.alloc(0),
        bytes,
      ),
    ).toBe(0);
    stream?.destroy();

    await storage.delete('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(await storage.stat('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeNull();
    expect(await storage.get('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeNull();
    // Removing what is not there is not an error.
    await storage.delete('2026/03/01ARZ3NDEKTSV4RRFFQ69G5FAV');
  });

  it('tells size and last write by HEAD, null when missing; a range is a 206 of only its bytes', async () => {
    const storage = createS3Storage(options);
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 11) % 256));
    const before = Date.now();
    await storage.put('2026/04/RANGED', bytes);
    const found = await storage.stat('2026/04/RANGED');
    expect(found?.size).toBe(200_000);
    // S3 keeps the time of a write to the second.
    expect(found?.modifiedAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(await storage.stat('2026/04/NONE')).toBeNull();

    // get checks the answer's Content-Range: each part came back as a 206 of the range asked for.
    for (const range of [
      { start: 70_000, end: 70_999 },
      { start: 199_990, end: 199_999 },
    ]) {
      const part = await storage.get('2026/04/RANGED', range);
      expect(part && (await readAll(part))).toEqual(bytes.subarray(range.start, range.end + 1));
    }
    expect(await storage.get('2026/04/NONE', { start: 1, end: 2 })).toBeNull();
  });

  it('refuses the answer of a store that ignores a range, rather than send the wrong bytes', async () => {
    const whole: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '10' });
      res.end('0123456789');
    });
    await new Promise<void>((r) => whole.listen(0, '127.0.0.1', r));
    try {
      const { port } = whole.address() as AddressInfo;
      const storage = createS3Storage({ ...options, endpoint: `http://127.0.0.1:${port}` });
      await expect(storage.get('a', { start: 2, end: 4 })).rejects.toThrow(/the whole object for bytes 2-4/);
      const all = await storage.get('a');
      expect(all && (await readAll(all)).toString()).toBe('0123456789');
    } finally {
      whole.close();
    }
  });

  it('streams a file from disk: one PUT when small, in parts when larger than one, intact', async () => {
    // What s3rver saw: 'ObjectCreated:Put' for one PUT, 'ObjectCreated:Post' for a completed
    // multipart upload (S3's event names), by key.
    const created = new Map<string, string>();
    const onEvent = (event: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => {
      for (const record of event.Records) created.set(record.s3.object.key, record.eventName);
    };
    s3.events.on('event', onEvent);
    try {
      const storage = createS3Storage({ ...options, partBytes: 5 * 1024 * 1024 });
      // 12 MiB and a few bytes, no two parts alike: three parts, the last one short.
      const large = randomBytes(12 * 1024 * 1024 + 7);
      const small = randomBytes(70_000);
      writeFileSync(join(dir, 'large.upload'), large);
      writeFileSync(join(dir, 'small.upload'), small);
      await storage.putFile('2026/03/LARGE', join(dir, 'large.upload'));
      await storage.putFile('2026/03/SMALL', join(dir, 'small.upload'));

      expect(created.get('attachments/2026/03/LARGE')).toBe('ObjectCreated:Post');
      expect(created.get('attachments/2026/03/SMALL')).toBe('ObjectCreated:Put');
      const digest = (bytes: Buffer | null) =>
        createHash('sha256')
          .update(bytes ?? '')
          .digest('hex');
      expect(digest(await readStored(storage, '2026/03/LARGE'))).toBe(digest(large));
      expect(digest(await readStored(storage, '2026/03/SMALL'))).toBe(digest(small));
      await expect(storage.putFile('2026/03/NONE', join(dir, 'missing.upload'))).rejects.toThrow(/ENOENT/);
      expect(await storage.stat('2026/03/NONE')).toBeNull();
    } finally {
      s3.events.off('event', onEvent);
    }
  });

  it('keeps each deployment under its prefix, and refuses keys a request could have made up', async () => {
    const storage = createS3Storage(options);
    const other = createS3Storage({ ...options, prefix: 'elsewhere/' });
    await storage.put('seal/unit-1.png', Buffer.from('seal'));
    expect(await other.stat('seal/unit-1.png')).toBeNull();
    await expect(storage.put('../escape', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
  });

  it('lists the keys under a folder of its own prefix, each with when it was written', async () => {
    const storage = createS3Storage({ ...options, prefix: 'listed/' });
    const other = createS3Storage({ ...options, prefix: 'listed-not/' });
    const keys = Array.from({ length: 3 }, (_, i) => `attachments/2026/12/K${i}`);
    for (const key of [...keys, 'attachments/2026/11/OLDER', 'seals/unit-1/S.png'])
      await storage.put(key, Buffer.from(key));
    await other.put('attachments/2026/12/OTHER', Buffer.from('other'));
    const listed = [];
    for await (const file of storage.list('attachments/2026/12/')) listed.push(file);
    expect(listed.map((f) => f.key).sort()).toEqual(keys);
    for (const file of listed) expect(Number.isNaN(file.modifiedAt.getTime())).toBe(false);
    await expect(storage.list('../')[Symbol.asyncIterator]().next()).rejects.toThrow(/invalid storage key/);
  });

  it('fails a request clearly when the bucket does not exist or the store keeps failing', async () => {
    await expect(
      createS3Storage({ ...options, bucket: 'no-such-bucket' }).put('a', Buffer.from('x')),
    ).rejects.toThrow(/bucket/i);
    let calls = 0;
    const failing: Server = createServer((_req, res) => {
      calls += 1;
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      );
    });
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    try {
      const { port } = failing.address() as AddressInfo;
      const storage = createS3Storage({ ...options, endpoint: `http://127.0.0.1:${port}` });
      // A store answering 5xx is down, not the request's fault: 503 with a time to come back.
      await expect(storage.put('a', Buffer.from('x'))).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS },
      });
      // The SDK tried again before giving up, within its bound of three attempts.
      expect(calls).toBe(3);
      await expect(storage.get('a')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      await expect(storage.stat('a')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      failing.close();
    }
  });

  it('answers 503 when the store cannot be reached or does not answer in time', async () => {
    // A port nothing listens on: the connection is refused.
    const closed: Server = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = createS3Storage({ ...options, endpoint: `http://127.0.0.1:${port}` });
    for (const attempt of [
      () => refused.put('a', Buffer.from('x')),
      () => refused.get('a'),
      () => refused.stat('a'),
      () => refused.delete('a'),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS },
      });
    }

    // A store that takes the request and never answers: the request timeout gives up.
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const { port: silentPort } = silent.address() as AddressInfo;
      const slow = createS3Storage({
        ...options,
        endpoint: `http://127.0.0.1:${silentPort}`,
        requestTimeoutMs: 100,
      });
      await expect(slow.get('a')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      await expect(slow.stat('a')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 30_000);
});
