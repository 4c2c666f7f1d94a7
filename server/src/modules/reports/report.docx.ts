import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { periodLine, type ReportContent } from './report.content';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };

/** The report for editing: DOCX, fonts named (仿宋), not embedded — Word substitutes what it has. */
export function reportDocx(content: ReportContent): Promise<Buffer> {
  const text = (value: string, bold = false) => new TextRun({ text: value, bold, font: FONT, size: 28 });
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [text(content.title, true)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [text(periodLine(content))],
    }),
    ...content.sections.flatMap((section) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(section.heading, true)] }),
      ...section.paragraphs.map((p) => new Paragraph({ indent: { firstLine: 560 }, children: [text(p)] })),
      ...(section.table
        ? [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [section.table.head, ...section.table.rows].map(
                (cells, i) =>
                  new TableRow({
                    children: cells.map(
                      (cell) =>
                        new TableCell({ children: [new Paragraph({ children: [text(cell, i === 0)] })] }),
                    ),
                  }),
              ),
            }),
          ]
        : []),
    ]),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
