import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ErrorBody } from '@xinfang/shared/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ByteRange, requestedRange } from './byte-range';

/** A stored file whose size is known, ready to be sent whole or in part. */
export interface StoredFile {
  /** The whole file, from its first byte. */
  stream: Readable;
  size: number;
  /** A strong validator, quoted (`"…"`): the same bytes always have the same one. */
  etag: string;
  mime: string;
  /** ASCII only: it goes into the header as it is. */
  filename: string;
}

/** What goes out: the whole file (range null) or one range of it. */
export type FileBody = (body: Readable, range: ByteRange | null) => Readable;

/**
 * A small stored file (a notice's PDF, a unit's seal, a thumbnail) read whole, to know its size
 * and ETag when storage keeps neither.
 */
export async function storedBytes(
  stream: Readable,
  mime: string,
  filename: string,
): Promise<StoredFile & { bytes: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  const etag = `"${createHash('sha256').update(bytes).digest('base64url')}"`;
  return { bytes, stream: Readable.from([bytes]), size: bytes.length, etag, mime, filename };
}

/**
 * A stored file as the answer, shown inline, with its `Content-Length` (so a phone shows how much
 * is left) and single `Range` requests (RFC 9110 §14): a download cut off resumes from where it
 * broke. Never kept in a cache: a reception PC's browser would hold named PDFs after sign-out, and
 * a copy served from it would skip the audit of the read and any change of access (a recusal).
 * `body` wraps what goes out, e.g. to record a delivery once the last byte has left.
 */
export function sendFile(
  request: FastifyRequest,
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
  const ifRange = request.headers['if-range'];
  // Sent twice, If-Range matches nothing: the whole file.
  const range = requestedRange(
    request.headers.range,
    Array.isArray(ifRange) ? '' : ifRange,
    file.size,
    file.etag,
  );
  if (range === 'unsatisfiable') {
    file.stream.destroy();
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
  if (range === null) {
    return reply.header('content-length', file.size).send(body(file.stream, null));
  }
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
    .header('content-length', range.end - range.start + 1)
    .send(body(Readable.from(slice(file.stream, range), { objectMode: false }), range));
}

/** The bytes of `range` from a stream of the whole file; the rest is never read. */
async function* slice(source: Readable, range: ByteRange): AsyncGenerator<Buffer> {
  let at = 0;
  // Leaving the loop early (past the range) destroys the source: its file or socket closes.
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    const next = at + bytes.length;
    if (next > range.start) {
      yield bytes.subarray(Math.max(0, range.start - at), Math.min(bytes.length, range.end + 1 - at));
    }
    at = next;
    if (at > range.end) break;
  }
}
