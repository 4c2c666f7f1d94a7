import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Principal } from '../access/principal';
import type { RequestContext } from '../http/request-context';
import { attachmentDeps } from '../modules/attachments/attachment.deps';
import { createAttachmentService } from '../modules/attachments/attachment.service';
import { spool } from '../modules/attachments/upload-spool';

const WIDTH = 480;
const HEIGHT = 640;

/**
 * A photo of a payslip, as far as a demo needs one: a light sheet with a header bar and rows of
 * dark lines. Made, not kept as a file; it is a few kilobytes and takes milliseconds.
 */
async function payslipPng(): Promise<Buffer> {
  const bar = (left: number, top: number, width: number, height: number) => ({
    input: { create: { width, height, channels: 3 as const, background: '#3a3a3a' } },
    left,
    top,
  });
  const rows = Array.from({ length: 9 }, (_, i) => [
    bar(40, 150 + i * 48, 150, 14),
    bar(300, 150 + i * 48, 60 + ((i * 37) % 80), 14),
  ]).flat();
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#f6f3ea' } })
    .composite([bar(40, 50, 400, 36), ...rows])
    .png()
    .toBuffer();
}

/**
 * Uploads demo photos the way `POST /api/attachments` does: the bytes are spooled to a file and go
 * through the attachment service's `upload`, so each is re-encoded without metadata, gets its
 * thumbnail and is stored and audited as its owner's unused upload, for a step to send.
 */
export function demoPhotoUploader(app: FastifyInstance) {
  const service = createAttachmentService(attachmentDeps(app));
  const spoolDir = join(app.config.uploadDir, '.spool');
  let photo: Promise<Buffer> | null = null;

  /** One photo's id, kept under `key` like a client's upload under its Idempotency-Key. */
  return async (context: RequestContext, owner: Principal, key: string): Promise<string> => {
    photo ??= payslipPng();
    const received = await spool(Readable.from([await photo]), spoolDir);
    try {
      const idem = { scope: 'demo-seed', key, requestHash: received.sha256 };
      return (await service.upload(context, owner, received, idem)).body.id;
    } finally {
      await received.remove();
    }
  };
}
