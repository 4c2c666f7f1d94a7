import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { CHUNK, type FileWindow } from './file-window';
import type { Container, IndexedObject, PdfIndex } from './index-pass';
import { Malformed } from './lexer';
import { readObjectStream, type StreamRange } from './object-stream';
import { type PdfValue, serialize, withoutMetadata } from './objects';

/**
 * The write pass: a new file holding the objects reachable from the catalog, and nothing else —
 * not the document information dictionary of any revision, not XMP metadata streams (§14.3), not
 * the old cross-reference or object streams, not orphans. Each dictionary loses its `/Metadata`
 * and `/PieceInfo` entries; stream data is copied from the input a chunk at a time; objects that
 * were packed in object streams become plain objects. A fresh classic cross-reference table
 * (§7.5.4) and trailer end it. The bytes are hashed and counted as they are written.
 */

export interface Written {
  byteSize: number;
  sha256: string;
}

/** Missing numbers up to this many between two kept ones are written as free entries, not a new subsection. */
const GAP_IN_SUBSECTION = 8;

class Output {
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private copyBuffer: Buffer | null = null;
  size = 0;

  constructor(private readonly handle: FileHandle) {}

  add(text: string | Buffer): void {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    this.hash.update(bytes);
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingSize += bytes.length;
  }

  /** Writes what was added once it fills a chunk, or now if `all`: one write per chunk, not per object. */
  async flush(all = false): Promise<void> {
    if (this.pendingSize === 0 || (!all && this.pendingSize < CHUNK)) return;
    await this.handle.write(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingSize = 0;
  }

  /**
   * Copies `range` of the input here. Data that fits a chunk is taken from the window, which
   * usually holds it already (the object's dictionary was just read there); longer data goes
   * through one reused buffer, read and written a chunk at a time: it is never held whole.
   */
  async copy(source: { handle: FileHandle; window: FileWindow }, range: StreamRange): Promise<void> {
    const length = range.end - range.start;
    if (length <= CHUNK) {
      const { bytes } = await source.window.view(range.start, length);
      if (bytes.length < length) throw new Malformed('stream data cut off');
      this.add(Buffer.from(bytes.subarray(0, length)));
      return;
    }
    await this.flush(true);
    this.copyBuffer ??= Buffer.allocUnsafe(CHUNK);
    for (let at = range.start; at < range.end; ) {
      const want = Math.min(this.copyBuffer.length, range.end - at);
      const { bytesRead } = await source.handle.read(this.copyBuffer, 0, want, at);
      if (bytesRead === 0) throw new Malformed('stream data cut off');
      const chunk = this.copyBuffer.subarray(0, bytesRead);
      this.hash.update(chunk);
      await this.handle.write(chunk);
      this.size += bytesRead;
      at += bytesRead;
    }
  }

  digest = () => this.hash.digest('hex');
}

/** The objects to keep: reachable from the root, less what carries metadata or file structure. */
function reachable(index: PdfIndex, root: number): Map<number, IndexedObject> {
  const kept = new Map<number, IndexedObject>();
  const queue = [root];
  for (let num = queue.pop(); num !== undefined; num = queue.pop()) {
    const object = index.objects.get(num);
    if (
      kept.has(num) ||
      !object ||
      index.infos.has(num) ||
      (object.role !== 'other' && object.role !== 'catalog')
    ) {
      continue;
    }
    kept.set(num, object);
    for (const ref of object.refs) queue.push(ref);
  }
  return kept;
}

export async function writePdf(
  source: { path: string; handle: FileHandle; window: FileWindow; version: string },
  index: PdfIndex,
  root: number,
  handle: FileHandle,
): Promise<Written> {
  const out = new Output(handle);
  out.add(`%PDF-${source.version}\n%\xe2\xe3\xcf\xd3\n`);
  const kept = reachable(index, root);
  const offsets = new Map<number, { offset: number; gen: number }>();
  const packed = new Map<Container, Map<number, number>>();

  const writeObject = (num: number, gen: number, value: PdfValue, stream?: StreamRange) => {
    offsets.set(num, { offset: out.size, gen });
    let clean = withoutMetadata(value);
    if (stream && clean.type === 'dict') {
      const length: PdfValue = { type: 'number', text: String(stream.end - stream.start) };
      clean = {
        type: 'dict',
        entries: [...clean.entries.filter(([key]) => key !== 'Length'), ['Length', length]],
      };
    }
    out.add(`${num} ${gen} obj\n${serialize(clean)}\n`);
  };

  // In the order they lie in the file, so the window moves forward as the index pass read it.
  const position = ({ where }: IndexedObject) => (where.kind === 'top' ? where.offset : -1);
  for (const [num, object] of [...kept].sort(([, a], [, b]) => position(a) - position(b))) {
    const { where } = object;
    if (where.kind === 'packed') {
      const wanted = packed.get(where.container) ?? new Map<number, number>();
      packed.set(where.container, wanted.set(where.index, num));
      continue;
    }
    const { value } = await source.window.lex(where.offset, (lexer) => lexer.value());
    writeObject(num, object.gen, value, where.stream);
    if (where.stream) {
      out.add('stream\n');
      await out.copy(source, where.stream);
      out.add('\nendstream\n');
    }
    out.add('endobj\n');
    await out.flush();
  }
  for (const [container, wanted] of packed) {
    await readObjectStream(source.path, container.dict, container.range, async (num, i, value) => {
      if (wanted.get(i) !== num) return;
      writeObject(num, 0, value);
      out.add('endobj\n');
      await out.flush();
    });
  }

  const xrefAt = out.size;
  out.add(crossReference(offsets));
  const size = [...offsets.keys()].reduce((max, num) => Math.max(max, num), 0) + 1;
  const rootGen = offsets.get(root)?.gen ?? 0;
  out.add(`trailer\n<< /Size ${size} /Root ${root} ${rootGen} R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  await out.flush(true);
  return { byteSize: out.size, sha256: out.digest() };
}

/**
 * A classic cross-reference table (§7.5.4): one subsection per run of numbers, short gaps in a run
 * listed as free entries, the free entries linked from entry 0 as the table requires.
 */
function crossReference(offsets: Map<number, { offset: number; gen: number }>): string {
  const nums = [0, ...[...offsets.keys()].sort((a, b) => a - b)];
  const runs: number[][] = [];
  for (const num of nums) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last !== undefined && num - last <= GAP_IN_SUBSECTION + 1) {
      for (let gap = last + 1; gap < num; gap += 1) run.push(gap);
      run.push(num);
    } else runs.push([num]);
  }
  const free = runs.flat().filter((num) => num !== 0 && !offsets.has(num));
  const nextFree = new Map(free.map((num, i) => [num, free[i + 1] ?? 0]));
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  let text = 'xref\n';
  for (const run of runs) {
    text += `${run[0]} ${run.length}\n`;
    for (const num of run) {
      const used = offsets.get(num);
      if (used) text += `${pad(used.offset, 10)} ${pad(used.gen, 5)} n \n`;
      else if (num === 0) text += `${pad(free[0] ?? 0, 10)} 65535 f \n`;
      else text += `${pad(nextFree.get(num) ?? 0, 10)} 00000 f \n`;
    }
  }
  return text;
}
