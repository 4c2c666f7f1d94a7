import { createHash, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import { buildApp } from '@xinfang/server/app';
import { purgeUnusedAttachments, removeUnnamedUploadFiles } from '@xinfang/server/attachments';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp, testConfig } from '@xinfang/server/testing';
import { isErrorCode } from '@xinfang/shared/errors';
import {
  type Attachment,
  AttachmentSchema,
  type PetitionDetail,
  type Submitted,
} from '@xinfang/shared/schemas/petitions';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogCapture, request, Sessions } from './support/sign-in';

/**
 * Attachments end to end over HTTP, on the suite's database and a real directory: real images made
 * with sharp (a phone photo with EXIF GPS and a sideways orientation, a PNG, a WebP, a GIF), a PDF
 * written by hand, and fakes. Who may fetch what is tried with the demo people: 张伟 (a worker of
 * 东山煤矿), 李娜 (西河煤矿), 王秀英 (a resident); staff of the group, of 东山 and of 西河.
 */

const ZHANG = '13800000001';
const LI = '13800000002';
const WANG = '13900000003';
const MAX_BYTES = 1024 * 1024;
const MAX_UNUSED = 15;

let t: TestApp;
let app: FastifyInstance;
let sessions: Sessions;
let uploadDir: string;
let units: Map<string, string>;
const logs = new LogCapture();

beforeAll(async () => {
  uploadDir = join(await mkdtemp(join(tmpdir(), 'xf-attachments-')), 'files');
  t = await buildTestApp(
    {
      logLevel: 'info',
      uploadDir,
      uploadMaxBytes: MAX_BYTES,
      uploadMaxUnused: MAX_UNUSED,
      // Two uploads are processed at once: the copies of one upload below meet before committing.
      uploadProcessingConcurrency: 2,
    },
    { logDestination: logs.stream },
  );
  app = t.app;
  expect(await seedDemoIfEmpty(app.db, app.pii)).toBe(true);
  sessions = new Sessions(app, logs);
  const rows = await app.db.selectFrom('org_unit').select(['id', 'code']).execute();
  units = new Map(rows.map((r) => [r.code, r.id]));
});

afterAll(async () => {
  await t?.close();
  if (uploadDir) await rm(join(uploadDir, '..'), { recursive: true, force: true });
});

// ---------------------------------------------------------------- requests

function multipart(bytes: Buffer, filename: string, type: string, field = 'file') {
  const boundary = `----xf${randomUUID().replace(/-/g, '')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    `Content-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(
  who: string | null,
  bytes: Buffer,
  filename = 'upload.bin',
  type = 'application/octet-stream',
  field = 'file',
): Promise<LightMyRequestResponse> {
  const form = multipart(bytes, filename, type, field);
  const headers: Record<string, string> = { 'content-type': form.contentType };
  if (who) headers.authorization = `Bearer ${await sessions.token(who)}`;
  return app.inject({ method: 'POST', url: '/api/attachments', headers, payload: form.payload });
}

async function uploaded(who: string, bytes: Buffer, filename: string, type: string): Promise<Attachment> {
  const response = await upload(who, bytes, filename, type);
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as Attachment;
  expect(Value.Check(AttachmentSchema, body)).toBe(true);
  return body;
}

async function fetchAs(who: string | null, id: string, variant: '' | '/thumbnail' = '') {
  return request(app, 'GET', `/api/attachments/${id}${variant}`, {
    token: who ? await sessions.token(who) : undefined,
  });
}

function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect({ status: response.statusCode, code: response.json()?.error?.code }, response.body).toEqual({
    status,
    code,
  });
  expect(Object.keys(response.json())).toEqual(['error']);
  expect(isErrorCode(response.json().error.code)).toBe(true);
  expect(typeof response.json().error.message).toBe('string');
  return response.json().error as { code: string; message: string };
}

async function submit(who: string, body: Record<string, unknown>): Promise<PetitionDetail> {
  const response = await request(app, 'POST', '/api/petitions', {
    token: await sessions.token(who),
    headers: { 'idempotency-key': randomUUID() },
    body: { categoryCode: 'other', title: '井口澡堂热水', content: uniqueText(), ...body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as Submitted).petition;
}

function uniqueText(): string {
  return `反映情况：${randomUUID()}，请尽快处理。`;
}

function unit(code: string): string {
  const id = units.get(code);
  if (!id) throw new Error(`no unit ${code}`);
  return id;
}

async function row(id: string) {
  return app.db
    .selectFrom('attachment')
    .select([
      'id',
      'owner_id',
      'petition_id',
      'kind',
      'mime',
      'byte_size',
      'sha256',
      'storage_key',
      'thumbnail_key',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Where the local storage keeps a key. */
const pathOf = (key: string) => join(uploadDir, ...key.split('/'));

/**
 * What is in the spool now, read without yielding: nothing can run between an answer arriving
 * and this look, so a file an upload removes only after answering is still seen.
 */
const spoolNow = () => readdirSync(join(uploadDir, '.spool'));

/** Makes stored files look written `hours` ago. */
async function aged(keys: readonly string[], hours: number) {
  const then = new Date(Date.now() - hours * 3600_000);
  for (const key of keys) await utimes(pathOf(key), then, then);
}

/** Every stored file under the upload directory (without the in-progress folder). */
async function storedFiles(): Promise<string[]> {
  try {
    const entries = await readdir(uploadDir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).includes('.incoming'))
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- test files

/**
 * A phone photo as cameras write it: landscape pixels with EXIF orientation 6 ("turn me 90°
 * clockwise"), the GPS position of where it was taken, and the camera's make. Left half red,
 * right half blue, so turning it upright puts red on top.
 */
async function phonePhoto(): Promise<Buffer> {
  const half = (color: { r: number; g: number; b: number }) =>
    sharp({ create: { width: 600, height: 800, channels: 3, background: color } })
      .png()
      .toBuffer();
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#000' } })
    .composite([
      { input: await half({ r: 255, g: 0, b: 0 }), left: 0, top: 0 },
      { input: await half({ r: 0, g: 0, b: 255 }), left: 600, top: 0 },
    ])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Copyright: '张伟' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 51/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '112/1 33/1 4321/100',
      },
    })
    .toBuffer();
}

/** Whether an EXIF block holds a GPS directory (tag 0x8825, either byte order). */
function hasGps(exif: Buffer | undefined): boolean {
  return (
    exif !== undefined &&
    (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])))
  );
}

