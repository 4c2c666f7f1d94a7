import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR } from '../../../config';
import { MAIN_FONT_BLOCKS, needsFallback, unprintableCharacters } from './coverage';
import { documentFonts } from './fonts';

const require = createRequire(import.meta.url);
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
  create(buffer: Buffer): { hasGlyphForCodePoint(codePoint: number): boolean };
};

const BIANG = '𰻞'; // U+30EDE, Extension G: in no font we have

describe('which characters print', () => {
  // The blocks answered without reading a font must be in Noto Serif SC whole, or a character
  // missing from it would print as 「□」 without the staff being told.
  it('takes the common blocks for printable only because both weights have every character of them', async () => {
    const fonts = await documentFonts();
    for (const file of [fonts.regular, fonts.bold]) {
      const font = fontkit.create(file);
      const missing: string[] = [];
      for (const [from, to] of MAIN_FONT_BLOCKS)
        for (let c = from; c <= to; c++) if (!font.hasGlyphForCodePoint(c)) missing.push(c.toString(16));
      expect(missing).toEqual([]);
    }
  });

  it('reads the fallback fonts from the directory it is given', async () => {
    const text = `王𠮷𡈽：请到${BIANG}${BIANG}面馆旁的接待点。`;
    expect(await needsFallback(text)).toBe(true);
    expect(await needsFallback('王小明：请到面馆旁的接待点。')).toBe(false);
    expect(await unprintableCharacters(text, DEFAULT_FALLBACK_FONT_DIR)).toEqual([BIANG]);
    const empty = await mkdtemp(join(tmpdir(), 'xf-no-fonts-'));
    try {
      expect(await unprintableCharacters(text, empty)).toEqual(['𠮷', '𡈽', BIANG]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
