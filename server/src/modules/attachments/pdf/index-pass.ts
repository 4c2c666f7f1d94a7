import { afterEol, endstreamAt, locateData, topLevelToken } from './file-scan';
import type { FileWindow } from './file-window';
import { generation, Malformed, objectNumber } from './lexer';
import { isObjectStream, readObjectStream, type StreamRange } from './object-stream';
import { entryOf, inspect, integerEntry, integerOf, nameEntry, type PdfValue } from './objects';

/**
 * The index pass: the file read from start to end, as a reader rebuilds a damaged cross-reference
 * table (ISO 32000-1 §7.5, Annex C), so a wrong or lying xref does not matter. Every `N G obj …
 * endobj` is found and lexed; the last definition of a number wins, as incremental updates
 * (§7.5.6) mean it to. Objects packed in object streams (§7.5.7) are read there. What is kept of
 * each object is where it lies, what it refers to and what it is for — never its stream data —
 * so memory grows with the number of objects, not with the file's size.
 */

type Role = 'catalog' | 'metadata' | 'xref' | 'objstm' | 'other';

/** An object stream, as the write pass needs it to read its objects again. */
export interface Container {
  dict: PdfValue;
  range: StreamRange;
}

export type Where =
  /** `offset`: where the object's value starts, after `N G obj`. */
  | { kind: 'top'; offset: number; stream?: StreamRange & { after: number } }
  | { kind: 'packed'; container: Container; index: number };

export interface IndexedObject {
  gen: number;
  where: Where;
  /** The objects it refers to, less those the writer drops with the entries that held them. */
  refs: number[];
  role: Role;
  /** Its value, when that is a whole number (a stream's indirect `/Length`). */
  integer?: number;
}

export interface PdfIndex {
  objects: Map<number, IndexedObject>;
  /** The catalog named by the last trailer that names one. */
  root?: number;
  /** Document information dictionaries named by any trailer, of any revision. */
  infos: Set<number>;
}

/** How many unreadable objects may be set aside in one pass (each may cost a lex up to the cap). */
const MAX_SET_ASIDE = 16;

/** Thrown for an encrypted file: its objects cannot be read, so it cannot be checked. */
export class Encrypted extends Error {}

/** A stream whose `/Length` is a reference not yet known when the stream was passed. */
interface Pending {
  /** Its data as found by the keyword (`after`: just past `endstream`); the index holds this object. */
  range: StreamRange & { after: number };
  lengthOf: number;
}

/**
 * Indexes the file. A stream with an indirect `/Length` is passed at its `endstream` keyword;
 * if its length, once known, says the data runs further (the keyword occurring inside the data),
 * the file is read again with that length known — at most twice more. Until then an object that
 * does not lex after such a stream may be its data, so it is set aside rather than refused.
 */
export async function indexPdf(path: string, window: FileWindow): Promise<PdfIndex> {
  const known = new Map<number, number>();
  for (let round = 0; ; round += 1) {
    const { index, pending, unreadable } = await scan(path, window, known);
    let corrected = false;
    for (const { range, lengthOf } of pending) {
      const length = index.objects.get(lengthOf)?.integer;
      const end = range.start + (length ?? 0);
      if (length === undefined || end === range.end || (await endstreamAt(window, end)) === null) continue;
      // Only an end past the keyword changes what was read after it; a nearer one (an end of line
      // counted in the data) is set right in place.
      if (end <= range.after - 9) range.end = end;
      else {
        known.set(range.start, length);
        corrected = true;
      }
    }
    if (corrected && round < 2) continue;
    if (unreadable) throw unreadable;
    return index;
  }
}

async function scan(path: string, window: FileWindow, known: Map<number, number>) {
  const index: PdfIndex = { objects: new Map(), infos: new Set() };
  const pending: Pending[] = [];

  const trailer = (dict: PdfValue) => {
    inspect(dict);
    if (entryOf(dict, 'Encrypt')) throw new Encrypted();
    const root = entryOf(dict, 'Root');
    if (root?.type === 'ref') index.root = root.num;
    const info = entryOf(dict, 'Info');
    if (info?.type === 'ref') index.infos.add(info.num);
  };

  const streamObject = async (num: number, gen: number, offset: number, dict: PdfValue, dataFrom: number) => {
    if (dict.type !== 'dict') throw new Malformed('stream without a dictionary');
    const start = await afterEol(window, dataFrom);
    const lengthEntry = entryOf(dict, 'Length');
    const length =
      integerEntry(dict, 'Length') ??
      known.get(start) ??
      (lengthEntry?.type === 'ref' ? index.objects.get(lengthEntry.num)?.integer : undefined);
    const range = await locateData(window, start, length);
    if (length === undefined && lengthEntry?.type === 'ref') {
      pending.push({ range, lengthOf: lengthEntry.num });
    }
    const role = roleOf(dict);
    if (role === 'xref') trailer(dict);
    const entry = { gen, where: { kind: 'top', offset, stream: range } as const, role };
    index.objects.set(num, { ...entry, refs: inspect(dict, true) });
    if (role !== 'objstm') return range.after;
    const container = { dict, range };
    await readObjectStream(path, dict, range, (packed, i, value) => {
      index.objects.set(packed, {
        gen: 0,
        where: { kind: 'packed', container, index: i },
        refs: inspect(value),
        role: roleOf(value),
        integer: integerOf(value),
      });
    });
    return range.after;
  };

  const object = async (num: number, gen: number, offset: number) => {
    const { value, end } = await window.lex(offset, (lexer) => lexer.value());
    const { value: keyword, end: after } = await window.lex(end, (lexer) => lexer.keyword());
    if (keyword === 'stream') return streamObject(num, gen, offset, value, after);
    if (keyword !== 'endobj') throw new Malformed(`object ${num} does not end`);
    const entry = { gen, where: { kind: 'top', offset } as const, role: roleOf(value) };
    index.objects.set(num, { ...entry, refs: inspect(value), integer: integerOf(value) });
    return after;
  };

  let unreadable: Malformed | undefined;
  let setAside = 0;
  let previous: string[] = [];
  for (let pos = 0; ; ) {
    const token = await topLevelToken(window, pos);
    if (!token) break;
    pos = token.end;
    const [num, gen] = previous;
    if (token.text === 'obj' && num && gen && /^\d+$/.test(num) && /^\d+$/.test(gen)) {
      try {
        pos = await object(objectNumber(num), generation(gen), pos);
      } catch (error) {
        // Past a stream cut at an `endstream` inside its data, "objects" may be that data.
        if (!(error instanceof Malformed) || pending.length === 0) throw error;
        if (setAside >= MAX_SET_ASIDE) throw error;
        setAside += 1;
        unreadable = error;
      }
      previous = [];
    } else if (token.text === 'trailer') {
      const { value, end } = await window.lex(pos, (lexer) => lexer.value());
      trailer(value);
      pos = end;
      previous = [];
    } else previous = [previous[1] ?? '', token.text];
  }
  return { index, pending, unreadable };
}

function roleOf(value: PdfValue): Role {
  if (isObjectStream(value)) return 'objstm';
  const type = nameEntry(value, 'Type');
  if (type === 'Catalog') return 'catalog';
  if (type === 'Metadata') return 'metadata';
  if (type === 'XRef') return 'xref';
  return 'other';
}
