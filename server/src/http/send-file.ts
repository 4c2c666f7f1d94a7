import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ErrorBody } from '@xinfang/shared/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileStat, FileStorage } from '../integrations/storage/file-storage';
import { type ByteRange, requestedRange } from './byte-range';

/** The part of a stored file an answer carries: all of it (null), one range, or none it can have. */
export type FilePart = ByteRange | 'unsatisfiable' | null;

/** What a request asks of a stored file, decided before any byte of the file is read. */
export interface FileAsk {
  /** The part wanted of a file of this size and ETag (Range, checked by If-Range). */
  part(size: number, etag: string): FilePart;
  /** False for HEAD: the answer's headers only, so nothing is read. */
  body: boolean;
}

/** The part of a stored file a request asks for, by its Range and If-Range (RFC 9110 §14). */
export function fileAsk(request: FastifyRequest): FileAsk {
  const ifRange = request.headers['if-range'];
  return {
    // Sent twice, If-Range matches nothing: the whole file.
    part: (size, etag) =>
      requestedRange(request.headers.range, Array.isArray(ifRange) ? '' : ifRange, size, etag),
    body: request.method !== 'HEAD',
  };
}

/** A stored file opened for an answer: its size and ETag, and a stream of the part to send. */
export interface OpenedFile {
  size: number;
  /** A strong validator, quoted (`"…"`): the same bytes always have the same one. */
  etag: string;
  part: FilePart;
  /** Only the part's bytes; null when none go out (HEAD, or a part the file does not have). */
  stream: Readable | null;
}

/** An opened file as it goes out. */
export interface StoredFile extends OpenedFile {
  mime: string;
  /** ASCII only: it goes into the header as it is. */
  filename: string;
}

/**
 * Opens the part of the file under `key` that `ask` wants, reading none of the rest: ten staff
 * opening photos at once hold a stream each, never a file each, and a resumed download reads from
 * where it broke. Null when the file is not there, or is removed between the look and the read.
 * `etag`: a hash of the content kept with it (an attachment's SHA-256), else `storageEtag`.
 */
export async function openStored(
  storage: Pick<FileStorage, 'stat' | 'get'>,
  key: string,
  ask: FileAsk,
  etag?: string,
): Promise<OpenedFile | null> {
  const found = await storage.stat(key);
  if (!found) return null;
  const validator = etag ?? storageEtag(key, found);
  const part = ask.part(found.size, validator);
  if (!ask.body || part === 'unsatisfiable') {
    return { size: found.size, etag: validator, part, stream: null };
  }
  const stream = await storage.get(key, part ?? undefined);
  return stream && { size: found.size, etag: validator, part, stream };
}

/**
 * A strong ETag from what storage tells of a file, for one with no content hash kept (a thumbnail,
 * a notice's PDF, a seal). Strong, as If-Range needs (RFC 9110 §8.8.1), because these keys are
 * written once: a thumbnail with its upload, a notice's PDF once per variant from its fixed facts
 * (the same bytes when two first readers both render it), a seal under a new key each time. Were a
 * key ever written again, its modified time (and likely size) would change, and with it the tag.
 * Hashed, so the tag tells nothing of where or when the file is kept.
 */
export function storageEtag(key: string, found: FileStat): string {
  const facts = `${key}\u0000${found.size}\u0000${found.modifiedAt.getTime()}`;
  return `"${createHash('sha256').update(facts).digest('base64url')}"`;
}

/** What goes out: the whole file (range null) or one range of it. */
export type FileBody = (body: Readable, range: ByteRange | null) => Readable;

/**
 * A stored file as the answer, shown inline, with its `Content-Length` (so a phone shows how much
 * is left) and single `Range` requests (RFC 9110 §14): a download cut off resumes from where it
 * broke. Never kept in a cache: a reception PC's browser would hold named PDFs after sign-out, and
 * a copy served from it would skip the audit of the read and any change of access (a recusal).
 * `body` wraps what goes out, e.g. to record a delivery once the last byte has left; a HEAD
 * request's answer has no body, so `body` never runs for it.
 */
export function sendFile(
  reply: FastifyReply,
  file: StoredFile,
  cacheControl = 'no-store',
  body: FileBody = (whole) => whole,
): FastifyReply {
  reply
    .header('content-type', file.mime)
    .header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .header('accept-ranges', 'bytes')
    .header('etag', file.etag);
  const { part, stream } = file;
  if (part === 'unsatisfiable') {
    stream?.destroy();
    const refused: ErrorBody = {
      error: { code: 'RANGE_NOT_SATISFIABLE', message: '文件已经下载完整，或下载位置不对，请重新下载' },
    };
    return reply
      .code(416)
      .header('content-range', `bytes */${file.size}`)
      .header('content-type', 'application/json; charset=utf-8')
      .removeHeader('content-disposition')
      .send(JSON.stringify(refused));
  }
  // HEAD: an empty stream, as Fastify then keeps the Content-Length of the file that would go.
  const out = stream ? body(stream, part) : Readable.from([]);
  if (part === null) return reply.header('content-length', file.size).send(out);
  return reply
    .code(206)
    .header('content-range', `bytes ${part.start}-${part.end}/${file.size}`)
    .header('content-length', part.end - part.start + 1)
    .send(out);
}
