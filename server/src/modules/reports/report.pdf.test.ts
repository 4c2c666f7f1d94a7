import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR } from '../../config';
import type { ReportContent } from './report.content';
import { reportPdf } from './report.pdf';

/** The PDF read back with poppler: its pages, and each page's lines as printed. */
function readBack(bytes: Buffer): string[][] {
  const file = join(mkdtempSync(join(tmpdir(), 'xf-report-pdf-')), 'report.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((page) => page.trim() !== '')
    .map((page) => page.split('\n').map((line) => line.replace(/\s+/g, '')));
}

describe('the report as PDF', () => {
  it('breaks a long table between rows, each row whole, the header repeated on every page', async () => {
    const head = ['单位', '件数', '同比'];
    const rows = Array.from({ length: 90 }, (_, i) => [`第${i + 1}采煤队`, String(200 - i), '上升 12.5%']);
    const content: ReportContent = {
      title: '2026年度信访工作报告',
      unitName: '晋安煤业集团',
      period: { from: '2026-01-01', to: '2026-12-31' },
      countedTo: '2026-03-02',
      sections: [
        { heading: '一、总体情况', paragraphs: ['共登记群众来信来访17件。'.repeat(12)] },
        { heading: '三、信访事项较多的单位', paragraphs: [], table: { head, rows } },
      ],
    };
    const pages = readBack(
      await reportPdf(content, new Date('2026-03-02T01:00:00Z'), DEFAULT_FALLBACK_FONT_DIR),
    );
    // 90 rows of one line each: a few pages, not one a cell.
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(4);
    expect(pages[0]).toContain('晋安煤业集团2026-01-01至2026-12-31（截至2026-03-02）');
    const printed = pages.flat();
    for (const row of rows)
      expect(printed.filter((line) => line === row.join('').replace(/\s+/g, ''))).toHaveLength(1);
    // Every page the table runs on starts its part with the header row.
    const header = head.join('');
    for (const page of pages) {
      const first = page.findIndex((line) => /^第\d+采煤队/.test(line));
      if (first >= 0) expect(page.slice(0, first)).toContain(header);
    }
  });

  // 𠮷 (U+20BB7) and 𡈽 (U+2123D), CJK Extension B, are not in Noto Serif SC: Hanazono Mincho
  // (Debian's fonts-hanazono) prints them, as on the notices.
  it('prints a unit and a person named with rare characters (生僻字) whole, centred or in a cell', async () => {
    const content: ReportContent = {
      title: '2026年第一季度信访工作报告',
      unitName: '𡈽城煤矿',
      period: { from: '2026-01-01', to: '2026-03-31' },
      countedTo: null,
      sections: [
        {
          heading: '一、办理人员',
          paragraphs: ['王𠮷𡈽办结3件。'],
          table: { head: ['办理人', '件数'], rows: [['王𠮷𡈽', '3']] },
        },
      ],
    };
    const printed = readBack(
      await reportPdf(content, new Date('2026-04-01T01:00:00Z'), DEFAULT_FALLBACK_FONT_DIR),
    ).flat();
    expect(printed).toContain('𡈽城煤矿2026-01-01至2026-03-31');
    expect(printed).toContain('王𠮷𡈽办结3件。');
    expect(printed).toContain('王𠮷𡈽3');
  });
});
