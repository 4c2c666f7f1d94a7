import PDFDocument from 'pdfkit';
import type { ComposedDocument } from './compose';
import { documentText, needsFallback } from './coverage';
import { printWithFallbacks } from './fallback';
import { documentFonts, fallbackFonts } from './fonts';
import {
  BODY_SIZE,
  CHAR_PITCH,
  LETTER,
  LINE_PITCH,
  MARGINS,
  MM,
  PAGE,
  PAGE_NUMBER_SIZE,
  RED,
  TITLE_SIZE,
  TYPE_AREA,
} from './geometry';

type Doc = PDFKit.PDFDocument;

export interface RenderInput {
  composed: ComposedDocument;
  /** The unit's seal as PNG bytes, or null: the seal area then says 「（印章）」. */
  seal: Buffer | null;
  issuedAt: string;
  /** Where the fonts for rare characters are (DOCUMENT_FALLBACK_FONT_DIR, fonts.ts). */
  fallbackFontDir: string;
}

/** A round seal's usual diameter (42 mm), the size the image is set at. */
const SEAL_SIZE = 42 * MM;
const BLACK = '#000000';
/** The seal may reach below the type area, but not the red double line at the foot of the first page. */
const SEAL_LIMIT = PAGE.height - LETTER.bottomLineFromEdge - 3 * MM;
/**
 * GB/T 9704 §7.3.5.4: when the seal does not fit under the last lines of text, the line spacing is
 * tightened so that the seal stays on the page with the text — never a page with the seal alone.
 * Down to four fifths of the standard pitch; a document that still does not fit gets a new page.
 */
const TIGHTEST = 0.8;

/**
 * One document as a PDF after GB/T 9704's letter format (信函格式): the issuing unit in red with the
 * double lines, the document number, the title, 主送, the body, then the issuing unit, the date and
 * the seal over them; page numbers from the second page. Where we deviate: the fonts (fonts.ts);
 * the 签发人 stands left of the number (the standard places it only in the 版头 of reports upward,
 * but units asked for it on every notice); and one set of measures for every document type.
 */
export async function renderPdf(input: RenderInput): Promise<Buffer> {
  const fonts: Fonts = {
    ...(await documentFonts()),
    fallbacks: (await needsFallback(documentText(input.composed)))
      ? await fallbackFonts(input.fallbackFontDir)
      : [],
  };
  let spacing = 1;
  for (;;) {
    const attempt = layOut(input, fonts, spacing * LINE_PITCH, spacing <= TIGHTEST);
    if ('pdf' in attempt) return attempt.pdf;
    // Tighten by what the last page lacks, shared over its lines (a little more when that was not enough).
    const needed = 1 - attempt.shortBy / Math.max(attempt.lastPageLines * spacing * LINE_PITCH, 1);
    spacing = Math.max(TIGHTEST, Math.min(spacing - 0.02, needed - 0.01));
  }
}

type Attempt = { pdf: Promise<Buffer> } | { shortBy: number; lastPageLines: number };

/** The document's faces, and the fonts for the rare characters they lack (none when it has none). */
type Fonts = Record<'regular' | 'bold', Buffer> & { fallbacks: Buffer[] };

