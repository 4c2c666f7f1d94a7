/**
 * Text split into runs by font: each character goes to the first font that has a glyph for it —
 * the document's own font first, then the fallbacks for rare characters (生僻字, fonts.ts). A
 * character no font has is printed as 「□」 in the first font, so that the page shows where it
 * belongs (a name is never printed short), and is named in `missing` for the staff to write in.
 * Characters are code points: a character outside the BMP (CJK Extension B and up) is one
 * character, never two halves of a surrogate pair.
 */
export interface Run {
  /** Index of the font in the list given to `splitRuns`: 0 is the document's own. */
  font: number;
  text: string;
}

export interface SplitText {
  runs: Run[];
  /** The characters no font has, once each, in order of appearance. */
  missing: string[];
}

/** Whether a font has a glyph for a code point (fontkit's `hasGlyphForCodePoint`). */
export type Coverage = (codePoint: number) => boolean;

/** What a character no font has prints as. */
export const MISSING_MARK = '□';

/**
 * Control characters (the line breaks the layout needs) stay with the document's font; marks
 * that show nothing by themselves (variation selectors, joiners, the byte-order mark) are left
 * out, as no font draws them on their own.
 */
const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f);
const isInvisible = (c: number) =>
  c === 0xad ||
  c === 0xfeff ||
  (c >= 0x200b && c <= 0x200f) ||
  (c >= 0x2060 && c <= 0x206f) ||
  (c >= 0xfe00 && c <= 0xfe0f) ||
  (c >= 0xe0000 && c <= 0xe0fff);

export function splitRuns(text: string, fonts: readonly Coverage[]): SplitText {
  const runs: Run[] = [];
  const missing: string[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isInvisible(codePoint)) continue;
    let font = isControl(codePoint) ? 0 : fonts.findIndex((has) => has(codePoint));
    let printed = char;
    if (font < 0) {
      font = 0;
      printed = MISSING_MARK;
      if (!missing.includes(char)) missing.push(char);
    }
    const last = runs.at(-1);
    if (last && last.font === font) last.text += printed;
    else runs.push({ font, text: printed });
  }
  return { runs, missing };
}
