import type { FileWindow } from './file-window';
import { isRegular, Malformed } from './lexer';

/**
 * The file between objects, read through the window: the words that structure it (§7.5: `obj`,
 * `trailer`, `xref`…) and where each stream's data begins and ends (§7.3.8).
 */

const isSpace = (byte: number | undefined) => byte !== undefined && !isRegular(byte) && byte <= 0x20;

/**
 * The next word outside objects (a number, `obj`, `trailer`, `xref`…), skipping white space and
 * comments; any other byte there is garbage and comes back as an empty word. Null at the end.
 */
export async function topLevelToken(window: FileWindow, from: number) {
  for (let pos = from; ; ) {
    const { bytes, final } = await window.view(pos, 64);
    let i = 0;
    while (i < bytes.length && (isSpace(bytes[i]) || bytes[i] === 0x25)) {
      if (bytes[i] === 0x25) while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i += 1;
      else i += 1;
    }
    if (i === bytes.length) {
      if (final) return null;
      pos += i;
      continue;
    }
    const start = pos + i;
    if (!isRegular(bytes[i] as number)) return { text: '', end: start + 1 };
    let j = i;
    while (j < bytes.length && isRegular(bytes[j] as number)) j += 1;
    if (j === bytes.length && !final) {
      // A word longer than any keyword or number is garbage; a shorter one is read again whole.
      // (The view holds at least 64 bytes from `pos`, so a word cut short here began near its end.)
      if (j - i > 32) return { text: '', end: pos + j };
      pos = start;
      continue;
    }
    return { text: bytes.toString('latin1', i, j), end: pos + j };
  }
}

/** Where a stream's data starts: after the end of line that follows `stream` (§7.3.8.1). */
export async function afterEol(window: FileWindow, pos: number): Promise<number> {
  const { bytes } = await window.view(pos, 2);
  if (bytes[0] === 0x0d && bytes[1] === 0x0a) return pos + 2;
  return bytes[0] === 0x0a || bytes[0] === 0x0d ? pos + 1 : pos;
}

/** Where the keyword `endstream` ends, if it follows `pos` after white space only; else null. */
export async function endstreamAt(window: FileWindow, pos: number): Promise<number | null> {
  if (pos > window.size) return null;
  const { bytes } = await window.view(pos, 32);
  let i = 0;
  while (i < bytes.length && isSpace(bytes[i])) i += 1;
  return bytes.toString('latin1', i, i + 9) === 'endstream' ? pos + i + 9 : null;
}

/**
 * A stream's data: `length` bytes when `endstream` follows them; otherwise up to the next
 * `endstream` keyword, less the end of line before it. `after`: the position after the keyword.
 */
export async function locateData(window: FileWindow, start: number, length: number | undefined) {
  if (length !== undefined && length >= 0) {
    const after = await endstreamAt(window, start + length);
    if (after !== null) return { start, end: start + length, after };
  }
  const found = await window.find('endstream', start);
  if (found < 0) throw new Malformed('stream without endstream');
  const before = (await window.view(Math.max(start, found - 2), 2)).bytes;
  const tail = before.toString('latin1', 0, Math.min(2, found - Math.max(start, found - 2)));
  const eol = tail.endsWith('\r\n') ? 2 : tail.endsWith('\n') || tail.endsWith('\r') ? 1 : 0;
  return { start, end: found - eol, after: found + 9 };
}
