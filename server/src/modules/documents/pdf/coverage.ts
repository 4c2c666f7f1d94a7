import { createRequire } from 'node:module';
import type { ComposedDocument } from './compose';
import { documentFonts, readableFallbackFonts } from './fonts';
import { type Coverage, splitRuns } from './runs';

/** The little of fontkit we use: pdfkit's own font parser, so what it says is what pdfkit embeds. */
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * Blocks Noto Serif SC has whole, in both weights (coverage.test.ts checks every code point):
 * ASCII and Latin-1, the quotes, dashes and ellipsis of Chinese text, CJK punctuation, Extension A,
 * the basic block and the full-width forms. Text made of them alone — nearly every notice — is
 * answered without reading a font (the staff's list of a case's documents asks for each).
 */
export const MAIN_FONT_BLOCKS: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2014, 0x2016],
  [0x2018, 0x2019],
  [0x201c, 0x201d],
  [0x2025, 0x2026],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xff01, 0xff5e],
];

/** Whether every character is surely in Noto Serif SC (controls, the line breaks, print in it). */
function surelyInMainFont(text: string): boolean {
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c >= 0x20 && !MAIN_FONT_BLOCKS.some(([from, to]) => c >= from && c <= to)) return false;
  }
  return true;
}

const require = createRequire(import.meta.url);
let fontkit: { create(buffer: Buffer): FontkitFont } | null = null;

/** fontkit (~200 ms to load) only once a character outside those blocks is met. */
const coverageOf = (buffer: Buffer): Coverage => {
  fontkit ??= createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Buffer): FontkitFont };
  const font = fontkit.create(buffer);
  return (codePoint) => font.hasGlyphForCodePoint(codePoint);
};

let main: Promise<Coverage> | null = null;
/** By font file: the files themselves are kept once read (fonts.ts), a failed read is not. */
const fallbacks = new WeakMap<Buffer, Coverage>();

/** Noto Serif SC's characters (the bold face has the same). */
function mainCoverage(): Promise<Coverage> {
  main ??= documentFonts().then((fonts) => coverageOf(fonts.regular));
  return main;
}

/** The fallback fonts' characters, of those that can be read now (fonts.ts). */
async function fallbackCoverage(dir: string): Promise<Coverage[]> {
  return (await readableFallbackFonts(dir)).map((file) => {
    let coverage = fallbacks.get(file);
    if (!coverage) {
      coverage = coverageOf(file);
      fallbacks.set(file, coverage);
    }
    return coverage;
  });
}

/** Every string a document prints. */
export function documentText(composed: ComposedDocument): string {
  return [
    composed.title,
    composed.number,
    composed.signatory,
    composed.addressee,
    composed.signature.unitName,
    composed.signature.date,
    ...composed.blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat() : [block.text])),
  ]
    .filter((text) => text !== null)
    .join('\n');
}

/** Whether the text holds a character Noto Serif SC lacks: only then are the fallbacks read. */
export async function needsFallback(text: string): Promise<boolean> {
  if (surelyInMainFont(text)) return false;
  return splitRuns(text, [await mainCoverage()]).missing.length > 0;
}

/**
 * The characters of a text that no font has, Noto Serif SC nor the fallbacks in `fallbackFontDir`:
 * on paper each is a 「□」, which the staff who print the notice write in by hand — a notice must
 * name its petitioner rightly. A fallback font that cannot be read just now counts as absent.
 */
export async function unprintableCharacters(text: string, fallbackFontDir: string): Promise<string[]> {
  if (surelyInMainFont(text)) return [];
  const { missing } = splitRuns(text, [await mainCoverage()]);
  if (missing.length === 0) return [];
  return splitRuns(missing.join(''), await fallbackCoverage(fallbackFontDir)).missing;
}
