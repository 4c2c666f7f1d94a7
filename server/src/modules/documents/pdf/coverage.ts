import { createRequire } from 'node:module';
import type { ComposedDocument } from './compose';
import { documentFonts, fallbackFonts } from './fonts';
import { type Coverage, splitRuns } from './runs';

/** The little of fontkit we use: pdfkit's own font parser, so what it says is what pdfkit embeds. */
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const require = createRequire(import.meta.url);
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
  create(buffer: Buffer): FontkitFont;
};

const coverageOf = (buffer: Buffer): Coverage => {
  const font = fontkit.create(buffer);
  return (codePoint) => font.hasGlyphForCodePoint(codePoint);
};

let main: Promise<Coverage> | null = null;
let fallbacks: Promise<Coverage[]> | null = null;

/** Noto Serif SC's characters (the bold face has the same). */
function mainCoverage(): Promise<Coverage> {
  main ??= documentFonts().then((fonts) => coverageOf(fonts.regular));
  return main;
}

function fallbackCoverage(): Promise<Coverage[]> {
  fallbacks ??= fallbackFonts().then((files) => files.map(coverageOf));
  return fallbacks;
}

/** Every string a document prints. */
function printedText(composed: ComposedDocument): string {
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

/** Whether the document holds a character Noto Serif SC lacks: only then are the fallbacks read. */
export async function needsFallback(composed: ComposedDocument): Promise<boolean> {
  return splitRuns(printedText(composed), [await mainCoverage()]).missing.length > 0;
}

/**
 * The characters of a document that no installed font has: on paper each is a 「□」, which the
 * staff who print the notice write in by hand — a notice must name its petitioner rightly.
 */
export async function unprintableCharacters(composed: ComposedDocument): Promise<string[]> {
  const text = printedText(composed);
  const { missing } = splitRuns(text, [await mainCoverage()]);
  if (missing.length === 0) return [];
  return splitRuns(missing.join(''), await fallbackCoverage()).missing;
}
