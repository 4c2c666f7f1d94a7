import { PassThrough, Readable } from 'node:stream';
import { beijingDate } from '@xinfang/shared/clocks';
import { CHANNEL_LABELS, KIND_LABELS, STATE_LABELS } from '@xinfang/shared/figures';
import type { LedgerRow } from '@xinfang/shared/schemas/figures';
import ExcelJS from 'exceljs';

/** The export's columns: a heading and how a ledger row fills it. */
const COLUMNS: readonly { heading: string; width: number; cell: (row: LedgerRow) => string | number }[] = [
  { heading: '编号', width: 16, cell: (r) => r.number },
  { heading: '标题', width: 40, cell: (r) => r.title },
  { heading: '类别', width: 12, cell: (r) => KIND_LABELS[r.kind] },
  { heading: '渠道', width: 10, cell: (r) => CHANNEL_LABELS[r.channel] },
  { heading: '事项分类', width: 14, cell: (r) => r.categoryName },
  { heading: '状态', width: 16, cell: (r) => STATE_LABELS[r.state] },
  { heading: '收到日期', width: 12, cell: (r) => beijingDate(r.receivedAt) },
  { heading: '统计日期', width: 12, cell: (r) => r.day },
  { heading: '统计单位', width: 20, cell: (r) => r.unitName },
  { heading: '承办单位', width: 20, cell: (r) => r.handlingUnitName ?? '' },
  { heading: '人数', width: 6, cell: (r) => r.headcount ?? '' },
  { heading: '超期', width: 6, cell: (r) => (r.overdue ? '是' : '否') },
  // Art 30: the accuser is withheld, not masked, from staff of the accused unit.
  { heading: '信访人', width: 10, cell: (r) => (r.accuserWithheld ? '依法保密' : (r.petitionerName ?? '')) },
];

/** CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese right (RFC 4180 quoting). */
export function csvStream(rows: AsyncIterable<LedgerRow>): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${COLUMNS.map((c) => quote(c.heading)).join(',')}\r\n`;
      for await (const row of rows) yield `${COLUMNS.map((c) => quote(String(c.cell(row)))).join(',')}\r\n`;
    })(),
  );
}

function quote(value: string): string {
  // A leading = + - @ would be read by Excel as a formula (CSV injection): kept as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * XLSX written row by row with exceljs's streaming writer: each row is committed to the output as
 * it comes, so 100,000 rows never sit in memory (no shared strings, no styles to keep).
 */
export function xlsxStream(rows: AsyncIterable<LedgerRow>, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = COLUMNS.map((c) => ({ header: c.heading, width: c.width }));
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(COLUMNS.map((c) => c.cell(row))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
