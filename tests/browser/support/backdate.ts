import Database from 'better-sqlite3';

/**
 * Moves one petition's whole history `days` into the past, in the server's SQLite file: every
 * instant and every date it stores (received, each event, the reply's delivery, the report-back
 * date, the lifecycle snapshot) shifts by the same amount, as if it had all happened then.
 *
 * Why: the server's clock cannot be moved from a browser test, and the API rightly refuses to
 * backdate — a delivery is recorded only between the day the answer was issued and today. A reply
 * delivered 40 days ago can only exist if the whole case happened earlier, which is exactly what
 * this writes. (Its documents are not moved: only the lifecycle's clocks read the dates.) Nothing else is touched; the server then computes the clocks and `allowedActions`
 * from that history and its real "now", as it would for a real old case.
 */
export function backdatePetition(databasePath: string, petitionId: string, days: number): void {
  const db = new Database(databasePath);
  try {
    // The server writes to the same file meanwhile (other pages, its jobs): wait for its turns.
    db.pragma('busy_timeout = 30000');
    const shift = (text: string | null | undefined): string | null =>
      text === null || text === undefined
        ? null
        : text
            .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z/g, (instant) =>
              new Date(Date.parse(instant) - days * 86_400_000).toISOString(),
            )
            .replace(/"(\d{4}-\d{2}-\d{2})"/g, (_, date: string) => {
              const moved = new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000);
              return `"${moved.toISOString().slice(0, 10)}"`;
            });
    db.transaction(() => {
      const petition = db
        .prepare(
          'SELECT received_at, next_due_at, lifecycle, created_at, updated_at FROM petition WHERE id = ?',
        )
        .get(petitionId) as Record<string, string> | undefined;
      if (!petition) throw new Error(`no petition ${petitionId}`);
      db.prepare(
        'UPDATE petition SET received_at = ?, next_due_at = ?, lifecycle = ?, created_at = ?, updated_at = ? WHERE id = ?',
      ).run(
        shift(petition.received_at),
        shift(petition.next_due_at),
        shift(petition.lifecycle),
        shift(petition.created_at),
        shift(petition.updated_at),
        petitionId,
      );
      const events = db
        .prepare('SELECT id, at, data FROM petition_event WHERE petition_id = ?')
        .all(petitionId) as {
        id: string;
        at: string;
        data: string;
      }[];
      const update = db.prepare('UPDATE petition_event SET at = ?, data = ? WHERE id = ?');
      for (const event of events) update.run(shift(event.at), shift(event.data), event.id);
      // IMMEDIATE: the write lock first. A transaction that read first cannot wait for it: SQLite
      // answers "database is locked" at once when the server committed since (it did in a CI run).
    }).immediate();
  } finally {
    db.close();
  }
}
