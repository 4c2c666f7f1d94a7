import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where an upload's bytes wait while they arrive: a temporary file, not memory. A phone on a weak
 * signal may take minutes to send 10 MB, and a hundred of them at once must not hold a gigabyte of
 * the server's memory; a file that arrived whole is processed from here into another file.
 */
export interface Spooled {
  /** How many bytes arrived. */
  size: number;
  /** The SHA-256 of the bytes as they arrived (hex), taken while they were written. */
  sha256: string;
  /** The file, for those that read it as a stream (the image decoder, the storage). */
  path: string;
  /** The first bytes, which say what the file is. */
  head(length: number): Promise<Buffer>;
  /** A path beside the file for what is made from it; removed with it. */
  beside(suffix: string): string;
  remove(): Promise<void>;
}

/** Raised as the first byte over the limit arrives; the rest of the body is never read. */
export const FILE_TOO_LARGE = 'FST_REQ_FILE_TOO_LARGE';

/**
 * Streams a multipart file part into a new file under `dir`. The part ends early (busboy's
 * `limit` event) at the size limit: that is an error here, not a silently shortened file.
 */
export async function spool(file: Readable & { truncated?: boolean }, dir: string): Promise<Spooled> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${randomBytes(12).toString('hex')}.part`);
  let size = 0;
  const hash = createHash('sha256');
  file.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
  });
  const tooLarge = () => Object.assign(new Error('file too large'), { code: FILE_TOO_LARGE });
  file.once('limit', () => file.destroy(tooLarge()));
  try {
    await pipeline(file, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    // The limit can be met by the last chunk, after which the part simply ends shortened.
    if (file.truncated) throw tooLarge();
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  const made: string[] = [];
  return {
    size,
    sha256: hash.digest('hex'),
    path,
    async head(length) {
      const handle = await open(path, 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    beside(suffix) {
      const derived = `${path}.${suffix}`;
      made.push(derived);
      return derived;
    },
    async remove() {
      await Promise.all([path, ...made].map((file) => rm(file, { force: true })));
    },
  };
}
