import { open, rm } from 'node:fs/promises';
import { looksLikePdf, MediaRefused } from '../media';
import { FileWindow } from './file-window';
import { Encrypted, indexPdf } from './index-pass';
import { Malformed } from './lexer';
import { ActiveContent } from './objects';
import { type Written, writePdf } from './write-pass';

/**
 * An uploaded PDF made safe to keep, from the file `input` into the file `output`, streamed: the
 * file is read through a handle in bounded chunks, an index pass then a write pass, and never
 * held whole. Memory is bounded by the number of objects (the index: a position, its references
 * and a role each) and by caps — one object's non-stream part (4 MiB, OBJECT_CAP; at most
 * 500,000 values, MAX_VALUES) and one object stream's inflated data (16 MiB, OBJECT_STREAM_CAP) —
 * never by the file's size; stream data passes through one 64 KiB buffer.
 *
 * Refused as `active_content` when any object, in any revision, compressed or not, carries a name
 * that acts (scripts, actions, embedded files); as `undecodable` when it is encrypted, has no
 * header or end marker, no catalog, or an object that is not PDF syntax. What is kept has no
 * document information dictionary (Author, Creator, Producer, dates…), no XMP and no piece info.
 */
export async function sanitizePdf(input: string, output: string): Promise<Written> {
  const handle = await open(input, 'r');
  try {
    const { size } = await handle.stat();
    const head = await readAt(handle, 0, Math.min(16, size));
    const tail = await readAt(handle, Math.max(0, size - 1024), Math.min(1024, size));
    if (!looksLikePdf(Buffer.concat([head, tail]))) throw new MediaRefused('undecodable');
    const version = /^%PDF-(\d\.\d)/.exec(head.toString('latin1'))?.[1] ?? '1.7';

    const window = new FileWindow(handle, size);
    const index = await indexPdf(input, window);
    const root = index.root;
    if (root === undefined || index.objects.get(root)?.role !== 'catalog') {
      throw new MediaRefused('undecodable');
    }
    const out = await open(output, 'wx', 0o600);
    try {
      return await writePdf({ path: input, handle, window, version }, index, root, out);
    } finally {
      await out.close();
    }
  } catch (error) {
    await rm(output, { force: true });
    throw refusal(error);
  } finally {
    await handle.close();
  }
}

function refusal(error: unknown): unknown {
  if (error instanceof ActiveContent) return new MediaRefused('active_content');
  if (error instanceof Malformed || error instanceof Encrypted) return new MediaRefused('undecodable');
  return error;
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number) {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, position);
  return buffer.subarray(0, bytesRead);
}
