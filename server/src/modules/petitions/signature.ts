import { bigrams, normalise } from './similarity';

/**
 * A petition's text signature, to find the same person's similar petitions through an index
 * rather than by reading their history (min-hash locality-sensitive hashing). The text's set of
 * character bigrams — what `textSimilarity` compares — is min-hashed 32 times; the 32 values are
 * cut into 16 bands of 2, and each band is hashed with the concerned unit into one 31-bit number
 * stored beside the petition (`petition_signature`). Two texts whose bigram sets overlap by
 * Jaccard J share at least one band with probability 1 − (1 − J²)¹⁶:
 *
 * | Dice similarity (J)          | chance of becoming a candidate |
 * | ---------------------------- | -----------------------------: |
 * | 0.9, a resubmission (0.82)   |                      > 0.99999 |
 * | 0.7, the same matter (0.54)  |                          0.996 |
 * | 0.5 (0.33)                   |                           0.85 |
 * | 0.35, the link limit (0.21)  |                           0.52 |
 * | 0.1, another matter (0.05)   |                           0.04 |
 *
 * so a frequent petitioner's unrelated petitions about the same unit seldom need reading, and
 * the same matter is practically always found. Candidates are then compared exactly.
 *
 * Changing any constant here changes every signature: it needs a migration that computes them
 * all again (see 20261203100100_create_petition_signature, which holds this version's copy).
 */
export const SIGNATURE_BANDS = 16;
const ROWS_PER_BAND = 2;
const SEEDS = Array.from({ length: SIGNATURE_BANDS * ROWS_PER_BAND }, (_, i) => fmix32(0x9e3779b9 * (i + 1)));

/**
 * The band numbers of a text about a unit (null: a unit nobody named yet, banded as the empty id);
 * none for a text without letters or digits.
 */
export function signatureBands(text: string, concernedUnitId: string | null): number[] {
  const grams = bigrams(text);
  const keys = grams.size > 0 ? [...grams.keys()] : [normalise(text)].filter((t) => t !== '');
  if (keys.length === 0) return [];
  const hashes = keys.map(fnv1a);
  const unit = fnv1a(concernedUnitId ?? '');
  const bands = new Set<number>();
  for (let band = 0; band < SIGNATURE_BANDS; band += 1) {
    let key = fmix32(unit ^ Math.imul(band + 1, 0x85ebca6b));
    for (let row = 0; row < ROWS_PER_BAND; row += 1) {
      const seed = SEEDS[band * ROWS_PER_BAND + row] as number;
      let min = 0xffffffff;
      for (const hash of hashes) {
        const permuted = fmix32(hash ^ seed);
        if (permuted < min) min = permuted;
      }
      key = fmix32(key ^ min);
    }
    bands.add(key & 0x7fffffff);
  }
  return [...bands];
}

/** FNV-1a over UTF-16 code units, unsigned 32-bit. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** MurmurHash3's finaliser: every input bit moves every output bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
