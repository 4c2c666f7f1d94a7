import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandsV1 } from '../../db/migrations/20261203100100_create_petition_signature';
import { SIGNATURE_BANDS, signatureBands } from './signature';
import { textSimilarity } from './similarity';

const hanzi = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 20, maxLength: 120 })
  .map((codes) => String.fromCodePoint(...codes));

/** A fixed seed: these properties speak of chances, and must not flake. */
const FIXED = { seed: 20261203, numRuns: 300 };

describe('text signatures', () => {
  it('are what the migration computed for the petitions already there (version 1)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        hanzi,
        fc.string({ minLength: 1, maxLength: 26 }),
        (a, b, unit) => {
          expect(signatureBands(a, unit)).toEqual(bandsV1(a, unit));
          expect(signatureBands(b, unit)).toEqual(bandsV1(b, unit));
        },
      ),
      FIXED,
    );
  });

  it('are 16 31-bit numbers, the same for the same text whatever its spacing and punctuation', () => {
    const bands = signatureBands('综采一队工资拖欠三个月', 'U1');
    expect(bands).toHaveLength(SIGNATURE_BANDS);
    for (const band of bands) expect(band).toBeGreaterThanOrEqual(0);
    for (const band of bands) expect(band).toBeLessThan(2 ** 31);
    expect(signatureBands('综采一队 工资拖欠，三个月！', 'U1')).toEqual(bands);
    expect(signatureBands('。，！', 'U1')).toEqual([]);
  });

  it('never share a band for the same text about another unit', () => {
    const text = '综采一队2026年8月至10月工资未按时足额发放，要求补发拖欠工资。';
    const here = new Set(signatureBands(text, 'UNIT-A'));
    expect(signatureBands(text, 'UNIT-B').some((b) => here.has(b))).toBe(false);
  });

  it('almost always share a band when the texts are the same matter (similarity 0.7 and more)', () => {
    let alike = 0;
    let found = 0;
    fc.assert(
      fc.property(hanzi, fc.array(fc.nat(), { maxLength: 8 }), (text, edits) => {
        const chars = [...text];
        for (const edit of edits) chars[edit % chars.length] = '改';
        const again = chars.join('');
        if (textSimilarity(text, again) < 0.7) return;
        alike += 1;
        const first = new Set(signatureBands(text, 'U'));
        if (signatureBands(again, 'U').some((b) => first.has(b))) found += 1;
      }),
      { ...FIXED, numRuns: 2000 },
    );
    expect(alike).toBeGreaterThan(1000);
    expect(found / alike).toBeGreaterThan(0.995);
  });

  it('seldom share a band when the texts are about other things', () => {
    let shared = 0;
    const runs = 2000;
    fc.assert(
      fc.property(hanzi, hanzi, (a, b) => {
        const first = new Set(signatureBands(`关于工资发放的反映\n${a}`, 'U'));
        if (signatureBands(`关于工资发放的反映\n${b}`, 'U').some((x) => first.has(x))) shared += 1;
      }),
      { ...FIXED, numRuns: runs },
    );
    expect(shared / runs).toBeLessThan(0.25);
  });
});