/** A valid one-page PDF, written by hand with a correct cross-reference table. */
function tinyPdf(note = 'scan'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let text = `%PDF-1.4\n%${note}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

/** A PNG whose header claims 20000 × 20000 pixels (400 MP) over a few bytes of data: a decompression bomb. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(60_001))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function pixel(image: Buffer, x: number, y: number) {
  const { data } = await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({
    resolveWithObject: true,
  });
  return { r: data[0] ?? 0, g: data[1] ?? 0, b: data[2] ?? 0 };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------- the suites

describe('uploading an image', () => {
  let photo: Attachment;
  let original: Buffer;

  it('stores a phone photo upright and without its EXIF, GPS position or camera', async () => {
    original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before).toMatchObject({ format: 'jpeg', width: 1200, height: 800, orientation: 6 });
    expect(hasGps(before.exif)).toBe(true);

    photo = await uploaded(ZHANG, original, 'IMG_20261123_081500.jpg', 'image/jpeg');
    expect(photo).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      width: 800,
      height: 1200,
      hasThumbnail: true,
    });

    const response = await fetchAs(ZHANG, photo.id);
    expect(response.statusCode).toBe(200);
    const stored = response.rawPayload;
    const after = await sharp(stored).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 800, height: 1200 });
    for (const field of ['exif', 'xmp', 'iptc', 'icc', 'comments', 'orientation'] as const) {
      expect(after[field], field).toBeUndefined();
    }
    for (const text of ['Exif', 'PhoneMaker', 'GPS'])
      expect(stored.includes(Buffer.from(text)), text).toBe(false);
    // Turned, not merely relabelled: the left (red) half is now on top.
    expect((await pixel(stored, 400, 100)).r).toBeGreaterThan(200);
    expect((await pixel(stored, 400, 100)).b).toBeLessThan(60);
    expect((await pixel(stored, 400, 1100)).b).toBeGreaterThan(200);
    expect((await pixel(stored, 400, 1100)).r).toBeLessThan(60);
  });

  it('records size and checksum of the stored bytes, and keeps the file under the upload directory', async () => {
    const response = await fetchAs(ZHANG, photo.id);
    const stored = await row(photo.id);
    expect(stored).toMatchObject({
      owner_id: (await sessions.answer(ZHANG)).me.id,
      petition_id: null,
      byte_size: response.rawPayload.length,
      sha256: sha256(response.rawPayload),
    });
    expect(photo.byteSize).toBe(response.rawPayload.length);
    const onDisk = await readFile(join(uploadDir, ...(stored?.storage_key ?? '').split('/')));
    expect(onDisk.equals(response.rawPayload)).toBe(true);
    // The upload as received and the image made from it (streamed to the store) are gone.
    expect(await readdir(join(uploadDir, '.spool'))).toEqual([]);
  });

  it('starting another instance on the same folder keeps an upload in flight, and clears a crash’s leftover', async () => {
    // In a cluster every instance spools under the one UPLOAD_DIR (docs/deployment.md).
    const spoolDir = join(uploadDir, '.spool');
    const arriving = join(spoolDir, 'arriving.part');
    const leftover = join(spoolDir, 'leftover.part');
    await writeFile(arriving, 'still arriving');
    await writeFile(leftover, 'left by a crash');
    const longAgo = new Date(Date.now() - t.config.http.requestTimeoutMs - 2 * 60 * 60 * 1000);
    await utimes(leftover, longAgo, longAgo);
    const another = await buildApp(testConfig({ databaseUrl: t.config.databaseUrl, uploadDir }));
    try {
      expect(await readdir(spoolDir)).toEqual(['arriving.part']);
    } finally {
      await another.close();
      await rm(arriving);
    }
  });

  it('makes a small JPEG thumbnail without metadata', async () => {
    const response = await fetchAs(ZHANG, photo.id, '/thumbnail');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    const thumbnail = await sharp(response.rawPayload).metadata();
    expect(thumbnail).toMatchObject({ format: 'jpeg', width: 213, height: 320 });
    expect(thumbnail.exif).toBeUndefined();
    expect(response.rawPayload.length).toBeLessThan(20_000);
  });

  it('serves files inline with their type, a neutral name, no cached copy and nosniff', async () => {
    const response = await fetchAs(ZHANG, photo.id);
    expect(response.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': `inline; filename="attachment-${photo.id}.jpg"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  it('shrinks a large PNG to 2560 px on its long side and strips its ICC profile and EXIF', async () => {
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: '#3a7' } })
      .png()
      .withIccProfile('p3')
      .withExif({ IFD0: { Copyright: 'someone' } })
      .toBuffer();
    expect((await sharp(png).metadata()).icc).toBeDefined();
    const stored = await uploaded(ZHANG, png, 'screen.png', 'image/png');
    expect(stored).toMatchObject({ kind: 'image', mime: 'image/png', width: 2560, height: 853 });
    const meta = await sharp((await fetchAs(ZHANG, stored.id)).rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 2560, height: 853, hasAlpha: true });
    expect(meta.icc).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    const thumbnail = await sharp((await fetchAs(ZHANG, stored.id, '/thumbnail')).rawPayload).metadata();
    expect(Math.max(thumbnail.width ?? 0, thumbnail.height ?? 0)).toBe(320);
  });

  it('keeps a WebP as WebP without its EXIF, and turns a GIF into a PNG of its first frame', async () => {
    const webp = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a33' } })
      .webp()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 51/1 0/1' } })
      .toBuffer();
    expect(hasGps((await sharp(webp).metadata()).exif)).toBe(true);
    const storedWebp = await uploaded(ZHANG, webp, 'photo.webp', 'image/webp');
    expect(storedWebp).toMatchObject({ mime: 'image/webp', width: 300, height: 200 });
    const webpMeta = await sharp((await fetchAs(ZHANG, storedWebp.id)).rawPayload).metadata();
    expect(webpMeta.format).toBe('webp');
    expect(webpMeta.exif).toBeUndefined();

    const gif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#33a' } })
      .gif()
      .toBuffer();
    const storedGif = await uploaded(ZHANG, gif, 'sticker.gif', 'image/gif');
    expect(storedGif).toMatchObject({ kind: 'image', mime: 'image/png', width: 64, height: 48 });
  });
});

