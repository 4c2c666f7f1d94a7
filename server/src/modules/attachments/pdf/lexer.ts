import { decodeName, type PdfValue } from './objects';

/**
 * A PDF lexer and object parser (ISO 32000-1 §7.2 lexical conventions, §7.3 objects) over a view
 * of the file's bytes. The view may end before the file does: reaching its end mid-token throws
 * Incomplete, and the caller retries with a longer view (up to a cap), so nothing needs the file
 * whole. Anything that is not PDF syntax throws Malformed.
 */
export class Malformed extends Error {}
export class Incomplete extends Error {}

/** Arrays and dictionaries nested deeper than this are refused, not recursed into. */
const MAX_DEPTH = 64;
/**
 * The most values one object may hold. Each takes some 50–100 bytes once parsed, so this, not the
 * object's size in the file, bounds what one object costs: a few tens of MB at worst.
 */
const MAX_VALUES = 500_000;

const isWhitespace = (byte: number) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
/** A byte that belongs to a name, number or keyword (§7.2.2: neither white space nor delimiter). */
export const isRegular = (byte: number) => !isWhitespace(byte) && !DELIMITERS.has(byte);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const INTEGER = /^\d+$/;

type Token =
  | { type: 'word'; text: string }
  | { type: 'name'; name: string }
  | { type: 'string'; bytes: string }
  | { type: 'punct'; text: '<<' | '>>' | '[' | ']' }
  | { type: 'end' };

export class Lexer {
  private values = 0;

  /** `bytes` is a view; `final` says whether it ends where the file (or the decoded stream) ends. */
  constructor(
    private readonly bytes: Buffer,
    public pos = 0,
    private readonly final = true,
  ) {}

  private byteAt(at: number): number {
    if (at < this.bytes.length) return this.bytes[at] as number;
    if (this.final) return -1;
    throw new Incomplete();
  }

  /** Skips white space and comments (§7.2.3). */
  skipSpace(): void {
    for (;;) {
      const byte = this.byteAt(this.pos);
      if (byte === 0x25) {
        while (![0x0a, 0x0d, -1].includes(this.byteAt(this.pos))) this.pos += 1;
      } else if (byte !== -1 && isWhitespace(byte)) this.pos += 1;
      else return;
    }
  }

  private token(): Token {
    this.skipSpace();
    const start = this.pos;
    const byte = this.byteAt(start);
    if (byte === -1) return { type: 'end' };
    this.pos += 1;
    if (byte === 0x2f) return { type: 'name', name: decodeName(this.regularRun()) };
    if (byte === 0x28) return { type: 'string', bytes: this.literalString() };
    if (byte === 0x5b) return { type: 'punct', text: '[' };
    if (byte === 0x5d) return { type: 'punct', text: ']' };
    if (byte === 0x3c) {
      if (this.byteAt(this.pos) !== 0x3c) return { type: 'string', bytes: this.hexString() };
      this.pos += 1;
      return { type: 'punct', text: '<<' };
    }
    if (byte === 0x3e) {
      if (this.byteAt(this.pos) !== 0x3e) throw new Malformed('a lone >');
      this.pos += 1;
      return { type: 'punct', text: '>>' };
    }
    if (!isRegular(byte)) throw new Malformed(`unexpected ${String.fromCharCode(byte)}`);
    this.pos = start;
    return { type: 'word', text: this.regularRun() };
  }

  /** The regular bytes from here on: a name's body, a number or a keyword. */
  private regularRun(): string {
    const start = this.pos;
    for (let byte = this.byteAt(this.pos); byte !== -1 && isRegular(byte); byte = this.byteAt(this.pos)) {
      this.pos += 1;
    }
    return this.bytes.toString('latin1', start, this.pos);
  }

