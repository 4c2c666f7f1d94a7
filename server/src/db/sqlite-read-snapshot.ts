import type SQLite from 'better-sqlite3';

/**
 * The lone reads one connection runs in one turn of the event loop, in one read transaction.
 * A statement outside a transaction opens and ends a read transaction of its own: two fcntl
 * locks on the log's index (and an fstat of the file while the log is empty), each a system call,
 * costlier still under page-table isolation. A petition's detail runs five statements: with them
 * in one read transaction the server's main thread makes ~7 system calls a request instead of ~15
 * (strace, requests one at a time).
 *
 * The snapshot ends after this turn's I/O (setImmediate), and at once whenever this process
 * commits: before the writer begins a transaction, and for the reader when the writer's group
 * has committed — so a read never misses a write this process has acknowledged. Another
 * instance's commit is seen from the next turn on, as if the read had come a moment earlier.
 */
export class ReadSnapshot {
  private open = false;

  constructor(private readonly db: SQLite.Database) {}

  /** Makes sure the connection's next statement reads inside the turn's read transaction. */
  hold(): void {
    if (this.open) return;
    this.db.exec('begin');
    this.open = true;
    setImmediate(() => this.end());
  }

  /** Ends the read transaction, if one is open. */
  end(): void {
    if (!this.open) return;
    this.open = false;
    // An I/O error in one of its reads may have ended it already.
    if (this.db.inTransaction) this.db.exec('commit');
  }
}
