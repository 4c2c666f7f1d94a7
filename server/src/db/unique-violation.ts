/**
 * A unique key the database refused a write for (MySQL 1062; SQLite's UNIQUE or PRIMARY KEY
 * constraint), on either dialect: a concurrent twin won, or a time-driven message was recorded.
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The name of the key a unique violation names (MySQL: `for key 'x'`; SQLite: `failed: t.c`). */
export function uniqueKeyOf(error: unknown): string | null {
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return /for key '([^']+)'/.exec(message)?.[1] ?? /constraint failed: (.+)$/.exec(message)?.[1] ?? null;
}
