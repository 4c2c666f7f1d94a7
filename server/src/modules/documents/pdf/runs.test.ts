import { describe, expect, it } from 'vitest';
import { type Coverage, splitRuns } from './runs';

const codes = (text: string) => new Set([...text].map((char) => char.codePointAt(0)));
const font = (chars: string): Coverage => {
  const has = codes(chars);
  return (codePoint) => has.has(codePoint);
};

describe('splitting text into runs by font', () => {
  // The document's font has the common characters; the fallback the rare ones (Extension B).
  const main = font('王同志您好，：□');
  const rare = font('𠮷𡈽');

  it('gives each character to the first font that has it, whole characters outside the BMP', () => {
    expect(splitRuns('王𠮷𡈽同志：您好', [main, rare])).toEqual({
      runs: [
        { font: 0, text: '王' },
        { font: 1, text: '𠮷𡈽' },
        { font: 0, text: '同志：您好' },
      ],
      missing: [],
    });
  });

  it('prints a character no font has as □ in the first font, and names it once', () => {
    // U+30EDE (biáng, Extension G) twice, and an emoji: in neither font.
    expect(splitRuns('𰻞𰻞王𠮷😀', [main, rare])).toEqual({
      runs: [
        { font: 0, text: '□□王' },
        { font: 1, text: '𠮷' },
        { font: 0, text: '□' },
      ],
      missing: ['𰻞', '😀'],
    });
    expect(splitRuns('𠮷', [main]).missing).toEqual(['𠮷']);
  });

  it('keeps line breaks with the document’s font and leaves out marks that show nothing', () => {
    // A variation selector after 𠮷, a zero-width joiner, a byte-order mark.
    expect(splitRuns('王\n𠮷\u{e0100}同\u200d志\ufeff', [main, rare])).toEqual({
      runs: [
        { font: 0, text: '王\n' },
        { font: 1, text: '𠮷' },
        { font: 0, text: '同志' },
      ],
      missing: [],
    });
    expect(splitRuns('', [main, rare])).toEqual({ runs: [], missing: [] });
  });
});
