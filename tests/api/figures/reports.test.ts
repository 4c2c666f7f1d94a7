import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import type { Figures } from '@xinfang/shared/schemas/figures';
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
  const pdfText = (bytes: Buffer, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifSC.*yes/);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
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
    expect(words).toContain(`越级信访${count('level_skipping')}件`);
    expect(words).toContain(`本期转送${count('forwarded')}件，交办${count('assigned')}件。`);
    expect(words).not.toContain('受理群众来信来访');

    const pdf = await kit.http('leader', 'GET', `/api/reports/annual?year=${year}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${numbers.unit.name}${year}年度信访工作报告.pdf`)}`,
    );
    const text = pdfText(pdf.rawPayload, 'annual.pdf');
    expect(text).toContain(`${year}年度信访工作报告`);
    expect(text).toContain(`共登记群众来信来访${received}件`);
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
