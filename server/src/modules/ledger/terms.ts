/**
 * The search index's terms: every run of two characters of the text, lower-cased, without
 * whitespace (Chinese is written without spaces, so there are no words to split at; a bigram
 * index is what Chinese full-text search uses). A search for a phrase finds the petitions holding
 * all its terms, then checks the phrase itself.
 */
export function termsOf(text: string): string[] {
  const chars = [...text.toLowerCase().replace(/\s+/g, '')];
  const terms = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) terms.add(`${chars[i]}${chars[i + 1]}`);
  return [...terms];
}
