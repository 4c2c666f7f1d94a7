/**
 * How alike two petitions' texts are, for spotting repeat petitions (重复信访) without any outside
 * service: the Dice coefficient of their character bigrams, after dropping whitespace and
 * punctuation. Chinese has no spaces, so characters, not words, are the unit. 0 = nothing shared,
 * 1 = the same bigrams.
 */
export function textSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.size === 0 || right.size === 0)
    return normalise(a) === normalise(b) && normalise(a) !== '' ? 1 : 0;
  let shared = 0;
  for (const [gram, count] of left) shared += Math.min(count, right.get(gram) ?? 0);
  const total = [...left.values(), ...right.values()].reduce((sum, n) => sum + n, 0);
  return (2 * shared) / total;
}

export function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The character bigrams of a text's letters and digits, with how often each occurs. */
export function bigrams(text: string): Map<string, number> {
  const chars = [...normalise(text)];
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const gram = `${chars[i]}${chars[i + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}
