import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Org paths look like `/rootId/mineId/unitId/`. A subtree is every path that starts with the
 * subtree's own path: written as a range (`>= '/a/b/'` and `< '/a/b0'`, since '0' follows '/')
 * so both SQLite and MySQL use the index, which LIKE would not guarantee.
 */
export function pathRange(path: string): { from: string; to: string } {
  return { from: path, to: `${path.slice(0, -1)}0` };
}

/** `column` lies in the subtree rooted at `path` (the column holds org paths). */
export function withinPath(column: string, path: string): RawBuilder<SqlBool> {
  const { from, to } = pathRange(path);
  return sql<SqlBool>`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to})`;
}

/** `/a/b/c/` → `['a', 'b', 'c']`, the form `shared`'s UnitRef uses. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export function pathOf(ids: readonly string[]): string {
  return `/${ids.join('/')}/`;
}