/** One layout at a line pitch; when the seal would not fit (and a tighter pitch is left), how short it fell. */
function layOut(input: RenderInput, fonts: Fonts, pitch: number, last: boolean): Attempt {
  const { composed } = input;
  const issued = new Date(input.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: composed.title,
      Author: composed.signature.unitName,
      Creator: '信访通',
      Producer: '信访通',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const fallbacks = fonts.fallbacks.map((file, index) => {
    doc.registerFont(`fallback${index}`, file);
    return `fallback${index}`;
  });
  printWithFallbacks(doc, fallbacks);
  const done = collect(doc);

  header(doc, composed, pitch);
  for (const block of composed.blocks) {
    if (block.kind === 'table') table(doc, block.rows, pitch, last);
    else if (block.kind === 'heading') bodyText(doc, block.text, 'bold', true, pitch);
    else bodyText(doc, block.text, 'regular', block.kind === 'paragraph', pitch);
  }
  const shortBy = signatureShortBy(doc, pitch);
  if (shortBy > 0 && !last) {
    const lastPageLines =
      (doc.y - (doc.bufferedPageRange().count > 1 ? TYPE_AREA.top : LETTER.unitTop)) / pitch;
    doc.end();
    return { shortBy, lastPageLines };
  }
  if (shortBy > 0) doc.addPage();
  signature(doc, composed, input.seal, pitch);
  pageNumbers(doc);
  doc.end();
  return { pdf: done };
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * The first page's head: unit name, double lines, number (and 签发人), title, 主送. A name too long
 * for the line at 12 pt wraps under it; a document without a number (the 送达回证 form) has its
 * title one line higher, where the number would stand.
 */
function header(doc: Doc, composed: ComposedDocument, pitch: number): void {
  const name = composed.signature.unitName;
  doc.font('bold').fillColor(RED);
  let size = LETTER.unitSize;
  while (size > 12 && doc.fontSize(size).widthOfString(name) > LETTER.lineLength) size -= 1;
  const unitLeft = (PAGE.width - LETTER.lineLength) / 2;
  doc.fontSize(size).text(name, unitLeft, LETTER.unitTop, { width: LETTER.lineLength, align: 'center' });
  const lineY =
    LETTER.unitTop + doc.heightOfString(name, { width: LETTER.lineLength }) + LETTER.lineGapBelowUnit;
  doubleLine(doc, lineY, 'thick-first');
  doubleLine(doc, PAGE.height - LETTER.bottomLineFromEdge, 'thin-first');

  doc.fillColor(BLACK).font('regular').fontSize(BODY_SIZE);
  const numberY = lineY + 3 + BODY_SIZE * (7 / 8);
  const { number, signatory } = composed;
  if (number) doc.text(number, TYPE_AREA.left, numberY, { width: TYPE_AREA.width, align: 'right' });
  // Below the head's lines: the number's line, then any lines the 签发人 wraps onto.
  let headBottom = number ? numberY + pitch : numberY;
  if (signatory) {
    // Beside the number while a character's space is left between them; else on the lines below,
    // wrapped, so that a long title never prints over the number.
    const beside =
      !number || doc.widthOfString(signatory) + CHAR_PITCH + doc.widthOfString(number) <= TYPE_AREA.width;
    doc.text(signatory, TYPE_AREA.left, beside ? numberY : numberY + pitch, {
      width: TYPE_AREA.width,
      align: 'left',
      lineGap: pitch - doc.currentLineHeight(),
    });
    headBottom = Math.max(headBottom, doc.y);
  }
  doc.font('bold').fontSize(TITLE_SIZE);
  const titleY = headBottom + pitch;
  doc.text(composed.title, TYPE_AREA.left, titleY, { width: TYPE_AREA.width, align: 'center' });
  doc.y += pitch / 2;
  if (composed.addressee) bodyText(doc, `${composed.addressee}：`, 'regular', false, pitch);
}

/** GB/T 9704 §10.1: 170 mm red double lines, thick over thin under the head, thin over thick at the foot. */
function doubleLine(doc: Doc, y: number, order: 'thick-first' | 'thin-first'): void {
  const x = (PAGE.width - LETTER.lineLength) / 2;
  const [first, second] = order === 'thick-first' ? [1.5, 0.5] : [0.5, 1.5];
  doc.save().strokeColor(RED);
  doc
    .lineWidth(first)
    .moveTo(x, y)
    .lineTo(x + LETTER.lineLength, y)
    .stroke();
  doc
    .lineWidth(second)
    .moveTo(x, y + 2.5)
    .lineTo(x + LETTER.lineLength, y + 2.5)
    .stroke();
  doc.restore();
}

/** Body text in 3号 at 28 characters and 22 lines a page; paragraphs indented two characters. */
function bodyText(doc: Doc, text: string, font: 'regular' | 'bold', indent: boolean, pitch: number): void {
  doc.font(font).fontSize(BODY_SIZE).fillColor(BLACK);
  // Flush left: the 28-character grid already fills a line of Chinese, and justifying would spread
  // what a line with Latin letters or digits lacks over its spaces (「矿区路   21   号门」).
  doc.text(text, TYPE_AREA.left, doc.y, {
    width: TYPE_AREA.width,
    align: 'left',
    indent: indent ? 2 * CHAR_PITCH : 0,
    characterSpacing: CHAR_PITCH - BODY_SIZE,
    lineGap: pitch - doc.currentLineHeight(),
  });
}

/** The table's text: 4号, as forms are set, so that the 送达回证 keeps to one page with its seal. */
const TABLE_SIZE = 14;

/**
 * A ruled two-column form (the 送达回证): labels left, values (often blank, to fill in) right, each
 * row at least high enough to write in. It breaks across pages only in the last layout, when even
 * the tightest line pitch cannot keep it on the page with the signature (`renderPdf`).
 */
function table(doc: Doc, rows: readonly [string, string][], pitch: number, breakable: boolean): void {
  const labelWidth = 46 * MM;
  const valueWidth = TYPE_AREA.width - labelWidth;
  const pad = 2.5 * MM;
  doc.font('regular').fontSize(TABLE_SIZE).fillColor(BLACK).lineWidth(0.75).strokeColor(BLACK);
  let y = doc.y;
  for (const [label, value] of rows) {
    const options = { width: valueWidth - 2 * pad, lineGap: 4 };
    const height = Math.max(
      1.3 * pitch,
      doc.heightOfString(value || ' ', options) + 2 * pad,
      doc.heightOfString(label, { width: labelWidth - 2 * pad }) + 2 * pad,
    );
    if (breakable && y + height > TYPE_AREA.top + TYPE_AREA.height) {
      doc.addPage();
      y = TYPE_AREA.top;
    }
    doc
      .rect(TYPE_AREA.left, y, labelWidth, height)
      .rect(TYPE_AREA.left + labelWidth, y, valueWidth, height)
      .stroke();
    const labelHeight = doc.heightOfString(label, { width: labelWidth - 2 * pad });
    doc.text(label, TYPE_AREA.left + pad, y + (height - labelHeight) / 2, {
      width: labelWidth - 2 * pad,
      align: 'center',
    });
    if (value) doc.text(value, TYPE_AREA.left + labelWidth + pad, y + pad, options);
    y += height;
  }
  doc.y = y;
}

/** Where the signature block lands under the text: the seal's top, its centre, the unit's line. */
function signaturePlace(doc: Doc, pitch: number) {
  const sealTop = doc.y + pitch * 0.3;
  const centerY = sealTop + SEAL_SIZE / 2;
  const nameY = centerY - pitch * 0.3;
  return { sealTop, nameY };
}

/** How far the unit and the date overrun the type area, or the seal the foot's red line (≤ 0: it fits). */
function signatureShortBy(doc: Doc, pitch: number): number {
  const { sealTop, nameY } = signaturePlace(doc, pitch);
  return Math.max(nameY + 2 * pitch - (TYPE_AREA.top + TYPE_AREA.height), sealTop + SEAL_SIZE - SEAL_LIMIT);
}

/**
 * 署名 and 成文日期 (GB/T 9704 §7.3.5.1): the date four characters from the right edge, the unit
 * centred above it, the seal centred over both with its top within a line of the text above.
 */
function signature(doc: Doc, composed: ComposedDocument, seal: Buffer | null, pitch: number): void {
  const { sealTop, nameY } = signaturePlace(doc, pitch);
  doc.font('regular').fontSize(BODY_SIZE).fillColor(BLACK);
  const dateRight = TYPE_AREA.left + TYPE_AREA.width - 4 * CHAR_PITCH;
  const dateWidth = doc.widthOfString(composed.signature.date);
  const centerX = dateRight - dateWidth / 2;
  doc.text(composed.signature.date, dateRight - dateWidth, nameY + pitch, { lineBreak: false });
  // A long name (a unit with the units above it) is set smaller to stay inside the type area.
  const name = composed.signature.unitName;
  const fullWidth = doc.widthOfString(name);
  doc.fontSize(Math.min(BODY_SIZE, (BODY_SIZE * TYPE_AREA.width) / fullWidth));
  const nameWidth = doc.widthOfString(name);
  const nameX = Math.min(
    Math.max(centerX - nameWidth / 2, TYPE_AREA.left),
    TYPE_AREA.left + TYPE_AREA.width - nameWidth,
  );
  doc.text(name, nameX, nameY, { lineBreak: false });
  doc.fontSize(BODY_SIZE);
  if (seal) {
    doc.image(seal, centerX - SEAL_SIZE / 2, sealTop, { fit: [SEAL_SIZE, SEAL_SIZE], align: 'center' });
  } else {
    const placeholder = '（印章）';
    doc.text(placeholder, centerX - doc.widthOfString(placeholder) / 2, nameY - pitch, { lineBreak: false });
  }
  doc.y = nameY + 2 * pitch;
}

/** 页码 (§7.5): "— 2 —" in 4号, 7 mm under the type area, outer side; the letter format's first page has none. */
function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let index = 1; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    const page = index + 1;
    const text = `— ${page} —`;
    // Drawn below the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(PAGE_NUMBER_SIZE).fillColor(BLACK);
    const width = doc.widthOfString(text);
    const x =
      page % 2 === 1 ? TYPE_AREA.left + TYPE_AREA.width - CHAR_PITCH - width : TYPE_AREA.left + CHAR_PITCH;
    doc.text(text, x, TYPE_AREA.top + TYPE_AREA.height + 7 * MM, { lineBreak: false });
  }
}
