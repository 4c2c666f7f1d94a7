import type SQLite from 'better-sqlite3';

/** Prepared statements of one connection, by SQL text, least recently used first out. */
export class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();
  constructor(
    private readonly db: SQLite.Database,
    private readonly size: number,
  ) {}

  get(sql: string): SQLite.Statement {
    const cached = this.statements.get(sql);
    if (cached) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const prepared = this.db.prepare(sql);
    this.statements.set(sql, prepared);
    if (this.statements.size > this.size) {
      const oldest = this.statements.keys().next().value as string;
      this.statements.delete(oldest);
    }
    return prepared;
  }

  get count(): number {
    return this.statements.size;
  }
}
