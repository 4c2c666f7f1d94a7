import PDFDocument from 'pdfkit';
import { needsFallback } from '../documents/pdf/coverage';
import { printWithFallbacks } from '../documents/pdf/fallback';
import { documentFonts, fallbackFonts } from '../documents/pdf/fonts';
import { periodLine, type ReportContent } from './report.content';

const MARGIN = 72;
/** Room kept below a section heading for what follows it: a heading never ends a page. */
const KEEP_WITH_HEADING = 60;
const CELL_PADDING = 6;
const ROW_GAP = 4;

/** Every string the report prints. */
function reportText(content: ReportContent): string {
  return [
    content.title,
    periodLine(content),
    ...content.sections.flatMap((section) => [
      section.heading,
      ...section.paragraphs,
      ...(section.table ? [...section.table.head, ...section.table.rows.flat()] : []),
    ]),
  ].join('\n');
}

/**
 * The report for circulation: an A4 PDF with Noto Serif SC embedded (subset), tables as rows. A
 * row is measured before it is written: one that would not fit goes to a new page, with the
 * table's header row repeated above it. A unit's or a person's name with a rare character (生僻字)
 * prints as on the notices: in the fallback font of `fallbackFontDir` (documents/pdf/fonts.ts),
 * or as 「□」 where no font has it.
 */
export async function reportPdf(content: ReportContent, at: Date, fallbackFontDir: string): Promise<Buffer> {
  const fonts = await documentFonts();
  const fallbacks = (await needsFallback(reportText(content))) ? await fallbackFonts(fallbackFontDir) : [];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: content.title,
      Author: content.unitName,
      Creator: '信访通',
      Producer: '信访通',
      CreationDate: at,
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  printWithFallbacks(
    doc,
    fallbacks.map((file, index) => {
      doc.registerFont(`fallback${index}`, file);
      return `fallback${index}`;
    }),
  );
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(20).text(content.title, { align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(12).text(periodLine(content), { align: 'center' });
  doc.moveDown();
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  for (const section of content.sections) {
    doc.font('bold').fontSize(15);
    if (doc.y + doc.heightOfString(section.heading) + KEEP_WITH_HEADING > bottom()) doc.addPage();
    doc.text(section.heading);
    doc.moveDown(0.3);
    for (const paragraph of section.paragraphs)
      doc.font('regular').fontSize(13).text(paragraph, { indent: 26, lineGap: 4 });
    if (section.table) {
      const { head, rows } = section.table;
      const cell = width / head.length;
      const row = (cells: readonly string[], header: boolean) => {
        const font = () => doc.font(header ? 'bold' : 'regular').fontSize(11);
        font();
        const height =
          Math.max(...cells.map((value) => doc.heightOfString(value, { width: cell - CELL_PADDING }))) +
          ROW_GAP;
        if (doc.y + height > bottom()) {
          doc.addPage();
          if (!header) row(head, true);
          font();
        }
        const y = doc.y;
        for (const [c, value] of cells.entries())
          doc.text(value, MARGIN + c * cell, y, { width: cell - CELL_PADDING });
        doc.x = MARGIN;
        doc.y = y + height;
      };
      row(head, true);
      for (const cells of rows) row(cells, false);
    }
    doc.moveDown();
  }
  doc.end();
  return done;
}