  /** §7.3.4.2: balanced parentheses, backslash escapes, a backslash before an end of line joins lines. */
  private literalString(): string {
    // The string is no longer than what is left of the view: one buffer of that size holds it.
    const out = Buffer.allocUnsafe(this.bytes.length - this.pos);
    let length = 0;
    const push = (byte: number) => {
      out[length] = byte;
      length += 1;
    };
    let depth = 1;
    for (;;) {
      const byte = this.byteAt(this.pos);
      if (byte === -1) throw new Malformed('unterminated string');
      this.pos += 1;
      if (byte === 0x28) depth += 1;
      if (byte === 0x29 && --depth === 0) return out.toString('latin1', 0, length);
      if (byte !== 0x5c) {
        push(byte);
        continue;
      }
      const next = this.byteAt(this.pos);
      if (next === -1) throw new Malformed('unterminated string');
      this.pos += 1;
      const simple = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c }[next];
      if (simple !== undefined) push(simple);
      else if (next >= 0x30 && next <= 0x37) {
        let code = next - 0x30;
        for (let i = 0; i < 2; i += 1) {
          const digit = this.byteAt(this.pos);
          if (digit < 0x30 || digit > 0x37) break;
          code = code * 8 + digit - 0x30;
          this.pos += 1;
        }
        push(code & 0xff);
      } else if (next === 0x0d) {
        if (this.byteAt(this.pos) === 0x0a) this.pos += 1;
      } else if (next !== 0x0a) push(next);
    }
  }

  /** §7.3.4.3: hex digits, white space ignored, an odd last digit followed by 0. */
  private hexString(): string {
    let digits = '';
    for (;;) {
      const byte = this.byteAt(this.pos);
      if (byte === -1) throw new Malformed('unterminated hex string');
      this.pos += 1;
      if (byte === 0x3e) break;
      if (isWhitespace(byte)) continue;
      const char = String.fromCharCode(byte);
      if (!/[0-9a-fA-F]/.test(char)) throw new Malformed('bad hex string');
      digits += char;
    }
    if (digits.length % 2 === 1) digits += '0';
    return Buffer.from(digits, 'hex').toString('latin1');
  }

  /** The keyword at this point (after white space), consumed, or null if something else is. */
  keyword(): string | null {
    const before = this.pos;
    const token = this.token();
    if (token.type === 'word' && !NUMBER.test(token.text)) return token.text;
    this.pos = before;
    return null;
  }

  /** One object (§7.3): a direct value, or a reference `N G R`. */
  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new Malformed('nested too deeply');
    this.values += 1;
    if (this.values > MAX_VALUES) throw new Malformed('too many values in one object');
    const token = this.token();
    switch (token.type) {
      case 'name':
        return { type: 'name', name: token.name };
      case 'string':
        return { type: 'string', bytes: token.bytes };
      case 'end':
        throw new Malformed('an object is missing');
      case 'punct':
        if (token.text === '[') return this.array(depth);
        if (token.text === '<<') return this.dict(depth);
        throw new Malformed(`unexpected ${token.text}`);
      case 'word':
        return this.word(token.text);
    }
  }

  private word(text: string): PdfValue {
    if (text === 'true' || text === 'false') return { type: 'bool', value: text === 'true' };
    if (text === 'null') return { type: 'null' };
    if (!NUMBER.test(text)) throw new Malformed(`unexpected keyword ${text.slice(0, 20)}`);
    if (INTEGER.test(text)) {
      const before = this.pos;
      const gen = this.token();
      if (gen.type === 'word' && INTEGER.test(gen.text)) {
        const r = this.token();
        if (r.type === 'word' && r.text === 'R') {
          return { type: 'ref', num: objectNumber(text), gen: generation(gen.text) };
        }
      }
      this.pos = before;
    }
    return { type: 'number', text };
  }

  private array(depth: number): PdfValue {
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.byteAt(this.pos) === 0x5d) {
        this.pos += 1;
        return { type: 'array', items };
      }
      items.push(this.value(depth + 1));
    }
  }

  private dict(depth: number): PdfValue {
    const entries: [string, PdfValue][] = [];
    for (;;) {
      const key = this.token();
      if (key.type === 'punct' && key.text === '>>') return { type: 'dict', entries };
      if (key.type !== 'name') throw new Malformed('a dictionary key is not a name');
      entries.push([key.name, this.value(depth + 1)]);
    }
  }
}

/** The implementation limits of Annex C: object numbers below 2^23, generations up to 65535. */
export function objectNumber(text: string): number {
  const num = Number(text);
  if (!(Number.isInteger(num) && num > 0 && num < 8_388_608)) throw new Malformed('bad object number');
  return num;
}

export function generation(text: string): number {
  const gen = Number(text);
  if (!(Number.isInteger(gen) && gen >= 0 && gen <= 65_535)) throw new Malformed('bad generation');
  return gen;
}
