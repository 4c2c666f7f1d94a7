import {
  type DatabaseProblem,
  DatabaseUnavailable,
  describeFailure,
  type FailureKind,
  failureError,
  WRITE_PROBLEMS,
} from './failures';

/** The little of a logger the monitor needs (pino and Fastify's logger fit). */
export interface MonitorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** For tools and tests that open a database outside the server and have nowhere to report to. */
export const silentMonitorLog: MonitorLogger = { error: () => {}, warn: () => {}, info: () => {} };

/** Asks the database for its version, failing or timing out when it cannot answer. */
export type Probe = (timeoutMs: number) => Promise<string>;

export interface DatabaseStatus {
  reachable: boolean;
  writable: boolean;
  problem: { kind: DatabaseProblem; since: Date; cause: string } | null;
}

export interface MonitorOptions {
  /** The longest a probe may take before the database counts as unreachable. */
  probeTimeoutMs: number;
  /** During an outage, how often the database is asked whether it is back. */
  retryIntervalMs?: number;
  /** A write problem ends after a successful write with no write failure for this long. */
  writeQuietMs?: number;
}

/**
 * What the server knows about its database: reachable or not, taking writes or not. Requests feed
 * it what their statements met; it logs an outage once when it starts and once when it ends, and
 * while the database is unreachable it lets requests fail at once (503) instead of each waiting out
 * its own timeout, asking the database itself a few times a second whether it is back.
 *
 * A failed connection or a timeout is only a suspicion — one lost connection is not an outage — so
 * it starts a probe on a connection of its own; the outage begins when the probe fails too.
 */
export class DatabaseMonitor {
  private outage: { since: Date; cause: string } | null = null;
  private writeProblem: { kind: DatabaseProblem; since: Date; cause: string; lastFailure: number } | null =
    null;
  private probing: Promise<string> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly outageListeners: ((cause: Error) => void)[] = [];
  private closed = false;
  private readonly retryIntervalMs: number;
  private readonly writeQuietMs: number;

  constructor(
    private readonly log: MonitorLogger,
    private readonly probe: Probe,
    private readonly options: MonitorOptions,
  ) {
    this.retryIntervalMs = options.retryIntervalMs ?? 250;
    this.writeQuietMs = options.writeQuietMs ?? 5_000;
  }

  status(): DatabaseStatus {
    const problem = this.outage
      ? { kind: 'unreachable' as const, since: this.outage.since, cause: this.outage.cause }
      : this.writeProblem
        ? { kind: this.writeProblem.kind, since: this.writeProblem.since, cause: this.writeProblem.cause }
        : null;
    return { reachable: !this.outage, writable: !this.outage && !this.writeProblem, problem };
  }

  /** Throws at once while the database is known to be unreachable. */
  assertReachable(): void {
    if (this.outage) throw new DatabaseUnavailable('unreachable');
  }

  /** Called when an outage begins (the MySQL pool gives up on the statements still waiting). */
  onOutage(listener: (cause: Error) => void): void {
    this.outageListeners.push(listener);
  }

  /** Something suggests the database may be gone (a lost connection, a statement long unanswered): ask it. */
  suspect(): void {
    if (!this.outage) void this.probeNow().catch(() => {});
  }

  /** A statement met a failure of the database (see `classifyFailure`). */
  failed(kind: FailureKind, error: unknown): void {
    if (kind === 'unreachable') {
      this.suspect();
      return;
    }
    if (!(WRITE_PROBLEMS as readonly string[]).includes(kind)) return;
    const now = Date.now();
    if (this.writeProblem) {
      this.writeProblem.lastFailure = now;
      return;
    }
    const cause = describeFailure(error);
    this.writeProblem = { kind: kind as DatabaseProblem, since: new Date(now), cause, lastFailure: now };
    this.log.error(
      { problem: kind, cause },
      `database cannot take writes (${cause}); writes are answered 503 until one succeeds again`,
    );
  }

  /** A statement succeeded; `wrote` when it was a write that is now durable. */
  succeeded(wrote: boolean): void {
    if (this.outage) this.endOutage();
    const problem = this.writeProblem;
    if (wrote && problem && Date.now() - problem.lastFailure >= this.writeQuietMs) {
      this.writeProblem = null;
      this.log.warn(
        { problem: problem.kind, downSeconds: seconds(Date.now() - problem.since.getTime()) },
        'database takes writes again',
      );
    }
  }

  /**
   * Asks the database now (sharing a probe already under way), bounded by the probe timeout: the
   * server's version, or null when it did not answer in time — which starts an outage.
   */
  async check(): Promise<string | null> {
    try {
      return await this.probeNow();
    } catch {
      return null;
    }
  }

  /**
   * Asks the database directly, for the wait at start: its version, or the driver's own error
   * (which says what is wrong: refused, wrong password, no such database).
   */
  ping(timeoutMs: number): Promise<string> {
    return withTimeout(this.probe(timeoutMs), timeoutMs);
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private probeNow(): Promise<string> {
    if (this.probing) return this.probing;
    const probing = withTimeout(this.probe(this.options.probeTimeoutMs), this.options.probeTimeoutMs)
      .then(
        (version) => {
          if (this.outage) this.endOutage();
          return version;
        },
        (error: unknown) => {
          this.beginOutage(error);
          throw error;
        },
      )
      .finally(() => {
        this.probing = null;
      });
    this.probing = probing;
    return probing;
  }

  private beginOutage(error: unknown): void {
    if (!this.outage) {
      const cause = describeFailure(error);
      this.outage = { since: new Date(), cause };
      this.log.error(
        { problem: 'unreachable', cause },
        `database unreachable (${cause}); answering 503 until it is back`,
      );
      const failure = new DatabaseUnavailable('unreachable', error);
      for (const listener of this.outageListeners) listener(failure);
    }
    this.scheduleRetry();
  }

  private endOutage(): void {
    const outage = this.outage;
    if (!outage) return;
    this.outage = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.log.warn(
      { problem: 'unreachable', downSeconds: seconds(Date.now() - outage.since.getTime()) },
      'database reachable again',
    );
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.outage) void this.probeNow().catch(() => {});
    }, this.retryIntervalMs);
    this.retryTimer.unref();
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** The promise's outcome, or a DB_UNREACHABLE error after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(failureError('DB_UNREACHABLE', `the database did not answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
