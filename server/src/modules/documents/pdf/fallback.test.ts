import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR } from '../../../config';
import type { NoticeFacts } from '../notice-facts';
import { compose } from './compose';
import { documentText, unprintableCharacters } from './coverage';
import { logFontReadFailuresTo } from './fonts';
import { LETTER } from './geometry';
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

async function rendered(facts: NoticeFacts, fallbackFontDir = DEFAULT_FALLBACK_FONT_DIR) {
  const composed = compose(facts, '东山信告〔2026〕1号');
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

/** The drawing operators of the pages (pdfkit deflates each content stream). */
function pageOperators(pdf: Buffer): string {
  const pages: string[] = [];
  for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 1)) {
    const end = pdf.indexOf('\nendstream', at);
    let text = '';
    try {
      text = inflateSync(pdf.subarray(at + 'stream\n'.length, end)).toString('latin1');
    } catch {
      // Not deflated (an image, a font's metrics): no page text.
    }
    if (text.includes(' Tf\n')) pages.push(text);
    at = end + 'endstream'.length;
  }
  return pages.join('\n');
}

/** Each piece of text drawn: its font and size, whether filled and stroked (2 Tr), in what. */
function textPieces(operators: string) {
  return [...operators.matchAll(/BT\n[\s\S]*?\/(F\d+) ([\d.]+) Tf\n(2 Tr\n)?[\s\S]*?ET/g)].map((m) => {
    const before = operators.slice(0, m.index);
    const last = (pattern: RegExp) => [...before.matchAll(pattern)].at(-1)?.[1];
    return {
      font: m[1],
      size: Number(m[2]),
      stroked: m[3] !== undefined,
      lineWidth: Number(last(/([\d.]+) w\n/g)),
      strokeColour: last(/([\d. ]+) SCN\n/g),
      fillColour: last(/([\d. ]+) scn\n/g),
    };
  });
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

describe('a rare character in a bold line', () => {
  it('is drawn in a faux bold of its line’s colour — stroked 3% of the size wide — and stays text', async () => {
    const composed = compose(notice('王𠮷', '请到接待点。', '东山𠮷矿'), '东山信告〔2026〕1号');
    const pdf = await renderPdf({
      composed,
      seal: null,
      issuedAt: '2026-03-03T02:00:00.000Z',
      fallbackFontDir: DEFAULT_FALLBACK_FONT_DIR,
    });
    const pieces = textPieces(pageOperators(pdf));
    // The issuing unit at the head is bold, in red: its 𠮷 (the fallback font) is stroked.
    const stroked = pieces.filter((piece) => piece.stroked);
    expect(stroked).toHaveLength(1);
    const [bold] = stroked;
    expect(bold?.size).toBe(LETTER.unitSize);
    expect(bold?.lineWidth).toBeCloseTo(0.03 * LETTER.unitSize, 5);
    expect(bold?.strokeColour).toBe(bold?.fillColour);
    // In the regular lines (主送, the signature) the same font's 𠮷 is only filled.
    const regular = pieces.filter((piece) => piece.font === bold?.font && !piece.stroked);
    expect(regular.length).toBeGreaterThanOrEqual(2);
    const text = (await pageText(pdf)).replace(/\s+/g, '');
    expect(text.startsWith('东山𠮷矿')).toBe(true);
    expect(text).toContain('王𠮷：您于');
    expect(text).toContain('（印章）东山𠮷矿2026年3月3日');
  });
});

describe('a fallback font that cannot be read just now', () => {
  it('is read again for the next document, its failure logged once, the hint naming more meanwhile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xf-fonts-'));
    const logged: object[] = [];
    logFontReadFailuresTo({ error: (entry) => logged.push(entry) });
    try {
      // A folder where the file should be: its read fails (EISDIR), as a passing EACCES or EIO.
      await mkdir(join(dir, 'HanaMinB.ttf'));
      const facts = notice('王𠮷𡈽', '请到接待点。');
      for (let i = 0; i < 2; i++) {
        await expect(rendered(facts, dir)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      }
      // The staff's hint counts the font absent: it names more characters, never fewer.
      const text = documentText(compose(facts, '东山信告〔2026〕1号'));
      expect(await unprintableCharacters(text, dir)).toEqual(['𠮷', '𡈽']);
      expect(logged).toEqual([expect.objectContaining({ code: 'EISDIR' })]);

      await rmdir(join(dir, 'HanaMinB.ttf'));
      await symlink(join(DEFAULT_FALLBACK_FONT_DIR, 'HanaMinB.ttf'), join(dir, 'HanaMinB.ttf'));
      const next = await rendered(facts, dir);
      expect(next.text).toContain('王𠮷𡈽：');
      expect(next.unprintable).toEqual([]);
      expect(logged).toHaveLength(1);
    } finally {
      logFontReadFailuresTo({ error() {} });
      await rm(dir, { recursive: true, force: true });
    }
  });
});
