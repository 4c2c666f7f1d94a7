import type { DatabaseConnection, MysqlPool, MysqlPoolConnection } from 'kysely';
import { CompiledQuery } from 'kysely';
import {
  type Connection,
  type ConnectionOptions,
  createConnection,
  createPool,
  type PoolConnection,
  type QueryError,
} from 'mysql2';
import type { DatabaseBounds } from '../config';
import { describeFailure, failureError } from './failures';
import type { Probe } from './monitor';

/** Waited on top of the server's own statement limit, for its answer to travel back. */
const CLIENT_MARGIN_MS = 2_000;

export interface BoundedMysql {
  /** The pool for Kysely: every statement bounded in time, on the server and in the driver. */
  pool: MysqlPool;
  /** Sets a new connection's own limits (Kysely's `onCreateConnection`). */
  onCreateConnection(connection: DatabaseConnection): Promise<void>;
  /** Asks for the server's version on a connection of its own, outside the pool. */
  probe: Probe;
  /** Gives up on every statement still waiting (an outage was declared): each fails now. */
  abortInFlight(cause: Error): void;
  /** Called when a statement has waited as long as a probe may (the monitor then asks the server). */
  onSlowStatement(listener: () => void): void;
}

/** mysql2 connection options from a `mysql://user:pass@host:port/db` URL. */
export function mysqlOptions(url: string, bounds: DatabaseBounds): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    charset: 'UTF8MB4_UNICODE_CI',
    connectTimeout: bounds.connectTimeoutMs,
    // Numbers come back as numbers (COUNT, SUM), as they do from SQLite.
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
  };
}

/**
 * A mysql2 pool whose statements cannot hang. The server stops a statement at the statement timeout
 * (MariaDB's max_statement_time, MySQL's max_execution_time) and a lock wait at the lock timeout;
 * and when the server itself does not answer — stopped, frozen, cut off — the driver gives up a
 * little later and destroys the connection, so that nothing sent on it afterwards can land late.
 */
export function boundedMysql(url: string, bounds: DatabaseBounds): BoundedMysql {
  const options = mysqlOptions(url, bounds);
  const inner = createPool({
    ...options,
    connectionLimit: Number(new URL(url).searchParams.get('connectionLimit') ?? 10),
  });
  const clientTimeoutMs = bounds.statementTimeoutMs + CLIENT_MARGIN_MS;
  const inFlight = new Set<(error: Error) => void>();
  let slowStatement = () => {};
  const wrapped = new WeakMap<PoolConnection, MysqlPoolConnection>();

  function wrap(raw: PoolConnection): MysqlPoolConnection {
    const known = wrapped.get(raw);
    if (known) return known;
    const connection = {
      query(sql: string, parameters: unknown[], callback?: (error: unknown, result: never) => void) {
        if (!callback) return raw.query(sql, parameters);
        let settled = false;
        const settle = (error: unknown, result?: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearTimeout(slow);
          inFlight.delete(abort);
          callback(error, result as never);
        };
        const abort = (error: Error) => {
          settle(error);
          raw.destroy();
        };
        const timer = setTimeout(
          () =>
            abort(failureError('DB_STATEMENT_TIMEOUT', `no answer from MySQL within ${clientTimeoutMs} ms`)),
          clientTimeoutMs,
        );
        // A statement unanswered for this long may be a slow one, or a server that stopped: the
        // monitor asks the server on a connection of its own, and declares an outage if it is silent.
        const slow = setTimeout(() => slowStatement(), bounds.probeTimeoutMs);
        inFlight.add(abort);
        raw.query(sql, parameters, (error: QueryError | null, result: unknown) => settle(error, result));
      },
      release: () => raw.release(),
    } as MysqlPoolConnection;
    wrapped.set(raw, connection);
    return connection;
  }

  let probeConnection: Connection | null = null;
  const dropProbe = (connection: Connection | null = probeConnection) => {
    connection?.destroy();
    if (connection === probeConnection) probeConnection = null;
  };

  return {
    pool: {
      getConnection: (callback) =>
        inner.getConnection((error, raw) => (error ? callback(error, raw) : callback(null, wrap(raw)))),
      end: (callback) => {
        dropProbe();
        inner.end(callback);
      },
    },

    async onCreateConnection(connection) {
      const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
      await connection.executeQuery(
        CompiledQuery.raw(`set session innodb_lock_wait_timeout = ${seconds(bounds.lockTimeoutMs)}`),
      );
      try {
        await connection.executeQuery(
          CompiledQuery.raw(`set session max_statement_time = ${bounds.statementTimeoutMs / 1000}`),
        );
      } catch {
        // MySQL and TiDB name it differently (and bound SELECTs only).
        await connection.executeQuery(
          CompiledQuery.raw(`set session max_execution_time = ${bounds.statementTimeoutMs}`),
        );
      }
    },

    probe(timeoutMs) {
      return new Promise<string>((resolve, reject) => {
        const connection = probeConnection ?? createConnection({ ...options, connectTimeout: timeoutMs });
        if (connection !== probeConnection) {
          connection.on('error', () => dropProbe(connection));
          probeConnection = connection;
        }
        const fail = (error: unknown) => {
          dropProbe(connection);
          reject(error);
        };
        const timer = setTimeout(
          () => fail(failureError('DB_UNREACHABLE', `no answer from MySQL within ${timeoutMs} ms`)),
          timeoutMs,
        );
        connection.query('select version() as version', (error, rows) => {
          clearTimeout(timer);
          if (error) return fail(error);
          resolve(String((rows as { version?: unknown }[])[0]?.version ?? 'unknown'));
        });
      });
    },

    abortInFlight(cause) {
      for (const abort of [...inFlight]) abort(cause);
    },

    onSlowStatement(listener) {
      slowStatement = listener;
    },
  };
}

/** The one line an operator needs when MySQL refuses us at start: what is wrong and how to fix it. */
export function explainMysqlFailure(url: string, error: unknown): string {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  const where = `${parsed.hostname}:${parsed.port || 3306}`;
  const { code } = (error ?? {}) as { code?: unknown };
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR':
      return `MySQL at ${where} refused user '${user}' (wrong password, or no such user): check the user and password in DATABASE_URL, or create the user (see "Running against MySQL" in the README)`;
    case 'ER_BAD_DB_ERROR':
      return `MySQL at ${where} has no database '${database}': create it with CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, and grant it to '${user}'`;
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
      return `MySQL user '${user}' may not use database '${database}': GRANT ALL PRIVILEGES ON ${database}.* TO '${user}'@'<its host>'`;
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'DB_UNREACHABLE':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
      return `cannot reach MySQL at ${where} (${code}): is it running, and are the host and port in DATABASE_URL right?`;
    default:
      return `MySQL at ${where} cannot be used (${describeFailure(error)})`;
  }
}
