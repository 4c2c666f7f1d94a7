import { Kysely, type TransactionBuilder } from 'kysely';

/**
 * MySQL's 1213 (ER_LOCK_DEADLOCK) is what InnoDB answers a deadlock victim and what Galera answers
 * a transaction that lost certification to a conflicting write committed on another node; 1205
 * (ER_LOCK_WAIT_TIMEOUT) a wait for a row lock that ran out. Either way the transaction is undone
 * (Kysely rolls back on any error the callback meets), so running it again from the start is safe.
 */
const RETRIED_ERRNOS = new Set([1213, 1205]);

/** How many times a transaction is tried in all before its conflict is answered to the caller. */
export const TRANSACTION_ATTEMPTS = 5;

/** Counts what the retries did since the process started (health shows them). */
export interface ConflictCounts {
  /** Transactions run again after a conflict. */
  retried: number;
  /** Transactions that met a conflict on every attempt and failed. */
  gaveUp: number;
}

export function isRetriableConflict(error: unknown): boolean {
  // The guarded dialect wraps driver errors (DatabaseUnavailable): the errno is on the cause.
  for (
    let e = error as { errno?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 3;
    depth += 1
  ) {
    if (typeof e.errno === 'number' && RETRIED_ERRNOS.has(e.errno)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Runs `attempt` until it succeeds, fails otherwise, or has met a conflict TRANSACTION_ATTEMPTS times. */
export async function retryConflicts<T>(counts: ConflictCounts, attempt: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetriableConflict(error)) throw error;
      if (tried >= TRANSACTION_ATTEMPTS) {
        counts.gaveUp += 1;
        throw error;
      }
      counts.retried += 1;
      // A little random wait, longer each time, so the two sides of a conflict do not meet again.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** tried));
    }
  }
}

/**
 * Kysely whose `transaction()` — the one place every transaction of the server starts — runs the
 * callback again when the transaction meets a conflict, at most TRANSACTION_ATTEMPTS times. Callers
 * change nothing, but their callback must not do anything outside the database that cannot be
 * repeated (none does: sends go through the outbox).
 */
export class ConflictRetryingKysely<DB> extends Kysely<DB> {
  readonly conflicts: ConflictCounts = { retried: 0, gaveUp: 0 };

  override transaction(): TransactionBuilder<DB> {
    return retrying(super.transaction(), this.conflicts);
  }
}

function retrying<DB>(builder: TransactionBuilder<DB>, counts: ConflictCounts): TransactionBuilder<DB> {
  const { execute, setIsolationLevel, setAccessMode } = builder;
  return Object.assign(builder, {
    execute: <T>(callback: Parameters<typeof execute<T>>[0]) =>
      retryConflicts(counts, () => execute.call(builder, callback)),
    setIsolationLevel: (level: Parameters<typeof setIsolationLevel>[0]) =>
      retrying(setIsolationLevel.call(builder, level), counts),
    setAccessMode: (mode: Parameters<typeof setAccessMode>[0]) =>
      retrying(setAccessMode.call(builder, mode), counts),
  });
}