describe('uploading a PDF', () => {
  it('keeps a PDF, written again without metadata, by its content even under a .jpg name, without a thumbnail', async () => {
    const pdf = tinyPdf();
    const stored = await uploaded(ZHANG, pdf, 'photo.jpg', 'image/jpeg');
    expect(stored).toMatchObject({
      kind: 'pdf',
      mime: 'application/pdf',
      width: null,
      height: null,
      hasThumbnail: false,
    });
    const response = await fetchAs(ZHANG, stored.id);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`inline; filename="attachment-${stored.id}.pdf"`);
    expect(response.rawPayload.length).toBe(stored.byteSize);
    expect((await row(stored.id))?.sha256).toBe(sha256(response.rawPayload));
    expect((await PDFDocument.load(response.rawPayload)).getPageCount()).toBe(1);
    expectError(await fetchAs(ZHANG, stored.id, '/thumbnail'), 404, 'NOT_FOUND');
  });

  it('refuses a PDF that would run a script, and keeps none of it', async () => {
    const withScript = Buffer.from(
      tinyPdf()
        .toString('latin1')
        .replace('/Type /Catalog', '/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
      'latin1',
    );
    const response = await upload(ZHANG, withScript, 'letter.pdf', 'application/pdf');
    expect(expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toContain('脚本');
  });
});

describe('refused uploads', () => {
  it('refuses anything that is not really an image or a PDF, whatever its name and declared type', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#888' } })
      .composite([
        {
          input: await sharp(Buffer.from(Array.from({ length: 200 * 150 * 3 }, (_, i) => (i * 37) % 256)), {
            raw: { width: 200, height: 150, channels: 3 },
          })
            .png()
            .toBuffer(),
          left: 100,
          top: 75,
        },
      ])
      .jpeg()
      .toBuffer();
    const pdf = tinyPdf();
    const fakes: [string, Buffer, string, string][] = [
      [
        'a Windows program',
        Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(512, 7)]),
        'photo.png',
        'image/png',
      ],
      ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>'), 'photo.png', 'image/png'],
      [
        'an SVG with a script',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'photo.png',
        'image/svg+xml',
      ],
      ['a truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'photo.jpg', 'image/jpeg'],
      [
        'a PNG signature over junk',
        Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]),
        'a.png',
        'image/png',
      ],
      ['a PDF cut off in transit', pdf.subarray(0, pdf.length - 30), 'scan.pdf', 'application/pdf'],
      [
        'a PDF header over a script',
        Buffer.from('%PDF-1.7\n<script>alert(1)</script>'),
        'scan.pdf',
        'application/pdf',
      ],
      [
        'a TIFF',
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
          .tiff()
          .toBuffer(),
        'scan.jpg',
        'image/jpeg',
      ],
      ['an empty file', Buffer.alloc(0), 'empty.jpg', 'image/jpeg'],
    ];
    const filesBefore = await storedFiles();
    const rowsBefore = await app.db.selectFrom('attachment').select('id').execute();
    for (const [what, bytes, name, type] of fakes) {
      const response = await upload(ZHANG, bytes, name, type);
      expect(response.statusCode, `${what}: ${response.body}`).toBe(415);
      expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await app.db.selectFrom('attachment').select('id').execute()).toEqual(rowsBefore);
  });

  it('refuses a request that is not multipart, or has no `file` field', async () => {
    const json = await request(app, 'POST', '/api/attachments', {
      token: await sessions.token(ZHANG),
      body: { file: 'aGVsbG8=' },
    });
    expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(
      await upload(ZHANG, tinyPdf(), 'scan.pdf', 'application/pdf', 'document'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses a file over the size limit with 413, and a decompression bomb before decoding it', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(MAX_BYTES + 1024, 3)]);
    const tooBig = await upload(ZHANG, big, 'huge.jpg', 'image/jpeg');
    expectError(tooBig, 413, 'PAYLOAD_TOO_LARGE');
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(2_000);
    const started = Date.now();
    expectError(await upload(ZHANG, bomb, 'bomb.png', 'image/png'), 413, 'PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('who may upload', () => {
  it('lets petitioners and the staff who scan (letters, proofs of delivery, seals) upload, and no one else', async () => {
    const pdf = tinyPdf();
    await uploaded(LI, pdf, 'a.pdf', 'application/pdf');
    for (const staff of ['reception', 'ds.reception', 'ds.handler', 'ds.head', 'admin']) {
      await uploaded(staff, pdf, 'scan.pdf', 'application/pdf');
    }
    for (const staff of ['supervisor', 'leader', 'ds.liaison']) {
      expectError(await upload(staff, pdf, 'scan.pdf', 'application/pdf'), 403, 'FORBIDDEN');
    }
    expectError(await upload(null, pdf, 'scan.pdf', 'application/pdf'), 401, 'UNAUTHENTICATED');
  });

  it('caps the unused uploads one person holds within a day with 429, and frees a place once one is used', async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_UNUSED; i += 1) {
      ids.push((await uploaded(WANG, tinyPdf(`n${i}`), `${i}.pdf`, 'application/pdf')).id);
    }
    const refused = await upload(WANG, tinyPdf(), 'one-more.pdf', 'application/pdf');
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    await submit(WANG, { kind: 'request', concernedUnitId: unit('JA-DS'), attachmentIds: ids.slice(0, 2) });
    await uploaded(WANG, tinyPdf(), 'one-more.pdf', 'application/pdf');
  });
});

describe('a retried upload (Idempotency-Key)', () => {
  async function keyedUpload(who: string, bytes: Buffer, key: string) {
    const form = multipart(bytes, 'photo.png', 'image/png');
    return app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: {
        authorization: `Bearer ${await sessions.token(who)}`,
        'content-type': form.contentType,
        'idempotency-key': key,
      },
      payload: form.payload,
    });
  }
  const countOf = async (ownerId: string) =>
    (await app.db.selectFrom('attachment').select('id').where('owner_id', '=', ownerId).execute()).length;
  const png = (seed: number) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: { r: seed, g: 80, b: 160 } } })
      .png()
      .toBuffer();

  /**
   * Holds each upload, its photo stored, at its thumbnail (through the storage the service is
   * given) until `copies` have got there: every copy is past the key's check before any commits,
   * so all but one meet the winner's record at the end and have files to remove, every time.
   */
  function meetBeforeCommitting(copies: number) {
    const put = app.storage.put;
    let arrived = 0;
    let open = () => {};
    const met = new Promise<void>((resolve) => {
      open = resolve;
    });
    const spy = vi.spyOn(app.storage, 'put').mockImplementation(async (key, bytes) => {
      arrived += 1;
      if (arrived === copies) open();
      await met;
      return put(key, bytes);
    });
    return { spy, open };
  }

  /** Two copies of one upload under one key, sent at once, both held until both stored a photo. */
  async function twins(photo: Buffer, key: string) {
    const held = meetBeforeCommitting(2);
    // A copy answered without storing anything must not keep the other waiting (it fails below).
    const send = () => keyedUpload('admin', photo, key).finally(held.open);
    try {
      const copies = await Promise.all([send(), send()]);
      expect(held.spy).toHaveBeenCalledTimes(2);
      return copies;
    } finally {
      held.spy.mockRestore();
    }
  }

  /** Both copies answered as one upload: the same answer, one of them replayed. */
  function answeredOnce(copies: LightMyRequestResponse[]): Attachment {
    for (const copy of copies) expect(copy.statusCode, copy.body).toBe(201);
    const [one, two] = copies.map((c) => c.json() as Attachment);
    expect(two).toEqual(one);
    expect(copies.filter((c) => c.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    if (!one) throw new Error('no answer');
    return one;
  }

  it('keeps a file sent twice under one key once, and answers the retry with the first answer', async () => {
    const photo = await png(1);
    const first = await keyedUpload(ZHANG, photo, 'same-key-123456');
    expect(first.statusCode, first.body).toBe(201);
    const ownerId = (await row((first.json() as Attachment).id))?.owner_id as string;
    const before = await countOf(ownerId);

    const retry = await keyedUpload(ZHANG, photo, 'same-key-123456');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countOf(ownerId)).toBe(before);

    // Other bytes under the same key are another request, not a retry.
    expectError(await keyedUpload(ZHANG, await png(2), 'same-key-123456'), 422, 'IDEMPOTENCY_KEY_REUSED');
    // The key is the uploader's own: someone else's upload under it is theirs, made anew.
    const other = await keyedUpload(LI, photo, 'same-key-123456');
    expect(other.statusCode, other.body).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect((other.json() as Attachment).id).not.toBe((first.json() as Attachment).id);
    expectError(await keyedUpload(ZHANG, photo, 'short'), 400, 'VALIDATION_FAILED');
  });

  it('replays an answered upload even when the cap of unused uploads has since been reached', async () => {
    const kept = await keyedUpload('ds.handler', tinyPdf('kept'), 'handler-scan-000001');
    expect(kept.statusCode, kept.body).toBe(201);
    for (let i = 0; i < MAX_UNUSED; i += 1) {
      if ((await upload('ds.handler', tinyPdf(`fill${i}`), 'f.pdf', 'application/pdf')).statusCode === 429) {
        break;
      }
    }
    expectError(await upload('ds.handler', tinyPdf('over'), 'o.pdf', 'application/pdf'), 429, 'RATE_LIMITED');
    const retry = await keyedUpload('ds.handler', tinyPdf('kept'), 'handler-scan-000001');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toEqual(kept.json());
  });

  it('stores one upload, its files once, when two copies under one key arrive at once', async () => {
    const photo = await png(3);
    const filesBefore = await storedFiles();
    const ownerId = (await sessions.answer('admin')).me.id;
    const rowsBefore = await countOf(ownerId);

    const copies = await twins(photo, 'twin-photo-000001');
    // Each copy answered only once the file it sent was gone from the spool.
    expect(spoolNow()).toEqual([]);
    const kept = await row(answeredOnce(copies).id);
    expect(await countOf(ownerId)).toBe(rowsBefore + 1);
    // The photo and its thumbnail, once: the copy that lost removed what it had stored.
    const keys = [kept?.storage_key, kept?.thumbnail_key].filter((k): k is string => Boolean(k));
    expect(keys).toHaveLength(2);
    expect((await storedFiles()).sort()).toEqual([...filesBefore, ...keys.map(pathOf)].sort());
  });

  it('removes the rest of what the losing copy stored when the store refuses one file, and logs that one', async () => {
    const photo = await png(5);
    const filesBefore = await storedFiles();
    const remove = app.storage.delete;
    const asked: string[] = [];
    const refusing = vi.spyOn(app.storage, 'delete').mockImplementation(async (key) => {
      asked.push(key);
      if (asked.length === 1) throw new Error('the store is unreachable');
      return remove(key);
    });
    let copies: LightMyRequestResponse[];
    try {
      copies = await twins(photo, 'twin-photo-000002');
    } finally {
      refusing.mockRestore();
    }
    // The loser answers as the winner did, not with the storage's failure.
    const kept = await row(answeredOnce(copies).id);
    const [left, removed] = asked;
    if (!left || !kept?.thumbnail_key) throw new Error('the losing copy removed nothing');
    expect(removed).toBe(`${left}-thumb`);
    expect(left).not.toBe(kept.storage_key);
    expect((await storedFiles()).sort()).toEqual(
      [...filesBefore, pathOf(kept.storage_key), pathOf(kept.thumbnail_key), pathOf(left)].sort(),
    );
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 50,
        storageKey: left,
        msg: 'file of an upload not kept is left in storage',
      }),
    );
    await app.storage.delete(left);
  });

  /**
   * Makes the COMMIT of the next transaction on the app's database fail as a connection lost
   * during it does, after the commit `landed` (its rows are really in) or after a rollback: the
   * service cannot tell which.
   */
  function commitLost(landed: boolean) {
    const real = app.db.transaction.bind(app.db);
    type Work = Parameters<ReturnType<typeof real>['execute']>[0];
    const lost = () =>
      Object.assign(new Error('Connection lost: The server closed the connection.'), {
        code: 'PROTOCOL_CONNECTION_LOST',
        fatal: true,
      });
    const rollback = new Error('rolled back');
    return vi.spyOn(app.db, 'transaction').mockImplementationOnce(() => {
      const builder = real();
      const execute = async (work: Work) => {
        if (landed) await builder.execute(work);
        else
          await builder
            .execute(async (trx) => {
              await work(trx);
              throw rollback;
            })
            .catch((error: unknown) => {
              if (error !== rollback) throw error;
            });
        throw lost();
      };
      return { execute } as unknown as ReturnType<typeof real>;
    });
  }

  /** An upload under `key` whose commit is lost (`commitLost`). */
  async function uploadLosingCommit(who: string, photo: Buffer, key: string, landed: boolean) {
    await sessions.token(who);
    const lost = commitLost(landed);
    try {
      return await keyedUpload(who, photo, key);
    } finally {
      expect(lost).toHaveBeenCalledTimes(1);
      lost.mockRestore();
    }
  }

  it('keeps an upload whose commit landed though the connection was lost during it, files and all', async () => {
    const photo = await png(6);
    const first = await uploadLosingCommit('ds.reception', photo, 'lost-commit-000001', true);
    // It is in: answered as made, not as a failure the phone would retry into a replay of files gone.
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const answer = first.json() as Attachment;
    const kept = await row(answer.id);
    for (const key of [kept?.storage_key, kept?.thumbnail_key])
      expect(await app.storage.stat(key ?? '')).not.toBeNull();
    const retry = await keyedUpload('ds.reception', photo, 'lost-commit-000001');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(answer);
    expect((await fetchAs('ds.reception', answer.id)).statusCode).toBe(200);
    expect((await fetchAs('ds.reception', answer.id, '/thumbnail')).statusCode).toBe(200);
  });

  it('keeps, and logs, the files of an upload whose lost commit is not seen, and makes the retry anew', async () => {
    const photo = await png(7);
    const first = await uploadLosingCommit('admin', photo, 'lost-commit-000002', false);
    expect(first.statusCode).toBeGreaterThanOrEqual(500);
    const left = logs
      .entries()
      .filter((e) => e.msg === 'file of an upload whose commit failed is kept: it may have landed');
    const id = String(left[0]?.attachmentId);
    const keys = left.map((e) => String(e.storageKey));
    expect(keys).toEqual([expect.stringContaining(id), `${keys[0]}-thumb`]);
    expect(left.every((e) => e.level === 40 && e.attachmentId === id)).toBe(true);
    expect(await row(id)).toBeUndefined();
    // On MySQL a COMMIT the server received may still land: nothing a row may name is removed.
    for (const key of keys) expect(await app.storage.stat(key)).not.toBeNull();
    const retry = await keyedUpload('admin', photo, 'lost-commit-000002');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect((retry.json() as Attachment).id).not.toBe(id);
    // No row names them: the sweep run a day on (its cutoff a day before it, now) removes them.
    expect(await removeUnnamedUploadFiles(app, new Date(Date.now() + 1000))).toBe(2);
    for (const key of keys) expect(await app.storage.stat(key)).toBeNull();
  });

  it('uploads anew a retry whose first upload the purge removed (unused for a day, its answer kept for two)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.now();
      const scan = tinyPdf('late retry');
      const first = await keyedUpload('ds.reception', scan, 'late-retry-000001');
      expect(first.statusCode, first.body).toBe(201);
      const firstId = (first.json() as Attachment).id;

      vi.setSystemTime(start + 30 * 3600_000);
      expect(await purgeUnusedAttachments(app, new Date(Date.now() - 24 * 3600_000))).toBeGreaterThan(0);
      expect(await row(firstId)).toBeUndefined();

      // Retried twice at once: one upload is made anew, and the other copy answers with it.
      const ownerId = (await sessions.answer('ds.reception')).me.id;
      const rowsBefore = await countOf(ownerId);
      const retries = await Promise.all([
        keyedUpload('ds.reception', scan, 'late-retry-000001'),
        keyedUpload('ds.reception', scan, 'late-retry-000001'),
      ]);
      for (const retry of retries) expect(retry.statusCode, retry.body).toBe(201);
      expect(retries.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
      const [renewed, twin] = retries.map((r) => r.json() as Attachment);
      expect(twin).toEqual(renewed);
      if (!renewed) throw new Error('no answer');
      expect(renewed.id).not.toBe(firstId);
      expect(await countOf(ownerId)).toBe(rowsBefore + 1);
      expect((await fetchAs('ds.reception', renewed.id)).statusCode).toBe(200);
      // The key now keeps the new answer; other bytes under it are still another request.
      const again = await keyedUpload('ds.reception', scan, 'late-retry-000001');
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(renewed);
      expectError(
        await keyedUpload('ds.reception', await png(4), 'late-retry-000001'),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
    } finally {
      vi.useRealTimers();
      // Its tokens were issued on the moved clock.
      sessions.forget('ds.reception');
    }
  });
});

