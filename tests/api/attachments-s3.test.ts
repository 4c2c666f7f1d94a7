import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp } from '@xinfang/server/testing';
import { type LocalS3, startLocalS3 } from '@xinfang/server/testing/local-s3';
import type { Attachment } from '@xinfang/shared/schemas/petitions';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCapture, request, Sessions } from './support/sign-in';

/**
 * Attachments kept in an S3-compatible bucket (s3rver, started here) rather than on the disk, end
 * to end over HTTP: a photo goes from the spool through the re-encoder to the bucket as a file
 * stream, and comes back through the API byte for byte; nothing is left in the spool.
 */
const WORKER = '13800000001';
let t: TestApp;
let s3: LocalS3;
let dir: string;
let sessions: Sessions;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xf-attachments-s3-'));
  s3 = await startLocalS3(join(dir, 'bucket'), ['xinfang']);
  const logs = new LogCapture();
  t = await buildTestApp(
    {
      logLevel: 'info',
      uploadDir: join(dir, 'files'),
      s3: {
        bucket: 'xinfang',
        endpoint: s3.endpoint,
        region: 'cn-north-1',
        credentials: s3.credentials,
        forcePathStyle: true,
        prefix: 'test/',
      },
    },
    { logDestination: logs.stream },
  );
  await seedDemoIfEmpty(t.app.db, t.app.pii);
  sessions = new Sessions(t.app, logs);
});

afterAll(async () => {
  await t?.close();
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('attachments in an S3-compatible bucket', () => {
  it('keeps a photo in the bucket, streamed from the spool, and serves it back byte for byte', async () => {
    // Noise, so the re-encoded photo stays large (about 1 MB): many chunks of a file stream.
    const photo = await sharp(randomBytes(1600 * 1200 * 3), {
      raw: { width: 1600, height: 1200, channels: 3 },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    const boundary = `----xf${randomUUID().replace(/-/g, '')}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n` +
          'Content-Type: image/jpeg\r\n\r\n',
      ),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const token = await sessions.token(WORKER);
    const answered = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const attachment = answered.json() as Attachment;

    const row = await t.app.db
      .selectFrom('attachment')
      .select(['storage_key', 'thumbnail_key', 'byte_size', 'sha256'])
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    const served = await request(t.app, 'GET', `/api/attachments/${attachment.id}`, { token });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.length).toBe(row.byte_size);
    expect(served.rawPayload.length).toBeGreaterThan(256 * 1024);
    expect(createHash('sha256').update(served.rawPayload).digest('hex')).toBe(row.sha256);
    expect((await sharp(served.rawPayload).metadata()).format).toBe('jpeg');
    // In the bucket under the deployment's prefix, and on no disk of the server's.
    expect(await t.app.storage.stat(row.storage_key)).not.toBeNull();
    expect(await t.app.storage.stat(row.thumbnail_key as string)).not.toBeNull();
    expect(await readdir(join(s3.bucketDir('xinfang'), 'test'))).toContain('attachments');
    expect(await readdir(join(dir, 'files', '.spool'))).toEqual([]);
  });
});

describe('attachments when the bucket cannot be reached', () => {
  let down: TestApp;
  let downSessions: Sessions;

  beforeAll(async () => {
    // A port that was just listened on and closed: nothing answers there.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const logs = new LogCapture();
    down = await buildTestApp(
      {
        logLevel: 'info',
        uploadDir: join(dir, 'files-down'),
        s3: {
          bucket: 'xinfang',
          endpoint: `http://127.0.0.1:${port}`,
          region: 'cn-north-1',
          credentials: s3.credentials,
          forcePathStyle: true,
          prefix: 'test/',
        },
      },
      { logDestination: logs.stream },
    );
    await seedDemoIfEmpty(down.app.db, down.app.pii);
    downSessions = new Sessions(down.app, logs);
  });

  afterAll(async () => {
    await down?.close();
  });

  it('answers uploads and downloads 503 with Retry-After, as a database outage is answered', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#369' } })
      .png()
      .toBuffer();
    const boundary = `----xf${randomUUID().replace(/-/g, '')}`;
    const token = await downSessions.token(WORKER);
    const uploaded = await down.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\n` +
            'Content-Type: image/png\r\n\r\n',
        ),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(503);
    expect(uploaded.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(uploaded.headers['retry-after'])).toBeGreaterThan(0);
    expect(await down.app.db.selectFrom('attachment').select('id').execute()).toEqual([]);

    // A file kept while the bucket was up, asked for while it is down.
    const id = '01KAAAAAAAAAAAAAAAAAAAAAAA';
    await down.app.db
      .insertInto('attachment')
      .values({
        id,
        owner_type: 'petitioner',
        owner_id: (await downSessions.answer(WORKER)).me.id,
        petition_id: null,
        kind: 'image',
        mime: 'image/png',
        byte_size: photo.length,
        sha256: createHash('sha256').update(photo).digest('hex'),
        storage_key: `attachments/2026/01/${id}`,
        thumbnail_key: null,
        width: 40,
        height: 30,
        created_at: new Date().toISOString(),
      })
      .execute();
    const served = await request(down.app, 'GET', `/api/attachments/${id}`, { token });
    expect(served.statusCode, served.body).toBe(503);
    expect(served.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(served.headers['retry-after'])).toBeGreaterThan(0);
  });
});
