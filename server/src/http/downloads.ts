import { finished, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * `Content-Disposition` for a download under its Chinese name (RFC 6266): `filename*` in UTF-8,
 * percent-encoded (RFC 5987), which browsers and WeChat use, and an ASCII `filename` for clients
 * that read only that.
 */
export function attachmentDisposition(name: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file name without the characters file systems refuse (a unit's name may hold a slash). */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_');
}

export interface StreamedRowsEnd {
  /** The rows handed to the writer. */
  rows: number;
  /** Every row was written and the answer ended; false when the source or the client broke off. */
  complete: boolean;
  /** Why it broke off: the row source failed, or the client went away. */
  failure?: 'source' | 'client';
}

/**
 * Streams rows as a file. The status line goes out before the rows, so a failure part-way cannot
 * become an error answer: the connection is destroyed instead, and the client sees a network error
 * rather than a cut-off file behind a 200. `ended` runs once the answer is over (complete or not),
 * e.g. to audit how many rows went out; its own failure is logged, never thrown.
 */
export function sendRows<T>(
  reply: FastifyReply,
  rows: AsyncIterable<T>,
  write: (rows: AsyncIterable<T>) => Readable,
  ended: (end: StreamedRowsEnd) => Promise<void>,
): FastifyReply {
  let count = 0;
  let sourceFailed = false;
  let sourceDone = false;
  async function* counted(): AsyncGenerator<T> {
    try {
      for await (const row of rows) {
        yield row;
        count += 1;
      }
      sourceDone = true;
    } catch (error) {
      sourceFailed = true;
      reply.log.error({ err: error }, 'a streamed download failed part-way');
      reply.raw.destroy();
      throw error;
    }
  }
  let answered = false;
  // Registered before `finished`, so it has run by the time that calls back.
  reply.raw.once('finish', () => {
    answered = true;
  });
  finished(reply.raw, () => {
    const complete = sourceDone && answered;
    const failure = complete ? undefined : sourceFailed ? 'source' : 'client';
    ended({ rows: count, complete, ...(failure ? { failure } : {}) }).catch((error: unknown) =>
      reply.log.error({ err: error }, 'recording the end of a streamed download failed'),
    );
  });
  return reply.send(write(counted()));
}
