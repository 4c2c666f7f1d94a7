import { canonicalEmployeeNumber, EMPLOYEE_NUMBER_PATTERN } from '@xinfang/shared/employee-number';
import type { LineIssue } from '@xinfang/shared/schemas/admin';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors';

/** One line of a roster file, its employee number and phone normalised, with its line number. */
export interface RosterLine {
  line: number;
  employeeNumber: string;
  name: string;
  phone: string;
  unitCode: string;
}

const MAINLAND_MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
export const MAX_ROSTER_LINES = 50_000;

/** Each column by its English name and the Chinese one an HR department's export is likely to use. */
const COLUMNS = {
  employeeNumber: ['employee_number', '工号'],
  name: ['name', '姓名'],
  phone: ['phone', '手机号', '手机'],
  unitCode: ['unit_code', '单位编码'],
} as const;

/**
 * Reads a roster file (`employee_number,name,phone,unit_code`, or 工号,姓名,手机号,单位编码) and
 * checks every line on its own. An unreadable file or a missing column throws; the problems of
 * single lines come back in Chinese, every one at once, for the administrator to fix in the file.
 */
export function readRosterCsv(csv: string): { lines: RosterLine[]; issues: LineIssue[] } {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `文件无法读取（须为 CSV 格式）：${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((cell) => cell.toLowerCase());
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, names]) => [
      key,
      header.findIndex((cell) => (names as readonly string[]).includes(cell)),
    ]),
  ) as Record<keyof typeof COLUMNS, number>;
  if (Object.values(index).some((i) => i < 0) || records.length < 2) {
    throw new AppError(
      'VALIDATION_FAILED',
      '第一行须是表头 employee_number,name,phone,unit_code（或 工号,姓名,手机号,单位编码），其后至少一行数据',
    );
  }
  if (records.length - 1 > MAX_ROSTER_LINES)
    throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_ROSTER_LINES} 行，请分批导入`);

  const issues: LineIssue[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = records.slice(1).map((record, i): RosterLine => {
    const line = i + 2;
    const cell = (key: keyof typeof COLUMNS) => record[index[key]] ?? '';
    const problem = (message: string) => issues.push({ line, message: `第 ${line} 行：${message}` });
    const written = cell('employeeNumber');
    const employeeNumber = canonicalEmployeeNumber(written);
    const name = cell('name');
    const phone = cell('phone').replace(/[\s-]/g, '');
    const unitCode = cell('unitCode');
    if (!EMPLOYEE_NUMBER_PATTERN.test(employeeNumber)) problem('工号须为 1–32 位字母、数字、- 或 _');
    if (!name || [...name].length > 64) problem('姓名不能为空，最多 64 个字');
    if (!MAINLAND_MOBILE.test(phone)) problem(phone ? '手机号不是有效的大陆手机号' : '手机号不能为空');
    if (!unitCode) problem('单位编码不能为空');
    const earlier = firstLineOf.get(employeeNumber);
    if (earlier !== undefined && employeeNumber) problem(`工号 ${written} 与第 ${earlier} 行重复`);
    else firstLineOf.set(employeeNumber, line);
    return { line, employeeNumber, name, phone, unitCode };
  });
  return { lines, issues };
}

export function unknownUnit(line: number, unitCode: string): LineIssue {
  return { line, message: `第 ${line} 行：单位编码 ${unitCode} 不存在` };
}

export function retiredUnit(line: number, unitCode: string): LineIssue {
  return { line, message: `第 ${line} 行：单位 ${unitCode} 已撤销` };
}