describe('who may fetch', () => {
  let unused: Attachment;
  let used: Attachment;
  let petition: PetitionDetail;

  beforeAll(async () => {
    unused = await uploaded(ZHANG, tinyPdf('unused'), 'a.pdf', 'application/pdf');
    used = await uploaded(ZHANG, tinyPdf('used'), 'b.pdf', 'application/pdf');
  });

  it('shows an unused upload to its uploader alone, not even to group-level staff', async () => {
    expect((await fetchAs(ZHANG, unused.id)).statusCode).toBe(200);
    for (const other of [LI, 'reception', 'supervisor', 'ds.head', 'leader']) {
      expectError(await fetchAs(other, unused.id), 404, 'NOT_FOUND');
      expectError(await fetchAs(other, unused.id, '/thumbnail'), 404, 'NOT_FOUND');
    }
    expectError(await fetchAs(null, unused.id), 401, 'UNAUTHENTICATED');
    expectError(await fetchAs(ZHANG, '01JUNKJUNKJUNKJUNKJUNKJUNK'), 404, 'NOT_FOUND');
  });

  it('lists an attachment used in a submitted petition in its detail', async () => {
    petition = await submit(ZHANG, {
      kind: 'request',
      concernedUnitId: unit('JA-DS-ZC-1'),
      attachmentIds: [used.id],
    });
    expect(petition.attachments).toEqual([used]);
    const detail = await request(app, 'GET', `/api/petitions/${petition.id}`, {
      token: await sessions.token(ZHANG),
    });
    expect((detail.json() as PetitionDetail).attachments).toEqual([used]);
    expect((await row(used.id))?.petition_id).toBe(petition.id);
  });

  it("serves it to staff who may see the petition (audited), and not to another mine's staff", async () => {
    expect((await fetchAs(ZHANG, used.id)).statusCode).toBe(200);
    const response = await fetchAs('ds.head', used.id);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals((await fetchAs(ZHANG, used.id)).rawPayload)).toBe(true);
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome', 'details'])
      .where('action', '=', 'attachment.view')
      .where('target_id', '=', used.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_id: (await sessions.answer('ds.head')).me.id,
        outcome: 'success',
        details: JSON.stringify({ petitionId: petition.id, variant: 'original' }),
      },
    ]);
    for (const other of ['xh.handler', 'xh.head', LI])
      expectError(await fetchAs(other, used.id), 404, 'NOT_FOUND');
    const denied = await app.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'access.denied')
      .where('target_id', '=', used.id)
      .execute();
    expect(denied).toHaveLength(3);
  });

  it('closes the file it opened when a staff read cannot be audited', async () => {
    await sessions.token('ds.head');
    const opened: Readable[] = [];
    const get = app.storage.get.bind(app.storage);
    const spy = vi.spyOn(app.storage, 'get').mockImplementation(async (key) => {
      const stream = await get(key);
      if (stream) opened.push(stream);
      return stream;
    });
    await app.db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
    try {
      expect((await fetchAs('ds.head', used.id)).statusCode).toBe(500);
    } finally {
      await app.db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
      spy.mockRestore();
    }
    expect(opened.map((stream) => stream.destroyed)).toEqual([true]);
  });

  it('audits uploads without personal data', async () => {
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'attachment.upload')
      .where('target_id', '=', used.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toEqual({
      kind: 'pdf',
      mime: 'application/pdf',
      byteSize: used.byteSize,
    });
    expect(audit.actor_id).toBe((await sessions.answer(ZHANG)).me.id);
  });

  it('lets reception register a letter with its scan, which the receiving mine then sees', async () => {
    const scan = await uploaded('ds.reception', tinyPdf('letter'), 'letter.pdf', 'application/pdf');
    const response = await request(app, 'POST', '/api/petitions/register', {
      token: await sessions.token('ds.reception'),
      headers: { 'idempotency-key': randomUUID() },
      body: {
        kind: 'request',
        channel: 'letter',
        receivedAt: new Date().toISOString(),
        petitioner: { realName: '王秀英', phone: WANG },
        concernedUnitId: unit('JA-DS-JJ-1'),
        categoryCode: 'housing',
        title: '来信：宿舍漏雨',
        content: uniqueText(),
        attachmentIds: [scan.id],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as Submitted).petition.attachments.map((a) => a.id)).toEqual([scan.id]);
    expect((await fetchAs('ds.head', scan.id)).statusCode).toBe(200);
    expectError(await fetchAs('xh.head', scan.id), 404, 'NOT_FOUND');
    // The letter is 王秀英's only once she says so, signed in with the phone the desk wrote down.
    const petitionId = (response.json() as Submitted).petition.id;
    expectError(await fetchAs(WANG, scan.id), 404, 'NOT_FOUND');
    const claimed = await request(app, 'POST', `/api/me/registrations/${petitionId}`, {
      token: await sessions.token(WANG),
      body: { mine: true, queryCode: (response.json() as Submitted).queryCode },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect((await fetchAs(WANG, scan.id)).statusCode).toBe(200);
  });
});

describe('the accusation firewall (Art 30)', () => {
  it("never serves an accusation's attachments to staff of the accused unit, even where they see the petition", async () => {
    const evidence = await uploaded(ZHANG, await phonePhoto(), 'evidence.jpg', 'image/jpeg');
    // The whole group is accused: group staff still receive the case, but not who wrote it or the evidence.
    const accusation = await submit(ZHANG, {
      kind: 'accusation',
      categoryCode: 'cadre_conduct',
      concernedUnitId: unit('JA'),
      attachmentIds: [evidence.id],
    });
    const seen = await request(app, 'GET', `/api/petitions/${accusation.id}`, {
      token: await sessions.token('reception'),
    });
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as PetitionDetail).attachments).toEqual([]);
    for (const staff of ['reception', 'supervisor', 'leader']) {
      expectError(await fetchAs(staff, evidence.id), 404, 'NOT_FOUND');
      expectError(await fetchAs(staff, evidence.id, '/thumbnail'), 404, 'NOT_FOUND');
    }
    expect((await fetchAs(ZHANG, evidence.id)).statusCode).toBe(200);
  });

  it('serves them to the office that received the accusation when the accused is a mine below it', async () => {
    const evidence = await uploaded(ZHANG, tinyPdf('evidence'), 'evidence.pdf', 'application/pdf');
    const accusation = await submit(ZHANG, {
      kind: 'accusation',
      categoryCode: 'cadre_conduct',
      concernedUnitId: unit('JA-XH'),
      attachmentIds: [evidence.id],
    });
    expect((await fetchAs('reception', evidence.id)).statusCode).toBe(200);
    for (const staff of ['xh.head', 'xh.handler'])
      expectError(await fetchAs(staff, evidence.id), 404, 'NOT_FOUND');
    const seen = await request(app, 'GET', `/api/petitions/${accusation.id}`, {
      token: await sessions.token('reception'),
    });
    expect((seen.json() as PetitionDetail).attachments.map((a) => a.id)).toEqual([evidence.id]);
  });
});

