/**
 * PDF objects as the sanitizer holds them (ISO 32000-1 §7.3), written back in one canonical form,
 * and what it looks for in them: names that make a document act, references to follow, and the
 * entries that say who made it. Strings and names hold their bytes as latin1 text (one char, one byte).
 */
export type PdfValue =
  | { type: 'number'; text: string }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'name'; name: string }
  | { type: 'string'; bytes: string }
  | { type: 'ref'; num: number; gen: number }
  | { type: 'array'; items: PdfValue[] }
  | { type: 'dict'; entries: [string, PdfValue][] };

/**
 * Names that make a PDF act rather than show: scripts (`/JavaScript`, `/JS`), actions run on
 * opening or on events (`/OpenAction`, `/AA`), launching programs or other files (`/Launch`,
 * `/GoToR`, `/GoToE`), sending or fetching data (`/SubmitForm`, `/ImportData`), embedded
 * files and rich media (`/EmbeddedFile(s)`, `/RichMedia`, `/Sound`, `/Movie`, `/Rendition`), and
 * XFA forms. Found as a key or as a name value (`/S /JavaScript`), in any object, compressed or not.
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'OpenAction',
  'AA',
  'Launch',
  'GoToR',
  'GoToE',
  'SubmitForm',
  'ImportData',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'Sound',
  'Movie',
  'Rendition',
  'XFA',
]);

/** Where PDFs keep who made them and with what (§14.3 metadata, §14.5 page-piece dictionaries). */
const METADATA_KEYS = new Set(['Metadata', 'PieceInfo']);

export class ActiveContent extends Error {}

const hexEscape = /#([0-9a-fA-F]{2})/g;
const unescapeOnce = (text: string) =>
  text.replace(hexEscape, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** A name's `#xx` escapes decoded once (§7.3.5): the name as the file means it. */
export const decodeName = unescapeOnce;

/**
 * A name as a lenient reader may see it: escapes decoded in either case, again and again, so
 * `/J#2361vaScript` is `/JavaScript` too. Each round shortens the text, so this ends.
 */
function readerName(name: string): string {
  let text = name;
  for (let next = unescapeOnce(text); next !== text; next = unescapeOnce(text)) text = next;
  return text;
}

const isActiveName = (name: string) => ACTIVE_NAMES.has(readerName(name));

/**
 * Throws ActiveContent if the value holds an active name anywhere (key or value), and returns the
 * numbers of the objects it refers to, leaving out what the writer drops: metadata entries and,
 * for a stream's own dictionary, its `/Length` (written back as a number).
 */
export function inspect(value: PdfValue, isStreamDict = false): number[] {
  const refs: number[] = [];
  const walk = (v: PdfValue, follow: boolean): void => {
    if (v.type === 'name' && isActiveName(v.name)) throw new ActiveContent();
    if (v.type === 'ref' && follow) refs.push(v.num);
    if (v.type === 'array') for (const item of v.items) walk(item, follow);
    if (v.type === 'dict') {
      for (const [key, item] of v.entries) {
        if (isActiveName(key)) throw new ActiveContent();
        const dropped = METADATA_KEYS.has(key) || (isStreamDict && v === value && key === 'Length');
        walk(item, follow && !dropped);
      }
    }
  };
  walk(value, true);
  return [...new Set(refs)];
}

/** The value without `/Metadata` and `/PieceInfo` entries, at any depth. */
export function withoutMetadata(value: PdfValue): PdfValue {
  if (value.type === 'array') return { type: 'array', items: value.items.map(withoutMetadata) };
  if (value.type !== 'dict') return value;
  return {
    type: 'dict',
    entries: value.entries
      .filter(([key]) => !METADATA_KEYS.has(key))
      .map(([key, item]) => [key, withoutMetadata(item)]),
  };
}

/** The entry `key` of a dictionary, if the value is one and has it. */
export function entryOf(value: PdfValue, key: string): PdfValue | undefined {
  if (value.type !== 'dict') return undefined;
  return value.entries.findLast(([k]) => k === key)?.[1];
}

export const nameEntry = (value: PdfValue, key: string) => {
  const entry = entryOf(value, key);
  return entry?.type === 'name' ? entry.name : undefined;
};

/** An entry holding a whole number (direct), or undefined. */
export function integerEntry(value: PdfValue, key: string): number | undefined {
  const entry = entryOf(value, key);
  return entry ? integerOf(entry) : undefined;
}

export function integerOf(value: PdfValue): number | undefined {
  if (value.type !== 'number' || !/^[+-]?\d{1,15}$/.test(value.text)) return undefined;
  return Number(value.text);
}

const hex2 = (code: number) => code.toString(16).padStart(2, '0');
const delimiters = new Set('()<>[]{}/%#');

/** One canonical form: names escaped where needed (§7.3.5), every string as hex (§7.3.4.3). */
export function serialize(value: PdfValue): string {
  switch (value.type) {
    case 'number':
      return value.text.replace(/^\+/, '');
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'name':
      return serializeName(value.name);
    case 'string':
      return `<${Buffer.from(value.bytes, 'latin1').toString('hex')}>`;
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'array':
      return `[${value.items.map(serialize).join(' ')}]`;
    case 'dict':
      return `<<${value.entries.map(([key, item]) => `${serializeName(key)} ${serialize(item)}`).join(' ')}>>`;
  }
}

function serializeName(name: string): string {
  let text = '/';
  for (const char of name) {
    const code = char.charCodeAt(0);
    text += code < 0x21 || code > 0x7e || delimiters.has(char) ? `#${hex2(code)}` : char;
  }
  return text;
}
