import { UNIT_KINDS, type UnitKind } from '@xinfang/shared/schemas/identity';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors';

/**
 * One line of an org-tree import, checked. A contact column the file has not got is undefined:
 * an existing unit keeps what it publishes (Art 18); an empty cell (null) clears it.
 */
export interface UnitCsvLine {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string;
  address?: string | null;
  receptionHours?: string | null;
  phone?: string | null;
}

const COLUMNS = ['code', 'name', 'kind', 'parent_code', 'address', 'reception_hours', 'phone'] as const;
const MAX_LINES = 5000;

/**
 * Parses and checks every line on its own. An unreadable file or a missing header throws; the
 * problems of single lines are returned, so the caller can add what it finds against the tree and
 * report every bad line at once.
 */
export function parseUnitCsv(csv: string): {
  lines: UnitCsvLine[];
  issues: { path: string; message: string }[];
} {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `CSV 无法解析：${(error as Error).message}`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = COLUMNS.slice(0, 4).filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `CSV 需要表头 ${COLUMNS.join(',')}（缺少 ${missing.join(',') || '数据行'}）`,
    );
  }
  if (records.length > MAX_LINES) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_LINES} 行`);

  const issues: { path: string; message: string }[] = [];
  const lines = records.map((record, index) => {
    const line = index + 2;
    const problem = (message: string) => issues.push({ path: `/body/line/${line}`, message });
    const value = (column: (typeof COLUMNS)[number], max: number) => {
      const v = record[column]?.trim() ?? '';
      if (v.length > max) problem(`${column} is longer than ${max}`);
      return v;
    };
    const optional = (column: (typeof COLUMNS)[number], max: number) =>
      header.includes(column) ? value(column, max) || null : undefined;
    const code = value('code', 32);
    if (!/^[A-Za-z0-9_-]+$/.test(code)) problem('code must be letters, digits, - or _');
    const name = value('name', 100);
    if (!name) problem('name is empty');
    const kind = value('kind', 20);
    if (!(UNIT_KINDS as readonly string[]).includes(kind))
      problem(`kind must be one of ${UNIT_KINDS.join(', ')}`);
    const parentCode = value('parent_code', 32);
    if (!parentCode) problem('parent_code is empty');
    return {
      line,
      code,
      name,
      kind: kind as UnitKind,
      parentCode,
      address: optional('address', 200),
      receptionHours: optional('reception_hours', 200),
      phone: optional('phone', 40),
    };
  });
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.code))
      issues.push({ path: `/body/line/${l.line}`, message: `code ${l.code} appears twice` });
    seen.add(l.code);
  }
  return { lines, issues };
}
