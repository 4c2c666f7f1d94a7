import { redactPersonalNumbers } from './log-redaction';

/**
 * How an error is written to the log. Kysely's MySQL driver sends values through mysql2's
 * `query()`, which inlines them into the statement and keeps it on the error (`sql`); a
 * petitioner's name or phone would reach the log with it (PIPL Art 51: no phone or ID number in
 * logs). So an error is logged by an allowlist — type, message, stack, code, errno, sqlState, and
 * its cause — never `sql`, `sqlMessage` or `parameters`. MySQL's own message echoes values too
 * ("Duplicate entry '…' for key …", "… near '…' at line 1"): its quoted text is replaced, save
 * the column, key or table names it quotes. Phone and ID numbers are removed from every message.
 */
export interface SerializedError {
  [field: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

/** Causes and aggregated errors are followed this deep: enough for a wrapped driver error. */
const MAX_DEPTH = 4;
const REDACTED = "'[redacted]'";
/** A name MySQL quotes after one of these words is ours (a column, key, table), not a value. */
const NAME = /\b(column|key|table|database|index|constraint) '([\w$.`]{1,192})'/gi;
const HELD = /\uE000(\d+)\uE000/g;

/** The logger's `err` serialiser (pino passes it whatever was logged as `err`). */
export function errorSerializer(err: Error): SerializedError {
  return serialize(err, 0) as SerializedError;
}

/** The message of an error as it may be logged. */
export function loggableMessage(err: unknown): string {
  const { message } = (err ?? {}) as { message?: unknown };
  const text = typeof message === 'string' ? message : String(err);
  return redactPersonalNumbers(isMysqlError(err) ? redactQuoted(text) : text);
}

function serialize(err: unknown, depth: number): unknown {
  if (typeof err === 'string') return redactPersonalNumbers(err);
  if (typeof err !== 'object' || err === null) return err;
  const source = err as Record<string, unknown>;
  const message = loggableMessage(err);
  const type = typeName(err);
  const stack = rebuildStack(type, message, typeof source.stack === 'string' ? source.stack : '');
  const out: SerializedError = { type, message, stack };
  for (const key of ['code', 'errno', 'sqlState'] as const) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  if (depth < MAX_DEPTH) {
    if (source.cause !== undefined) out.cause = serialize(source.cause, depth + 1);
    if (Array.isArray(source.errors)) out.errors = source.errors.map((e) => serialize(e, depth + 1));
  }
  return out;
}

function isMysqlError(err: unknown): boolean {
  const { sqlState, sqlMessage, sql } = (err ?? {}) as Record<string, unknown>;
  return typeof sqlState === 'string' || typeof sqlMessage === 'string' || typeof sql === 'string';
}

/**
 * Every quoted stretch of a MySQL message becomes `'[redacted]'`, from the first quote left to the
 * last (a value may itself hold quotes), after the names it quotes are set aside.
 */
function redactQuoted(message: string): string {
  const names: string[] = [];
  const held = message.replace(NAME, (_match, word: string, name: string) => {
    names.push(`${word} '${name}'`);
    return `\uE000${names.length - 1}\uE000`;
  });
  return held
    .replace(/'[\s\S]*'|'[\s\S]*$/, REDACTED)
    .replace(HELD, (_match, i: string) => names[Number(i)] ?? '');
}

/** The stack's frames under a header of the loggable message: the original header held the message. */
function rebuildStack(type: string, message: string, stack: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [`${type}: ${message}`, ...frames].join('\n');
}

function typeName(err: object): string {
  const name = (err as { name?: unknown }).name;
  if (err instanceof Error) return err.constructor?.name ?? (typeof name === 'string' ? name : 'Error');
  return typeof name === 'string' ? name : 'Object';
}
