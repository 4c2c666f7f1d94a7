import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR } from '../../../config';
import type { NoticeFacts } from '../notice-facts';
import { compose } from './compose';
import { documentText, unprintableCharacters } from './coverage';
import { renderPdf } from './render';
import { MISSING_MARK } from './runs';

/**
 * Rare characters (生僻字) in a notice, read back from the PDF with poppler's pdftotext: every
 * character is on the page, in the fallback font where Noto Serif SC lacks it, or as 「□」 where
 * no font has it — and then named for the staff. Needs Debian's fonts-hanazono (fonts.ts).
 */
const run = promisify(execFile);

async function pageText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xf-rare-'));
  try {
    await writeFile(join(dir, 'document.pdf'), pdf);
    return (await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'document.pdf'), '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function notice(addressee: string, message: string, unitName = '东山煤矿'): NoticeFacts {
  return {
    petition: { number: 'XF2026-000006', title: '宅基地补偿', receivedOn: '2026-03-02', kind: 'request' },
    addressee,
    issuingUnit: { id: 'ds', name: unitName },
    issuedOn: '2026-03-03',
    seal: null,
    signatory: null,
    body: { type: 'general_notice', message },
  };
}

async function rendered(facts: NoticeFacts) {
  const composed = compose(facts, '东山信告〔2026〕1号');
  const fallbackFontDir = DEFAULT_FALLBACK_FONT_DIR;
  const pdf = await renderPdf({
    composed,
    seal: null,
    issuedAt: '2026-03-03T02:00:00.000Z',
    fallbackFontDir,
  });
  return {
    text: await pageText(pdf),
    unprintable: await unprintableCharacters(documentText(composed), fallbackFontDir),
  };
}

const between = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
/** The basic block, Extension A, Extension B, and emoji (some of which no font has). */
const character = fc.oneof(
  between(0x4e00, 0x9fff),
  between(0x3400, 0x4dbf),
  between(0x20000, 0x2a6df),
  between(0x1f300, 0x1f64f),
);

describe('rare characters in a notice', () => {
  // The message is wrapped flush left; the unit's name is centred in bold at the head, and set
  // at a measured place over the date at the foot.
  it('prints every character, in a fallback font or as □ (then named), and never loses one', async () => {
    const text = (length: number) => fc.array(character, { minLength: 1, maxLength: length });
    await fc.assert(
      fc.asyncProperty(text(80), text(12), async (message, unit) => {
        const { text, unprintable } = await rendered(notice('王𠮷', message.join(''), unit.join('')));
        const printed = (chars: string[]) =>
          chars.map((c) => (unprintable.includes(c) ? MISSING_MARK : c)).join('');
        const page = text.replace(/\s+/g, '');
        expect(page).toContain(`现告知如下：${printed(message)}`);
        expect(page.startsWith(printed(unit))).toBe(true);
        expect(page).toContain(`（印章）${printed(unit)}2026年3月3日`);
        // The basic block and Extension A are always printed: only what no font has is named.
        for (const c of unprintable) expect(c.codePointAt(0)).toBeGreaterThanOrEqual(0x1f300);
      }),
      { numRuns: 12 },
    );
  });

  it('sets a character from Extension B at the same pitch: 28 to the line, as any other', async () => {
    const { text, unprintable } = await rendered(notice('王𠮷𡈽', '𠮷'.repeat(60)));
    expect(unprintable).toEqual([]);
    expect(text).toContain('王𠮷𡈽：');
    // The paragraph's first line is indented two characters.
    const lines = text.split('\n').filter((line) => /^(?:𠮷)+$/u.test(line.trim()));
    expect(lines.map((line) => [...line.trim()].length)).toEqual([26, 28, 6]);
  });
});
