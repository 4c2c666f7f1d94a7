import { type Coverage, splitRuns } from './runs';

/**
 * Rare characters (生僻字) in a pdfkit document: each line is still measured, wrapped and aligned
 * by pdfkit as one text, but measured and drawn run by run, each run in the first font that has
 * its characters (runs.ts) — same size, same baseline, the same character spacing — so a name
 * with a character from CJK Extension B sits in its line like any other. In a bold line (the
 * issuing unit at the head, a heading) a run in the fallback's one regular weight is drawn in a
 * faux bold (`FAUX_BOLD`). A character no font has prints as 「□」 (coverage.ts tells the staff
 * which).
 *
 * pdfkit measures every word with `widthOfString` and draws every line (or line part) with
 * `_fragment`; this replaces both on the one document. `_fragment` is pdfkit's internal (0.20):
 * the render tests read every document back, so a pdfkit that changes it fails them.
 */
interface EmbeddedFont {
  font: { hasGlyphForCodePoint(codePoint: number): boolean; 'OS/2'?: { usWeightClass: number } };
  /** In thousandths of the font size. */
  ascender: number;
  widthOfString(text: string, size: number, features?: unknown): number;
}

interface TextOptions extends PDFKit.Mixins.TextOptions {
  horizontalScaling?: number;
}

interface FragmentOptions extends TextOptions {
  /** Set by pdfkit's line wrapper: the line's measured width and the width it had to fill. */
  textWidth?: number;
  wordCount?: number;
  lineWidth?: number;
}

interface Internals {
  _font: EmbeddedFont;
  _fontSize: number;
  /** The colour text is filled with, as `fillColor` set it (unset: black). */
  _fillColor?: [PDFKit.Mixins.ColorValue, number?];
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
  widthOfString(text: string, options?: TextOptions): number;
}

const length = (text: string) => [...text].length;

/**
 * Hanazono Mincho has one weight, so in a bold line its characters would look thin beside their
 * neighbours. They are drawn filled and then stroked in the same colour with a line this part of
 * the font size wide, round-joined (PDF text rendering mode 2): the stroke thickens each stem by
 * its width while the glyphs' advance stays the same, so the line keeps its measure. The text
 * stays text: a reader still finds and copies it.
 */
const FAUX_BOLD = 0.03;
/** A face of this weight class or more is bold (OpenType's usWeightClass: 600 is semibold). */
const BOLD_WEIGHT = 600;
const isBold = (font: EmbeddedFont) => (font.font['OS/2']?.usWeightClass ?? 400) >= BOLD_WEIGHT;

/** Draws the document's text with these registered fonts as fallbacks, in order. */
export function printWithFallbacks(doc: PDFKit.PDFDocument, fallbackNames: readonly string[]): void {
  const internals = doc as unknown as Internals;
  const current = internals._font;
  const fallbacks = fallbackNames.map((name) => {
    doc.font(name);
    return internals._font;
  });
  internals._font = current;
  const fragment = internals._fragment.bind(doc);

  const split = (text: string) => {
    const fonts = [internals._font, ...fallbacks];
    const coverage = fonts.map(
      (font): Coverage =>
        (codePoint) =>
          font.font.hasGlyphForCodePoint(codePoint),
    );
    return { fonts, runs: splitRuns(text, coverage).runs };
  };
  const widthOf = (font: EmbeddedFont, text: string, options: TextOptions) =>
    font.widthOfString(text, internals._fontSize, options.features);

  // As pdfkit's, but by font, and counting a character outside the BMP once, as the PDF spaces it.
  internals.widthOfString = (text, options = {}) => {
    const { fonts, runs } = split(text);
    const width = runs.reduce(
      (sum, run) => sum + widthOf(fonts[run.font] as EmbeddedFont, run.text, options),
      0,
    );
    const count = runs.reduce((sum, run) => sum + length(run.text), 0);
    const spacing = (options.characterSpacing ?? 0) * (count - 1);
    return ((width + spacing) * (options.horizontalScaling ?? 100)) / 100;
  };

  internals._fragment = (text, x, y, options) => {
    const line = `${text}`.replace(/\n/g, '');
    const { fonts, runs } = split(line);
    const [only] = runs;
    if (runs.length === 0 || (runs.length === 1 && only?.font === 0 && only.text === line)) {
      fragment(text, x, y, options);
      return;
    }
    // Placed as pdfkit places a whole line (its `justify` is not used by our documents), then the
    // runs one after another from the left.
    let left = x;
    if (options.width && options.lineWidth !== undefined) {
      if (options.align === 'right') left += options.lineWidth - doc.widthOfString(line.trimEnd(), options);
      if (options.align === 'center')
        left += (options.lineWidth - (options.textWidth ?? doc.widthOfString(line, options))) / 2;
    }
    const main = internals._font;
    // pdfkit sets each font's text from its ascender: every run on the main font's baseline.
    const baseline = -(main.ascender / 1000) * internals._fontSize;
    const spacing = options.characterSpacing ?? 0;
    try {
      for (const run of runs) {
        const font = fonts[run.font] as EmbeddedFont;
        internals._font = font;
        const width = widthOf(font, run.text, options);
        const fauxBold = isBold(main) && !isBold(font);
        if (fauxBold) {
          const [color, opacity] = internals._fillColor ?? ['black'];
          doc
            .save()
            .lineWidth(FAUX_BOLD * internals._fontSize)
            .lineJoin('round')
            .strokeColor(color, opacity);
        }
        fragment(run.text, left, y, {
          ...options,
          align: 'left',
          baseline,
          textWidth: width,
          wordCount: undefined,
          ...(fauxBold && { fill: true, stroke: true }),
        });
        if (fauxBold) doc.restore();
        left += width + spacing * length(run.text);
      }
    } finally {
      internals._font = main;
    }
  };
}
