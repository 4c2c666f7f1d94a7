import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/**
 * A dialect that passes everything to another and writes down, while asked to, every statement
 * with its parameters and rows, and where transactions begin and end: the statements a request
 * really ran, for the same-SQL baseline of `pnpm bench` to replay.
 */
export type RecordedEvent =
  | { kind: 'begin' | 'commit' | 'rollback' }
  | { kind: 'query'; sql: string; parameters: readonly unknown[]; rows: readonly Record<string, unknown>[] };

export class Recorder {
  private events: RecordedEvent[] | null = null;

  start(): void {
    this.events = [];
  }

  stop(): RecordedEvent[] {
    const events = this.events ?? [];
    this.events = null;
    return events;
  }

  note(event: RecordedEvent): void {
    this.events?.push(event);
  }
}

export function recordingDialect(inner: Dialect, recorder: Recorder): Dialect {
  return {
    createDriver: () => new RecordingDriver(inner.createDriver(), recorder),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
    createAdapter: (): DialectAdapter => inner.createAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => inner.createIntrospector(db),
  };
}

class RecordingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly recorder: Recorder,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RecordingConnection(await this.inner.acquireConnection(), this.recorder);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    this.recorder.note({ kind: 'begin' });
    await this.inner.beginTransaction(unwrap(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.recorder.note({ kind: 'commit' });
    await this.inner.commitTransaction(unwrap(connection));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.recorder.note({ kind: 'rollback' });
    await this.inner.rollbackTransaction(unwrap(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class RecordingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly recorder: Recorder,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(compiled);
    this.recorder.note({
      kind: 'query',
      sql: compiled.sql,
      parameters: compiled.parameters,
      rows: result.rows as Record<string, unknown>[],
    });
    return result;
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof RecordingConnection ? connection.inner : connection;
}
