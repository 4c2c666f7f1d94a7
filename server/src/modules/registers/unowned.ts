import { UNOWNED_REASONS, type UnownedReason } from '@xinfang/shared/schemas/registers';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import { AppError } from '../../errors';

/** What the 待包案 order reads of a case. */
export interface UnownedRanked {
  reasons: readonly UnownedReason[];
  /** The nearest running deadline, or null when none runs. */
  nextDueAt: string | null;
  receivedAt: string;
  petitionId: string;
}

/**
 * Where a case stands in the 待包案 order: its most pressing reason's rank, how many reasons it
 * has, its deadline, age and id. A page's cursor is the key of its last case.
 */
export interface UnownedKey {
  first: number;
  count: number;
  nextDueAt: string | null;
  receivedAt: string;
  petitionId: string;
}

const RANK = new Map<UnownedReason, number>(UNOWNED_REASONS.map((reason, i) => [reason, i]));
const rankOf = (reason: UnownedReason) => RANK.get(reason) ?? UNOWNED_REASONS.length;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The reasons once each, the most pressing first. */
export function inPressingOrder(reasons: Iterable<UnownedReason>): UnownedReason[] {
  return [...new Set(reasons)].sort((a, b) => rankOf(a) - rankOf(b));
}

export function keyOf(c: UnownedRanked): UnownedKey {
  return {
    first: Math.min(UNOWNED_REASONS.length, ...c.reasons.map(rankOf)),
    count: c.reasons.length,
    nextDueAt: c.nextDueAt,
    receivedAt: c.receivedAt,
    petitionId: c.petitionId,
  };
}

/**
 * 待包案 order (Art 18): the case that most needs a leader first — by its most pressing reason (a
 * case a leader just handed back before one merely brought again), then by how many reasons it
 * has, then the nearest deadline (none running last), the oldest, and the id to settle ties.
 */
export function compareKeys(a: UnownedKey, b: UnownedKey): number {
  return (
    a.first - b.first ||
    b.count - a.count ||
    compareText(a.nextDueAt ?? '\uffff', b.nextDueAt ?? '\uffff') ||
    compareText(a.receivedAt, b.receivedAt) ||
    compareText(a.petitionId, b.petitionId)
  );
}

/** The 待包案 order of two cases (`compareKeys`): one with every reason of another and more first. */
export function compareUnowned(a: UnownedRanked, b: UnownedRanked): number {
  return compareKeys(keyOf(a), keyOf(b));
}

/**
 * One page of the cases in 待包案 order: those after the key `after` (from the start when null),
 * and the key to go on from, null at the end. Paging by where the last page ended, not by how
 * many came before it, neither skips nor repeats a case when others come or go between pages.
 */
export function pageAfter<T extends UnownedRanked>(
  cases: readonly T[],
  after: UnownedKey | null,
  limit: number,
): { items: T[]; next: UnownedKey | null } {
  const keyed = cases.map((c) => ({ c, key: keyOf(c) }));
  const rest = keyed
    .filter(({ key }) => after === null || compareKeys(key, after) > 0)
    .sort((a, b) => compareKeys(a.key, b.key));
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(({ c }) => c), next: rest.length > limit && last ? last.key : null };
}

export function encodeUnownedCursor(key: UnownedKey): string {
  return encodeCursor([key.first, key.count, key.nextDueAt ?? '', key.receivedAt, key.petitionId]);
}

/** A cursor back from the client; one that is no 待包案 key is its error (400), not ours. */
export function decodeUnownedCursor(cursor: string): UnownedKey {
  const [first, count, nextDueAt, receivedAt, petitionId] = decodeCursor(cursor, 5);
  if (
    Number.isInteger(first) &&
    Number.isInteger(count) &&
    typeof nextDueAt === 'string' &&
    typeof receivedAt === 'string' &&
    typeof petitionId === 'string'
  ) {
    return {
      first: first as number,
      count: count as number,
      nextDueAt: nextDueAt || null,
      receivedAt,
      petitionId,
    };
  }
  throw new AppError('VALIDATION_FAILED', '分页游标无效', [
    { path: '/querystring/cursor', message: 'is not a cursor' },
  ]);
}
