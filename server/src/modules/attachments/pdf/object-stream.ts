import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createInflate } from 'node:zlib';
import { Lexer, Malformed, objectNumber } from './lexer';
import { entryOf, integerEntry, nameEntry, type PdfValue } from './objects';

/** The most an object stream may inflate to: 16 MiB, held while its objects are read. */
const OBJECT_STREAM_CAP = 16 * 1024 * 1024;

/** Where a stream's data lies in the file: [start, end). */
export interface StreamRange {
  start: number;
  end: number;
}

/**
 * The objects packed in an object stream (§7.5.7): its data inflated (FlateDecode without a
 * predictor, the one filter writers use for it), streamed from the file, refused past
 * OBJECT_STREAM_CAP; then the header's `N` pairs of object number and offset from `/First`.
 * Calls `each` with every object's number, its index in the stream and its value.
 */
export async function readObjectStream(
  path: string,
  dict: PdfValue,
  range: StreamRange,
  each: (num: number, index: number, value: PdfValue) => void | Promise<void>,
): Promise<void> {
  const count = integerEntry(dict, 'N');
  const first = integerEntry(dict, 'First');
  if (count === undefined || first === undefined || count < 0 || first < 0) {
    throw new Malformed('object stream without /N or /First');
  }
  const data = await inflate(path, dict, range);
  const header = new Lexer(data.subarray(0, first));
  const slots: [number, number][] = [];
  for (let i = 0; i < count; i += 1) {
    const num = header.value();
    const offset = header.value();
    if (num.type !== 'number' || offset.type !== 'number') throw new Malformed('bad object stream header');
    slots.push([objectNumber(num.text), Number(offset.text)]);
  }
  for (const [index, [num, offset]] of slots.entries()) {
    if (!Number.isInteger(offset) || first + offset > data.length) throw new Malformed('bad offset');
    await each(num, index, new Lexer(data, first + offset).value());
  }
}

async function inflate(path: string, dict: PdfValue, range: StreamRange): Promise<Buffer> {
  const filter = entryOf(dict, 'Filter');
  const only = filter?.type === 'array' && filter.items.length === 1 ? filter.items[0] : filter;
  const parms = entryOf(dict, 'DecodeParms');
  if (only?.type !== 'name' || only.name !== 'FlateDecode' || (parms && parms.type !== 'null')) {
    throw new Malformed('object stream not plainly deflated');
  }
  if (range.end <= range.start) throw new Malformed('empty object stream');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    await pipeline(
      createReadStream(path, { start: range.start, end: range.end - 1 }),
      createInflate(),
      async (inflated: AsyncIterable<Buffer>) => {
        for await (const chunk of inflated) {
          size += chunk.length;
          if (size > OBJECT_STREAM_CAP) throw new Malformed('object stream too large');
          chunks.push(chunk);
        }
      },
    );
  } catch (error) {
    throw error instanceof Malformed ? error : new Malformed('object stream does not inflate');
  }
  return Buffer.concat(chunks);
}

export const isObjectStream = (dict: PdfValue) => nameEntry(dict, 'Type') === 'ObjStm';
