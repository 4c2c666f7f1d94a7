import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import { changeText } from '@xinfang/shared/figures';
import type { Figures } from '@xinfang/shared/schemas/figures';
import type { SupervisionFigures } from '@xinfang/shared/schemas/figures-supervision';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/** The bulletins and the annual report, read back: DOCX through its XML, PDF through pdftotext. */
describe('reports', () => {
  let kit: PetitionKit;
  const dir = mkdtempSync(join(tmpdir(), 'xf-reports-'));
  // The kit's clock starts 2026-03-02: the demo's cases fall in February and March 2026.
  const year = 2026;

  beforeAll(async () => {
    kit = await PetitionKit.start();
    await seedDemoCases(kit.app, kit.now());
  }, 120_000);
  afterAll(() => kit?.close());

  async function figures(from: string, to: string): Promise<Figures> {
    const response = await kit.http('leader', 'GET', `/api/figures?from=${from}&to=${to}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Figures;
  }

  const docxText = async (bytes: Buffer) => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    return xml.replace(/<[^>]+>/g, '');
  };
  /** The PDF's text laid out as printed, one line a row of a table, with its page count. */
  const pdfPages = (bytes: Buffer, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifSC.*yes/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const lines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n');
    return { pages, lines };
  };
  const pdfText = (bytes: Buffer, name: string) => pdfPages(bytes, name).lines.join('').replace(/\s+/g, '');
  /** A table row read back whole: its cells, in order, on one printed line. */
  const rowOf = (lines: readonly string[], cells: readonly string[]) => {
    const row = cells.join('').replace(/\s+/g, '');
    return lines.find((line) => line.replace(/\s+/g, '') === row);
  };

  it('writes the annual report with the year’s figures, in DOCX and in PDF', async () => {
    const numbers = await figures(`${year}-01-01`, `${year}-12-31`);
    const received = numbers.counts.find((c) => c.metric === 'received')?.value ?? 0;
    expect(received).toBeGreaterThan(0);
    const docx = await kit.http('leader', 'GET', `/api/reports/annual?year=${year}&format=docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    const words = await docxText(docx.rawPayload);
    expect(words).toContain(`${year}年度信访工作报告`);
    expect(words).toContain(`共登记群众来信来访${received}件`);
    expect(words).toContain('七、分析和建议');
    for (const heading of [
      '三、信访事项较多的单位',
      '四、信访事项较多的类别',
      '五、超期和督办情况',
      '六、建议意见采纳情况',
    ])
      expect(words).toContain(heading);
    const suggested = numbers.counts.find((c) => c.metric === 'improvement_suggested')?.value ?? 0;
    expect(words).toContain(`本期提出改进工作建议${suggested}条`);
    // Art 29: the demo's one adopted suggestion whose petitioner was commended, from its event.
    const adopted = numbers.counts.find((c) => c.metric === 'adopted')?.value ?? 0;
    expect(words).toContain(`本期采纳或部分采纳群众建议意见${adopted}件，对1件建议意见的提出人给予奖励`);
    const timely = numbers.rates.find((r) => r.rate === 'timely_acceptance');
    expect(words).toContain(timely?.label);
    // Art 41: the notices in time, level-skipping, and what the desks forwarded and assigned.
    const count = (metric: string) => numbers.counts.find((c) => c.metric === metric)?.value ?? 0;
    expect(count('assigned')).toBeGreaterThan(0);
    expect(words).toContain(numbers.rates.find((r) => r.rate === 'timely_notice')?.label);
    expect(words).toContain(`越级访${count('level_skipping')}批`);
    expect(words).toContain(
      `本期转送${count('forwarded')}件，交办${count('assigned')}件；因同一事项下级正在办理不予受理${count('declined_pending_below')}件。`,
    );
    expect(words).not.toContain('受理群众来信来访');

    const pdf = await kit.http('leader', 'GET', `/api/reports/annual?year=${year}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${numbers.unit.name}${year}年度信访工作报告.pdf`)}`,
    );
    const { pages, lines } = pdfPages(pdf.rawPayload, 'annual.pdf');
    const text = lines.join('').replace(/\s+/g, '');
    expect(text).toContain(`${year}年度信访工作报告`);
    expect(text).toContain(`共登记群众来信来访${received}件`);
    // Tables break between rows, never a cell a page: the demo's year is two or three pages.
    expect(pages).toBeLessThanOrEqual(3);
    const top = [...numbers.breakdowns.category].sort((a, b) => b.value - a.value).slice(0, 5);
    expect(top.length).toBeGreaterThan(0);
    expect(rowOf(lines, ['事项分类', '件数', '同比'])).toBeDefined();
    for (const entry of top.filter((e) => e.value > 0)) {
      const cells = [entry.label, String(entry.value), changeText(entry.value, entry.previousYear, 'count')];
      expect(rowOf(lines, cells), cells.join(' ')).toBeDefined();
    }

    // 附表 督办通报 (Art 41): 西河煤矿's row as GET /api/figures/supervision counts the year —
    // the demo's red light and 督办单 fall in the weeks before the kit's 2 March.
    const query = new URLSearchParams({ from: `${year}-01-01`, to: `${year}-12-31` });
    const supervision = await kit.http('leader', 'GET', `/api/figures/supervision?${query}`);
    expect(supervision.statusCode, supervision.body).toBe(200);
    const xh = (supervision.json() as SupervisionFigures).rows.find((r) => r.unitId === kit.unit('JA-XH'));
    expect(xh?.notices.issued).toBeGreaterThan(0);
    const cells = [
      xh?.label ?? '',
      ...[xh?.yellow, xh?.red].map(String),
      `${xh?.redAcknowledged}/${xh?.red}`,
      ...[
        xh?.notices.issued,
        xh?.notices.answeredOnTime,
        xh?.notices.answeredLate,
        xh?.notices.overdue,
        xh?.notices.returned,
        xh?.casesSupervised,
      ].map(String),
    ];
    const appendix = words.split('附表　督办通报')[1];
    expect(appendix).toContain(cells.join(''));
    expect(text).toContain('附表督办通报');
    // Its numbers on one printed line, the name wrapping under the first of them (a narrow cell).
    const [label = '', ...counted] = cells;
    const numbersLine = lines.find((line) => {
      const row = line.replace(/\s+/g, '');
      const name = row.slice(0, row.length - counted.join('').length);
      return row.endsWith(counted.join('')) && name.length > 0 && label.startsWith(name);
    });
    expect(numbersLine, cells.join(' ')).toBeDefined();
  }, 120_000);

  it('writes monthly and quarterly bulletins, audited', async () => {
    const march = await kit.http('leader', 'GET', '/api/reports/bulletin?period=2026-03&format=docx');
    expect(march.statusCode, march.body).toBe(200);
    // Each report its own name, in Chinese (RFC 6266 filename*), with an ASCII fallback.
    const unit = (await figures('2026-03-01', '2026-03-31')).unit.name;
    const named = (name: string, ascii: string) =>
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
    expect(march.headers['content-disposition']).toBe(
      named(`${unit}2026年3月信访工作通报.docx`, 'bulletin-2026-03.docx'),
    );
    expect(await docxText(march.rawPayload)).toContain('2026年3月信访工作通报');
    const quarter = await kit.http('leader', 'GET', '/api/reports/bulletin?period=2026-Q1&format=pdf');
    expect(quarter.statusCode).toBe(200);
    expect(quarter.headers['content-disposition']).toBe(
      named(`${unit}2026年第一季度信访工作通报.pdf`, 'bulletin-2026-Q1.pdf'),
    );
    const q1 = await figures('2026-01-01', '2026-03-31');
    const received = q1.counts.find((c) => c.metric === 'received')?.value ?? 0;
    const text = pdfText(quarter.rawPayload, 'q1.pdf');
    expect(text).toContain('2026年第一季度信访工作通报');
    expect(text).toContain(`共登记群众来信来访${received}件`);
    const audit = await kit.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'report.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'report.annual',
      'report.annual',
      'report.bulletin',
      'report.bulletin',
    ]);
  }, 120_000);

  it('counts this year up to today and says so, with 同比 of the same days a year before', async () => {
    // The kit's clock: 2026-03-02 in Beijing.
    const today = kit.beijingDate(0);
    const numbers = await figures(`${year}-01-01`, `${year}-12-31`);
    expect(numbers.period).toEqual({ from: `${year}-01-01`, to: today });
    const docx = await kit.http('leader', 'GET', `/api/reports/annual?year=${year}&format=docx`);
    const words = await docxText(docx.rawPayload);
    expect(words).toContain(`${year}-01-01至${year}-12-31（截至 ${today}）`);
    expect(words).toContain(`${year}-01-01至${today}，`);
    const pdf = await kit.http('leader', 'GET', `/api/reports/annual?year=${year}&format=pdf`);
    expect(pdfText(pdf.rawPayload, 'annual-to-date.pdf')).toContain(`（截至${today}）`);
    // A limit not due yet is not counted as missed.
    const owed = numbers.counts.find((c) => c.metric === 'owed.first')?.value ?? 0;
    expect(words).toContain(`期限届满于本期的应办结事项${owed}件`);
    const all = await figures(`${year}-01-01`, today);
    expect(all.counts.find((c) => c.metric === 'owed.first')?.value).toBe(owed);
    // Art 29: the demo's rewarded suggestion, from the figures' own count.
    expect(numbers.counts.find((c) => c.metric === 'rewarded')?.value).toBe(1);
    // A month not begun has no bulletin.
    expectError(
      await kit.http('leader', 'GET', '/api/reports/bulletin?period=2026-04&format=docx'),
      400,
      'VALIDATION_FAILED',
    );
  }, 120_000);

  it('says plainly when there is nothing to report or to compare with', async () => {
    const empty = await kit.http('leader', 'GET', '/api/reports/bulletin?period=2025-06&format=docx');
    expect(empty.statusCode, empty.body).toBe(200);
    const words = await docxText(empty.rawPayload);
    expect(words).toContain('共登记群众来信来访0件，上年同期无可比数据，上期无可比数据。');
    expect(words).not.toContain('同比—');
    // The units' and the categories' tables each say 本期无 rather than print a header alone.
    expect(words.split('本期无').length - 1).toBe(2);
    const pdf = await kit.http('leader', 'GET', '/api/reports/bulletin?period=2025-06&format=pdf');
    const { lines } = pdfPages(pdf.rawPayload, 'empty.pdf');
    expect(lines.filter((line) => line.trim() === '本期无')).toHaveLength(2);
    // Nothing lit and no 督办单: the 附表 says so in a line, no table.
    expect(words).toContain('附表　督办通报本期没有亮灯，也没有下发督办单。');
    expect(lines.map((line) => line.trim())).toContain('本期没有亮灯，也没有下发督办单。');
  }, 120_000);

  it('refuses a period that is neither a month nor a quarter, and petitioners', async () => {
    expectError(
      await kit.http('leader', 'GET', '/api/reports/bulletin?period=2026-13&format=pdf'),
      400,
      'VALIDATION_FAILED',
    );
    // Year 0's 同比 would be year −1, no date to count (a 500).
    for (const period of ['0000-01', '0999-Q4', '1999-12'])
      expectError(
        await kit.http('leader', 'GET', `/api/reports/bulletin?period=${period}&format=pdf`),
        400,
        'VALIDATION_FAILED',
      );
    expectError(
      await kit.http('leader', 'GET', '/api/reports/annual?year=2026&format=odt'),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('13800000001', 'GET', '/api/reports/annual?year=2026&format=pdf'),
      403,
      'FORBIDDEN',
    );
  });
});
