import { PassThrough, Readable } from 'node:stream';
import { beijingDate, beijingTimeOfDay } from '@xinfang/shared/clocks';
import { CHANNEL_LABELS, KIND_LABELS, ledgerFilterWords, STATE_LABELS } from '@xinfang/shared/figures';
import type { LedgerFilter, LedgerRow } from '@xinfang/shared/schemas/figures';
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

/** What an exported ledger says it is, in its first rows. */
export interface LedgerExportTitle {
  /** The unit whose ledger it is, and whether the units below it are in. */
  unit: { name: string; subtree: boolean };
  /** The filter as asked; `to` is today when none was given. */
  filter: LedgerFilter & { to: string };
  /** The name of the category filtered by, when one was. */
  categoryName?: string | undefined;
  /** Who exported it (their name) and when. */
  madeBy: string;
  madeAt: Date;
}

/**
 * The title rows of an export: a sheet passed on, printed or filed must say what it is — whose
 * ledger, which period, every filter that made it (a breakdown's ledger is not the whole ledger),
 * when, and by whom. Then an empty row, then the headings.
 */
export function titleLines(title: LedgerExportTitle): string[] {
  const { from, to, unitId: _unit, subtree: _subtree, ...filters } = title.filter;
  const at = title.madeAt.toISOString();
  return [
    `${title.unit.name}信访台账`,
    `单位：${title.unit.name}${title.unit.subtree ? '（含下级单位）' : '（本级，不含下级单位）'}`,
    from ? `期间：${from} 至 ${to}` : `期间：截至 ${to}`,
    `筛选条件：${ledgerFilterWords(filters, { categoryName: title.categoryName }).join('；')}`,
    `导出时间：${beijingDate(at)} ${beijingTimeOfDay(at)}（北京时间）；导出人：${title.madeBy}`,
  ];
}

/** CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese right (RFC 4180 quoting). */
export function csvStream(rows: AsyncIterable<LedgerRow>, title: LedgerExportTitle): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${titleLines(title)
        .map((line) => `${quote(line)}\r\n`)
        .join('')}\r\n`;
      yield `${COLUMNS.map((c) => quote(c.heading)).join(',')}\r\n`;
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
export function xlsxStream(
  rows: AsyncIterable<LedgerRow>,
  sheetName: string,
  title: LedgerExportTitle,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  void (async () => {
    try {
      for (const line of titleLines(title)) sheet.addRow([line]).commit();
      sheet.addRow([]).commit();
      sheet.addRow(COLUMNS.map((c) => c.heading)).commit();
      for await (const row of rows) sheet.addRow(COLUMNS.map((c) => c.cell(row))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
