import PDFDocument from 'pdfkit';
import { documentFonts } from '../documents/pdf/fonts';
import type { ReportContent } from './report.content';

const MARGIN = 72;

/** The report for circulation: an A4 PDF with Noto Serif SC embedded (subset), tables as rows. */
export async function reportPdf(content: ReportContent, at: Date): Promise<Buffer> {
  const fonts = await documentFonts();
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
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(20).text(content.title, { align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(12)
    .text(`${content.unitName}　${content.period.from}至${content.period.to}`, { align: 'center' });
  doc.moveDown();
  for (const section of content.sections) {
    doc.font('bold').fontSize(15).text(section.heading);
    doc.moveDown(0.3);
    for (const paragraph of section.paragraphs)
      doc.font('regular').fontSize(13).text(paragraph, { indent: 26, lineGap: 4 });
    if (section.table) {
      const columns = section.table.head.length;
      const cell = width / columns;
      for (const [i, row] of [section.table.head, ...section.table.rows].entries()) {
        const y = doc.y;
        doc.font(i === 0 ? 'bold' : 'regular').fontSize(11);
        const heights = row.map((value) => doc.heightOfString(value, { width: cell - 6 }));
        for (const [c, value] of row.entries()) doc.text(value, MARGIN + c * cell, y, { width: cell - 6 });
        doc.x = MARGIN;
        doc.y = y + Math.max(...heights) + 4;
      }
    }
    doc.moveDown();
  }
  doc.end();
  return done;
}
