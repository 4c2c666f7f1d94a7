import type { NoticeFacts } from './notice-facts';
import { compose } from './pdf/compose';
import { documentText, unprintableCharacters } from './pdf/coverage';

/**
 * The characters of a notice that no font has, in the copy this reader gets (Art 30: the accused
 * unit's copy names no accuser, so it never names a character of the accuser's name): on paper
 * each is a 「□」, for the staff who print it to write in by hand. From its text, without rendering
 * it: no font is read unless it holds a character beyond the common blocks (pdf/coverage.ts).
 * The staff's list of a case's documents and the office's list of answers to deliver both ask.
 */
export function unprintableInNotice(
  notice: { facts: string; number: string | null },
  withheld: boolean,
  fallbackFontDir: string,
): Promise<string[]> {
  const composed = compose(JSON.parse(notice.facts) as NoticeFacts, notice.number, withheld);
  return unprintableCharacters(documentText(composed), fallbackFontDir);
}