describe('housekeeping', () => {
  it('purges unused uploads older than a day with their files, and keeps recent and used ones', async () => {
    const old = await uploaded(LI, await phonePhoto(), 'old.jpg', 'image/jpeg');
    const recent = await uploaded(LI, tinyPdf('recent'), 'recent.pdf', 'application/pdf');
    const usedOld = await uploaded(LI, tinyPdf('used-old'), 'used.pdf', 'application/pdf');
    await submit(LI, { kind: 'suggestion', concernedUnitId: unit('JA-XH'), attachmentIds: [usedOld.id] });
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000).toISOString();
    await app.db
      .updateTable('attachment')
      .set({ created_at: twoDaysAgo })
      .where('id', 'in', [old.id, usedOld.id])
      .execute();
    const oldRow = await row(old.id);
    const keys = [oldRow?.storage_key, oldRow?.thumbnail_key].filter((k): k is string => Boolean(k));
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await app.storage.stat(key)).not.toBeNull();

    const purged = await purgeUnusedAttachments(app, new Date(Date.now() - 24 * 3600_000));
    expect(purged).toBe(1);
    expect(await row(old.id)).toBeUndefined();
    for (const key of keys) expect(await app.storage.stat(key)).toBeNull();
    expectError(await fetchAs(LI, old.id), 404, 'NOT_FOUND');
    expect((await fetchAs(LI, recent.id)).statusCode).toBe(200);
    expect((await fetchAs(LI, usedOld.id)).statusCode).toBe(200);
    expect(await purgeUnusedAttachments(app, new Date(Date.now() - 24 * 3600_000))).toBe(0);
  });

  it('purges every unused upload when the store refuses to remove one file, and logs that one', async () => {
    const made = [
      await uploaded(LI, await phonePhoto(), 'a.jpg', 'image/jpeg'),
      await uploaded(LI, tinyPdf('purge-refused'), 'b.pdf', 'application/pdf'),
    ];
    await app.db
      .updateTable('attachment')
      .set({ created_at: new Date(Date.now() - 48 * 3600_000).toISOString() })
      .where(
        'id',
        'in',
        made.map((a) => a.id),
      )
      .execute();
    const rows = await Promise.all(made.map((a) => row(a.id)));
    const keys = rows.flatMap((r) => [r?.storage_key, r?.thumbnail_key]).filter((k): k is string => !!k);
    expect(keys).toHaveLength(3);
    const [refused, ...removed] = keys;
    const remove = app.storage.delete;
    const refusing = vi.spyOn(app.storage, 'delete').mockImplementation(async (key) => {
      if (key === refused) throw new Error('the store is unreachable');
      return remove(key);
    });
    try {
      expect(await purgeUnusedAttachments(app, new Date(Date.now() - 24 * 3600_000))).toBe(2);
    } finally {
      refusing.mockRestore();
    }
    for (const a of made) expect(await row(a.id)).toBeUndefined();
    for (const key of removed) expect(await app.storage.stat(key)).toBeNull();
    expect(await app.storage.stat(refused ?? '')).not.toBeNull();
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 50,
        storageKey: refused,
        msg: 'file of a purged upload is left in storage',
      }),
    );
    await app.storage.delete(refused ?? '');
  });

  it('removes, a day on, the stored upload files no row names, and none other', async () => {
    const kept = await row((await uploaded(LI, await phonePhoto(), 'kept.jpg', 'image/jpeg')).id);
    const named = [kept?.storage_key, kept?.thumbnail_key].filter((k): k is string => Boolean(k));
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    // Keys as an upload that never committed left them, in the month it was made.
    const folder = `attachments/${dayAgo.toISOString().slice(0, 4)}/${dayAgo.toISOString().slice(5, 7)}`;
    const stray = [`${folder}/${'STRAY'.padEnd(26, '0')}`, `${folder}/${'STRAY'.padEnd(26, '0')}-thumb`];
    const fresh = `${folder}/${'FRESH'.padEnd(26, '0')}`;
    const notAnUpload = `${folder}/notes.txt`;
    for (const key of [...stray, fresh, notAnUpload]) await app.storage.put(key, Buffer.from(key));
    await aged([...stray, notAnUpload, ...named], 25);

    expect(await removeUnnamedUploadFiles(app, new Date(Date.now() - 24 * 3600_000))).toBe(2);
    for (const key of stray) expect(await app.storage.stat(key)).toBeNull();
    // An upload in progress stores its files before its row commits: a recent file stays.
    for (const key of [...named, fresh, notAnUpload]) expect(await app.storage.stat(key)).not.toBeNull();
    for (const key of [fresh, notAnUpload]) await app.storage.delete(key);
  });

  it('answers 404 for an upload whose file has gone from the storage, and logs which one', async () => {
    const gone = await uploaded(WANG, tinyPdf('gone'), 'gone.pdf', 'application/pdf');
    await app.storage.delete((await row(gone.id))?.storage_key ?? '');
    expectError(await fetchAs(WANG, gone.id), 404, 'NOT_FOUND');
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 50,
        attachmentId: gone.id,
        variant: 'original',
        msg: 'attachment file is missing from storage',
      }),
    );
  });
});
