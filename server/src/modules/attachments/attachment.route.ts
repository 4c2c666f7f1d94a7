import { createHash } from 'node:crypto';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AttachmentSchema } from '@xinfang/shared/schemas/petitions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { AppError } from '../../errors';
import { type IdempotencyRequest, idempotencyKeyOf, isKept, sendAnswer } from '../../http/idempotency';
import { contextOf, principalOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { fileAsk, sendFile } from '../../http/send-file';
import { removeStaleFiles } from '../../integrations/storage/stale-files';
import { attachmentDeps } from './attachment.deps';
import {
  type AttachmentVariant,
  attachmentScope,
  createAttachmentService,
  type UploadAnswer,
} from './attachment.service';
import { limitImageMemory, perAccountUploads, taskGate } from './upload-limits';
import { FILE_TOO_LARGE, type Spooled, spool } from './upload-spool';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });
const UploadHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Optional: one key per chosen file, reused on every retry of it' }),
  ),
});
/** A petition's materials are personal data, and access can change (a recusal): no copy is kept. */
const CACHE_CONTROL = 'no-store';
/**
 * A spool file is left behind by a crash once nothing wrote to it for the request timeout (its
 * upload's longest arrival) and this hour more (waiting for, and going through, processing).
 */
const SPOOL_GRACE_MS = 60 * 60 * 1000;

/**
 * Attachments over HTTP: upload one file (multipart field `file`), then fetch it or its thumbnail.
 * Petitioners upload for their own petitions; staff upload scans: reception registering letters,
 * handlers and unit heads the signed 送达回证 of a delivery, unit heads and admins a unit's seal. Reading is decided by the `attachment` target: the uploader while unused, then
 * whoever may see the petition (Art 30 firewall included).
 *
 * An upload streams to a temporary file as it arrives (cut at the size limit, and by the server's
 * idle and request timeouts when it stalls); each account has a few in flight at most, and only a
 * few received files are held in memory for processing at once.
 */
const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createAttachmentService(attachmentDeps(app));
  const tags = ['attachments'];
  const attachmentTarget = { type: 'attachment', from: { param: 'id' } } as const;

  app.access.registerTarget('attachment', (id, request) => attachmentScope(app.db, id, request.principal));

  limitImageMemory();
  const spoolDir = join(app.config.uploadDir, '.spool');
  // Spool files a crash left behind: no upload outlives the restart of the server receiving it.
  await removeStaleFiles(spoolDir, new Date(), app.config.http.requestTimeoutMs + SPOOL_GRACE_MS);
  const uploadsOf = perAccountUploads(app.config.uploadConcurrencyPerAccount);
  const processing = taskGate(app.config.uploadProcessingConcurrency);

  // Multipart is parsed here only: every other route keeps refusing it.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: {
      fileSize: app.config.uploadMaxBytes,
      files: 1,
      fields: 4,
      fieldSize: 1024,
      parts: 5,
      headerPairs: 50,
    },
  });

  app.post(
    '/attachments',
    {
      // Staff upload scans: reception registering letters, whoever records a delivery (送达回证),
      // and unit heads and admins a unit's seal.
      config: { access: { signedIn: true, staffRoles: rolesWith('upload_files') } },
      schema: {
        tags,
        summary:
          'Upload one image (JPEG, PNG, WebP, GIF) or PDF as multipart field `file`, before submitting',
        description:
          'The type is decided by the bytes. Photos are re-encoded without any metadata (EXIF, GPS) and get a thumbnail. ' +
          'Refused: other types (415), files over the size limit (413), too many unused uploads (429).',
        consumes: ['multipart/form-data'],
        headers: UploadHeaders,
        response: answers({ 201: AttachmentSchema }),
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const owner = principalOf(request);
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      }
      const scope = `${owner.kind}:${owner.id}`;
      const key = request.headers['idempotency-key'] === undefined ? null : idempotencyKeyOf(request);
      // A retry of an upload already answered makes nothing new: the cap does not stop its replay
      // (the service applies it when the upload the answer names has since been purged).
      if (!(key && (await isKept(app.db, scope, key)))) await service.assertUnderCap(context, owner.id);
      const release = uploadsOf.take(owner.id);
      let spooled: Spooled | null = null;
      let answer: UploadAnswer;
      try {
        try {
          const part = await request.file();
          if (part?.fieldname !== 'file') {
            throw new AppError('VALIDATION_FAILED', '请在字段 file 中上传一个文件', [
              { path: '/body/file', message: 'must be a file' },
            ]);
          }
          spooled = await spool(part.file, spoolDir);
        } catch (error) {
          // What is left of the body is not worth reading: the connection closes after the answer.
          reply.header('connection', 'close');
          throw uploadError(error, app.config.uploadMaxBytes);
        }
        const received = spooled;
        // The same request is the same key with the same bytes: a multipart body cannot be
        // fingerprinted before it is read, so its file is, as it is spooled (its size and SHA-256).
        // The file's name and stated type are not part of it: the bytes decide what is kept.
        const idem: IdempotencyRequest | null =
          key === null
            ? null
            : {
                scope,
                key,
                requestHash: createHash('sha256')
                  .update(`${request.method} ${request.url}\u0000${received.size}\u0000${received.sha256}`)
                  .digest('hex'),
              };
        answer = await processing(() => service.upload(context, owner, received, idem));
      } finally {
        release();
        // Before the answer, as on a refusal: once the phone is told, nothing of what it sent is
        // left on the server but what is kept (the spool holds it as sent, GPS and all).
        await spooled?.remove();
      }
      return sendAnswer(reply, answer);
    },
  );

  async function send(request: FastifyRequest, reply: FastifyReply, id: string, variant: AttachmentVariant) {
    const file = await service.open(contextOf(request), principalOf(request), id, variant, fileAsk(request));
    return sendFile(reply, file, CACHE_CONTROL);
  }

  app.get(
    '/attachments/:id',
    {
      config: { access: { signedIn: true, staffRoles: rolesWith('read_cases'), target: attachmentTarget } },
      schema: {
        tags,
        summary: 'The file: to its uploader while unused, then to whoever may see its petition',
        params: IdParams,
        description: 'With its length; a single Range (If-Range by ETag) resumes a cut download.',
        response: answers({
          200: Type.String({ format: 'binary', description: 'The stored file' }),
          206: Type.String({ format: 'binary', description: 'The range asked for' }),
        }),
      },
    },
    (request, reply) => send(request, reply, request.params.id, 'original'),
  );

  app.get(
    '/attachments/:id/thumbnail',
    {
      config: { access: { signedIn: true, staffRoles: rolesWith('read_cases'), target: attachmentTarget } },
      schema: {
        tags,
        summary: "An image's thumbnail (a JPEG of at most 320 px), to the same people as the file",
        params: IdParams,
        response: answers({ 200: Type.String({ format: 'binary', description: 'A JPEG thumbnail' }) }),
      },
    },
    (request, reply) => send(request, reply, request.params.id, 'thumbnail'),
  );
};

/** Multipart's own failures in the API's words: too large is 413, anything else malformed is 400. */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === FILE_TOO_LARGE) {
    return new AppError('PAYLOAD_TOO_LARGE', `文件不能超过 ${sizeText(maxBytes)}`, {
      maxBytes,
    });
  }
  const busboy = error instanceof Error && /multipart|boundary|unexpected end|malformed/i.test(error.message);
  if ((typeof code === 'string' && code.startsWith('FST_')) || busboy) {
    return new AppError('BAD_REQUEST', '无法读取上传的内容');
  }
  return error;
}

function sizeText(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.floor(bytes / 1024)} KB`;
}

export default attachmentRoutes;
