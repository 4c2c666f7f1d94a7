import { describe, expect, it } from 'vitest';
import { Incomplete, Lexer, Malformed } from './lexer';
import { inspect, serialize } from './objects';

/** The PDF lexer and the canonical form objects are written back in (ISO 32000-1 §7.2, §7.3). */

const parse = (text: string, final = true) => new Lexer(Buffer.from(text, 'latin1'), 0, final).value();

describe('the PDF lexer', () => {
  it('reads every kind of object, and writes it back in one form', () => {
    const value = parse(
      '<< /Type /Page /K#20ey [1 -2.5 +3 .5 true null (a (nested) \\(escaped\\) \\101\\n line\\\ncontinued) <48 65 6c6C 6> 12 0 R] % a comment\n /Sub << /A 1 0 R >> >>',
    );
    expect(serialize(value)).toBe(
      '<</Type /Page /K#20ey [1 -2.5 3 .5 true null <6120286e657374656429202865736361706564292041' +
        '0a206c696e65636f6e74696e756564> <48656c6c60> 12 0 R] /Sub <</A 1 0 R>>>>',
    );
    // Read back and written again, the canonical form does not change.
    expect(serialize(parse(serialize(value)))).toBe(serialize(value));
  });

  it('asks for more of the file when the view ends inside an object, and refuses what is not PDF', () => {
    expect(() => parse('<< /Length 12', false)).toThrow(Incomplete);
    expect(() => parse('(unterminated', false)).toThrow(Incomplete);
    expect(() => parse('<< /Length 12')).toThrow(Malformed);
    for (const bad of ['<< 1 2 >>', '[1 2 >>', '<< /A ) >>', '<zz>', 'obj', `${'['.repeat(100)}`]) {
      expect(() => parse(bad), bad).toThrow(Malformed);
    }
  });

  it('finds active names however escaped, and follows references except to metadata', () => {
    const active = (text: string) => {
      try {
        inspect(parse(text));
        return false;
      } catch {
        return true;
      }
    };
    expect(active('<< /S /J#61vaScript >>')).toBe(true);
    expect(active('<< /S /J#2361vaScript >>')).toBe(true);
    expect(active('<< /O#70enAction 4 0 R >>')).toBe(true);
    expect(active('[<< /Names << /EmbeddedFiles 5 0 R >> >>]')).toBe(true);
    expect(active('<< /S /GoTo /D [3 0 R /Fit] >>')).toBe(false);

    const dict = parse(
      '<< /Pages 2 0 R /Metadata 7 0 R /Length 9 0 R /X [3 0 R 2 0 R << /PieceInfo 8 0 R >>] >>',
    );
    expect(inspect(dict)).toEqual([2, 9, 3]);
    expect(inspect(dict, true)).toEqual([2, 3]);
  });
});
