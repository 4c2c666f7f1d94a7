import { UNOWNED_REASONS, type UnownedReason } from '@xinfang/shared/schemas/registers';

/** What the 待包案 order reads of a case. */
export interface UnownedRanked {
  reasons: readonly UnownedReason[];
  /** The nearest running deadline, or null when none runs. */
  nextDueAt: string | null;
  receivedAt: string;
  petitionId: string;
}

const RANK = new Map<UnownedReason, number>(UNOWNED_REASONS.map((reason, i) => [reason, i]));
const rankOf = (reason: UnownedReason) => RANK.get(reason) ?? UNOWNED_REASONS.length;
const first = (c: UnownedRanked) => Math.min(UNOWNED_REASONS.length, ...c.reasons.map(rankOf));
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The reasons once each, the most pressing first. */
export function inPressingOrder(reasons: Iterable<UnownedReason>): UnownedReason[] {
  return [...new Set(reasons)].sort((a, b) => rankOf(a) - rankOf(b));
}

/**
 * 待包案 order (Art 18): the case that most needs a leader first — by its most pressing reason (a
 * case a leader just handed back before one merely brought again), then by how many reasons it
 * has, then the nearest deadline (none running last), the oldest, and the id to settle ties. A
 * case with every reason of another and more never comes after it.
 */
export function compareUnowned(a: UnownedRanked, b: UnownedRanked): number {
  return (
    first(a) - first(b) ||
    b.reasons.length - a.reasons.length ||
    compareText(a.nextDueAt ?? '\uffff', b.nextDueAt ?? '\uffff') ||
    compareText(a.receivedAt, b.receivedAt) ||
    compareText(a.petitionId, b.petitionId)
  );
}
