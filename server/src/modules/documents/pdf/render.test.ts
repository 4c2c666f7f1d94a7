import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR } from '../../../config';
import type { NoticeFacts } from '../notice-facts';
import { compose } from './compose';
import { renderPdf } from './render';

/**
 * The page as a reader sees it, read back with poppler's pdftotext: where each word stands
 * (`-bbox`, in points from the top left). A word is a run of text between spaces.
 */
interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const run = promisify(execFile);
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

async function wordsOf(pdf: Buffer): Promise<Word[]> {
  const dir = await mkdtemp(join(tmpdir(), 'xf-render-'));
  try {
    await writeFile(join(dir, 'document.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', join(dir, 'document.pdf'), '-']);
    return [
      ...stdout.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g,
      ),
    ].map(([, xMin, yMin, xMax, yMax, text]) => ({
      text: (text ?? '').replace(/&(amp|lt|gt|quot);/g, (e) => ENTITIES[e] ?? e),
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const overlap = (a: Word, b: Word) =>
  a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;

function facts(signatoryTitle: string | null, message: string): NoticeFacts {
  return {
    petition: { number: 'XF2026-000006', title: '取暖补贴', receivedOn: '2026-03-02', kind: 'request' },
    addressee: '张伟',
    issuingUnit: { id: 'ds', name: '东山煤矿' },
    issuedOn: '2026-03-03',
    seal: null,
    signatory: { name: '欧阳建国', title: signatoryTitle },
    body: { type: 'general_notice', message },
  };
}

async function rendered(f: NoticeFacts): Promise<Word[]> {
  const pdf = await renderPdf({
    composed: compose(f, '东山信告〔2026〕1号'),
    seal: null,
    issuedAt: '2026-03-03T02:00:00.000Z',
    fallbackFontDir: DEFAULT_FALLBACK_FONT_DIR,
  });
  return wordsOf(pdf);
}

describe('the head of a notice: 签发人 and the document number', () => {
  it('keeps a short 签发人 on the number’s line', async () => {
    const words = await rendered(facts('矿长', '请补交考勤表。'));
    const number = words.find((w) => w.text === '东山信告〔2026〕1号');
    const signatory = words.find((w) => w.text === '签发人：欧阳建国（矿长）');
    expect(number && signatory && Math.abs(number.yMin - signatory.yMin)).toBeLessThan(1);
  });

  it('wraps a long 签发人 under the number, never over it, and the title follows below', async () => {
    const words = await rendered(facts('东山煤矿党委副书记、矿长、安全生产委员会主任', '请补交考勤表。'));
    const number = words.find((w) => w.text === '东山信告〔2026〕1号');
    if (!number) throw new Error(`number not found in ${words.map((w) => w.text).join(' ')}`);
    expect(words.filter((w) => w !== number && overlap(w, number))).toEqual([]);
    const title = words.find((w) => w.text === '信访事项告知书');
    if (!title) throw new Error('title not found');
    const between = words.filter((w) => w.yMin > number.yMin && w.yMax <= title.yMin);
    expect(between.map((w) => w.text).join('')).toBe(
      '签发人：欧阳建国（东山煤矿党委副书记、矿长、安全生产委员会主任）',
    );
  });
});

describe('body text', () => {
  // A space is as wide everywhere: on a full line as on a paragraph's last (never justified) one.
  it('sets a space at its own width, not stretched to fill the line', async () => {
    const words = await rendered(
      facts(
        null,
        '请您于本周内携带身份证和三月考勤表复印件到东山煤矿信访接待室，地址为矿区路 21 号门，联系电话 0351-12345678，办理补充材料手续，材料送至矿区路 21 号门。',
      ),
    );
    const top = words.find((w) => w.text.startsWith('请您于'))?.yMin ?? 0;
    const gaps = words.flatMap((w, i) => {
      const next = words[i + 1];
      return next && Math.abs(next.yMin - w.yMin) < 1 && w.yMin >= top ? [next.xMin - w.xMax] : [];
    });
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    const narrowest = Math.min(...gaps);
    for (const gap of gaps) expect(gap - narrowest).toBeLessThan(0.5);
  });
});
