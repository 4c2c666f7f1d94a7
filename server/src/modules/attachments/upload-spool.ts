import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where an upload's bytes wait while they arrive: a temporary file, not memory. A phone on a weak
 * signal may take minutes to send 10 MB, and a hundred of them at once must not hold a gigabyte of
 * the server's memory; only a file that arrived whole is read back, for as long as it is processed.
 */
export interface Spooled {
  /** How many bytes arrived. */
  size: number;
  read(): Promise<Buffer>;
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
  file.on('data', (chunk: Buffer) => {
    size += chunk.length;
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
  return { size, read: () => readFile(path), remove: () => rm(path, { force: true }) };
}

/** Removes what a crash left in the spool: no upload survives a restart of the server. */
export async function clearSpool(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
