/**
 * Organisation units are data passed in: a unit and the ids of its ancestors. "The level above"
 * (Art 35, 36) is the parent; a staff member acts on the units of their subtree.
 */
export interface UnitRef {
  id: string;
  /** Ancestor ids from the root down to and including the unit itself. */
  path: readonly string[];
}

/** Whether `unit` is `scope` or lies below it. */
export function isWithin(unit: UnitRef, scope: UnitRef): boolean {
  return unit.path.includes(scope.id);
}

/** The level above, or null for the root. */
export function parentOf(unit: UnitRef): UnitRef | null {
  const parentId = unit.path.at(-2);
  return parentId === undefined ? null : { id: parentId, path: unit.path.slice(0, -1) };
}

/** A well-formed ref: non-empty path ending with the unit's own id, no repeated ids. */
export function isUnitRef(value: unknown): value is UnitRef {
  if (typeof value !== 'object' || value === null) return false;
  const { id, path } = value as { id?: unknown; path?: unknown };
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    Array.isArray(path) &&
    path.length > 0 &&
    path.every((p) => typeof p === 'string' && p.length > 0) &&
    path.at(-1) === id &&
    new Set(path).size === path.length
  );
}
