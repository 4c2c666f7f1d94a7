import type { Compilable, CompiledQuery, Insertable, Kysely, QueryResult, Transaction } from 'kysely';
import { dialectOf } from './dialect';
import type { DB } from './schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Statements built with Kysely once and run many times with other values. Building a query and
 * compiling it to SQL costs Kysely 10–60 µs a statement, which on a hot path (a submission runs
 * fifteen) is much of the request. A prepared statement is built the first time it runs, per
 * dialect, with a placeholder in place of each argument; later runs only put the arguments where
 * the placeholders were. Only for statements whose shape does not depend on their values: lists
 * of values (`in (…)`, several rows) have their shape in the key (`preparedBy`).
 */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  sql: string;
  query: CompiledQuery['query'];
  /** For each parameter: an argument's index, or a constant. */
  parameters: (Slot | unknown)[];
}

function compileTemplate(compiled: CompiledQuery, arity: number): Template {
  const seen = new Set<number>();
  for (const p of compiled.parameters) if (p instanceof Slot) seen.add(p.index);
  if (seen.size !== arity)
    throw new Error(`a prepared statement must pass every argument as a value: ${compiled.sql}`);
  return { sql: compiled.sql, query: compiled.query, parameters: [...compiled.parameters] };
}

function bind(template: Template, args: readonly unknown[]): CompiledQuery {
  return {
    sql: template.sql,
    query: template.query,
    queryId: { queryId: '' },
    parameters: template.parameters.map((p) => (p instanceof Slot ? args[p.index] : p)),
  } as CompiledQuery;
}

/** Runs a read outside any transaction at once, or answers null for a statement it does not run. */
export type ReadNow = <R>(compiled: CompiledQuery) => QueryResult<R> | null;

const readsNow = new WeakMap<Db, ReadNow>();

/**
 * Lets the prepared reads on `db` — not on its transactions, which are other objects — skip
 * Kysely's executor when `read` runs them (SQLite's lone reads, db/database.ts). For a statement
 * better-sqlite3 runs in microseconds, the executor's chain of async calls (connection, session,
 * guard, result) was a third of its cost and ~5 KB of garbage: 3–5 µs of 9–12 per read in process,
 * 125 → 101 KB allocated per petition's detail.
 */
export function readNow(db: Kysely<DB>, read: ReadNow): void {
  readsNow.set(db, read);
}

/**
 * A statement of fixed shape: `build` receives placeholders for its arguments and must use each as
 * a value. Returns the statement's full result (rows, affected rows).
 */
export function prepared<A extends unknown[], O>(build: (db: Db, ...args: A) => Compilable<O>) {
  return preparedBy<A, O>(() => '', build);
}

/** A statement whose shape depends on its arguments only through `shape` (e.g. a list's length). */
export function preparedBy<A extends unknown[], O>(
  shape: (...args: A) => string,
  build: (db: Db, ...args: A) => Compilable<O>,
) {
  const templates = new Map<string, Template>();
  return async (db: Db, ...args: A): Promise<QueryResult<O>> => {
    const key = `${dialectOf(db)}\u0000${shape(...args)}`;
    let template = templates.get(key);
    if (!template) {
      const next = { index: 0 };
      const slots = args.map((arg) => slotsLike(arg, next)) as A;
      template = compileTemplate(build(db, ...slots).compile(), next.index);
      templates.set(key, template);
    }
    const compiled = bind(template, args.flatMap(flatten));
    return readsNow.get(db)?.<O>(compiled) ?? db.executeQuery<O>(compiled);
  };
}

/**
 * Placeholders shaped like an argument: one per value; an array gets one per item, a row (a plain
 * object) one per field — numbered in the order `flatten` lays the values out.
 */
function slotsLike(arg: unknown, next: { index: number }): unknown {
  if (Array.isArray(arg)) return arg.map((item) => slotsLike(item, next));
  if (isRow(arg)) return Object.fromEntries(Object.keys(arg).map((k) => [k, new Slot(next.index++)]));
  return new Slot(next.index++);
}

function flatten(arg: unknown): unknown[] {
  if (Array.isArray(arg)) return arg.flatMap(flatten);
  if (isRow(arg)) return Object.values(arg);
  return [arg];
}

function isRow(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Inserts rows into `table`, prepared per set of columns and number of rows. */
export function rowInserter<T extends keyof DB & string>(table: T) {
  const insert = preparedBy(
    (rows: readonly Insertable<DB[T]>[]) => `${Object.keys(rows[0] ?? {}).join()}\u0000${rows.length}`,
    (db, rows) => db.insertInto(table).values(rows as Insertable<DB[T]>[]),
  );
  return async (db: Db, rows: readonly Insertable<DB[T]>[]): Promise<void> => {
    if (rows.length > 0) await insert(db, rows);
  };
}
