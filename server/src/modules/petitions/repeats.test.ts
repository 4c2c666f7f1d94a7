import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bringsNothingNew, SAME_MATTER_THRESHOLD } from './repeats';
import { textSimilarity } from './similarity';

/** Declined at once after finality (intake.service.ts): the same matter, and nothing new. */
const declinedAsFinal = (text: string, final: string) =>
  textSimilarity(text, final) >= SAME_MATTER_THRESHOLD && bringsNothingNew(text, final);

const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code));
const letter = fc.constantFrom(...'0123456789abcXYZ');
const word = fc.string({ unit: fc.oneof(hanzi, letter), minLength: 1, maxLength: 8 });
const gap = fc.string({ unit: fc.constantFrom(...' \n\t　，。、：；！？“”（）,.!?-~'), maxLength: 3 });
/** A text as words and the gaps between them: spacing and punctuation, perhaps none. */
const words = fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 30 });
const joined = (parts: readonly (readonly [string, string])[]) => parts.map(([w, g]) => `${w}${g}`).join('');

const FINAL =
  '综采一队拖欠2025年冬季取暖补贴\n综采一队2025年冬季的取暖补贴至今没有发放，已经拖了四个月，请求尽快发放。';

describe('Art 36 ¶3 at registration: what brings nothing new to a final case', () => {
  it('the audit’s case: new facts appended are for a person to weigh', () => {
    expect(declinedAsFinal(`${FINAL}新情况：今年矿上发文把补贴取消了，我有新证据。`, FINAL)).toBe(false);
    expect(declinedAsFinal(FINAL, FINAL)).toBe(true);
    expect(declinedAsFinal(FINAL.replace(/，/g, ' ').replace('。', '!!'), FINAL)).toBe(true);
    // One word changed is not for a machine to call the same facts either.
    expect(declinedAsFinal(FINAL.replace('四个月', '五个月'), FINAL)).toBe(false);
  });

  it('appending a sentence with any content never declines', () => {
    fc.assert(
      fc.property(words, word, gap, gap, (final, sentence, before, after) => {
        const text = joined(final);
        expect(declinedAsFinal(`${text}${before}${sentence}${after}`, text)).toBe(false);
      }),
    );
  });

  it('the same text, verbatim or with other spacing, punctuation or letter case, declines', () => {
    fc.assert(
      fc.property(
        words,
        fc.array(gap, { minLength: 30, maxLength: 30 }),
        fc.boolean(),
        (final, gaps, upper) => {
          const text = joined(final);
          const variant = joined(
            final.map(([w], i) => [upper ? w.toUpperCase() : w, gaps[i] as string] as const),
          );
          expect(declinedAsFinal(text, text)).toBe(true);
          expect(declinedAsFinal(variant, text)).toBe(true);
        },
      ),
    );
  });
});
