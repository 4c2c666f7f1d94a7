import type { FileHandle } from 'node:fs/promises';
import { Incomplete, Lexer, Malformed } from './lexer';

/** How much of the file is read at a time. */
export const CHUNK = 64 * 1024;
/** The largest object the sanitizer reads, stream data aside (which is never held): 4 MiB. */
const OBJECT_CAP = 4 * 1024 * 1024;

/**
 * A window onto a file read through its handle in bounded chunks: the lexer works on the window,
 * which moves and grows (up to OBJECT_CAP) as it asks; the file is never read whole.
 */
export class FileWindow {
  private bytes = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** The bytes from `pos`, at least `atLeast` of them unless the file ends sooner. */
  async view(pos: number, atLeast = 1): Promise<{ bytes: Buffer; final: boolean }> {
    const end = this.start + this.bytes.length;
    if (pos < this.start || (end < this.size && pos + atLeast > end)) {
      const length = Math.max(0, Math.min(Math.max(atLeast, CHUNK), this.size - pos));
      const { buffer, bytesRead } = await this.handle.read(Buffer.allocUnsafe(length), 0, length, pos);
      this.bytes = buffer.subarray(0, bytesRead);
      this.start = pos;
    }
    const bytes = this.bytes.subarray(pos - this.start);
    return { bytes, final: this.start + this.bytes.length >= this.size };
  }

  /**
   * Runs `read` on a lexer at `pos`, with a longer view each time the view ends too soon; returns
   * what it read and the position after it. An object longer than OBJECT_CAP is Malformed.
   */
  async lex<T>(pos: number, read: (lexer: Lexer) => T): Promise<{ value: T; end: number }> {
    for (let atLeast = 1; ; ) {
      const { bytes, final } = await this.view(pos, atLeast);
      const lexer = new Lexer(bytes, 0, final);
      try {
        return { value: read(lexer), end: pos + lexer.pos };
      } catch (error) {
        if (!(error instanceof Incomplete)) throw error;
        if (bytes.length >= OBJECT_CAP) throw new Malformed('object too large');
        atLeast = Math.min(OBJECT_CAP, Math.max(CHUNK, bytes.length * 2));
      }
    }
  }

  /** Where `text` next occurs at or after `pos`, or -1: read chunk by chunk. */
  async find(text: string, pos: number): Promise<number> {
    const needle = Buffer.from(text, 'latin1');
    for (let at = pos; at < this.size; ) {
      const { bytes, final } = await this.view(at, CHUNK);
      const found = bytes.indexOf(needle);
      if (found >= 0) return at + found;
      if (final) return -1;
      at += Math.max(1, bytes.length - needle.length + 1);
    }
    return -1;
  }
}
