import type { RecordedEvent } from './recording-dialect';

/**
 * Statements as recorded from our server, made replayable on another database: a parameter that
 * names a known thing (a unit, a staff member, a petitioner, a value of the request) becomes a
 * placeholder for the same thing there; one that an earlier statement of the request returned
 * refers to that row; a new id, an instant and a new petition number are made afresh per request;
 * anything else is replayed as it was.
 */
export type Param = { t: string } | { v: string | number | null };

export type ReplayEvent =
  | { kind: 'begin' | 'commit' | 'rollback' }
  | { kind: 'query'; sql: string; params: Param[] };

export interface EndpointStatements {
  endpoint: string;
  events: ReplayEvent[];
}

export interface StatementFile {
  dialect: 'sqlite' | 'mysql';
  about: string;
  endpoints: EndpointStatements[];
}

const OPEN = '⟦';
const CLOSE = '⟧';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NUMBER = /^XF\d{4}-\d{6}$/;

const ref = (name: string) => `${OPEN}${name}${CLOSE}`;

/** Turns a request's recorded statements into templates. `known`: value → name. */
export function templateEvents(
  events: readonly RecordedEvent[],
  known: ReadonlyMap<string, string>,
): ReplayEvent[] {
  const results: (readonly Record<string, unknown>[])[] = [];
  const fresh = new Map<string, number>();
  return events.map((event) => {
    if (event.kind !== 'query') return { kind: event.kind };
    const params = event.parameters.map((value) => templateOf(value, known, results, fresh));
    results.push(event.rows);
    return { kind: 'query', sql: event.sql, params };
  });
}

function templateOf(
  value: unknown,
  known: ReadonlyMap<string, string>,
  results: readonly (readonly Record<string, unknown>[])[],
  fresh: Map<string, number>,
): Param {
  if (typeof value === 'number' || value === null) return { v: value };
  if (typeof value === 'bigint') return { v: Number(value) };
  if (typeof value !== 'string') return { v: JSON.stringify(value) };
  // A fixture (a unit, a staff member, a petitioner) by name: the same on every database.
  const name = known.get(value);
  if (name && !name.startsWith('request:')) return { t: ref(name) };
  // A value an earlier statement returned (an id, a path, a hash) — long enough not to be a word;
  // before the request's own values, which a list may return among others.
  if (value.length >= 20) {
    for (const [j, rows] of results.entries())
      for (const [r, row] of rows.entries())
        for (const [column, cell] of Object.entries(row))
          if (cell === value) return { t: ref(`result:${j}:${r}:${column}`) };
  }
  if (name) return { t: ref(name) };
  if (ULID.test(value)) {
    if (!fresh.has(value)) fresh.set(value, fresh.size);
    return { t: ref(`fresh:${fresh.get(value)}`) };
  }
  if (INSTANT.test(value)) return { t: ref('now') };
  if (NUMBER.test(value)) return { t: ref('number') };
  // Known values inside a string (a scope like `petitioner:<id>`, an org path, a throttle bucket
  // named by a number): not inside JSON, which is data.
  if (!value.startsWith('{') && !value.startsWith('[')) {
    let template = value;
    for (const [text, name] of known)
      if (text.length >= 8 && template.includes(text)) template = template.split(text).join(ref(name));
    if (template !== value) return { t: template };
  }
  return { v: value };
}

/**
 * What must stay the same for a recording to be current: the statements, in order, and what each
 * parameter is. Lists whose length follows the data (`in (?, ?, …)`, rows of one insert, the rows
 * an earlier statement returned) count as one.
 */
export function shapeOf(endpoints: readonly EndpointStatements[]) {
  return endpoints.map(({ endpoint, events }) => ({
    endpoint,
    events: events.map((event) =>
      event.kind === 'query'
        ? {
            sql: event.sql.replace(/\?(, \?)+/g, '?…').replace(/\((\?…|\?)\)(, \((\?…|\?)\))+/g, '(…)'),
            // The kinds of value it binds, as a set: rows of units come in the order of their ids,
            // which differ from one database to the next.
            params: [
              ...new Set(
                event.params.map((p) =>
                  't' in p
                    ? p.t.replace(/⟦result:[^⟧]*⟧/g, ref('result'))
                    : p.v === null
                      ? 'null'
                      : typeof p.v,
                ),
              ),
            ].sort(),
          }
        : event.kind,
    ),
  }));
}

export interface ReplayContext {
  /** Placeholder names of fixtures and request values → values on this database. */
  known: ReadonlyMap<string, string>;
  results: (readonly Record<string, unknown>[])[];
  fresh: Map<string, string>;
  now: string;
  newId(): string;
  newNumber(): string;
}

/** A parameter's value for this request on this database. */
export function resolve(param: Param, context: ReplayContext): unknown {
  if ('v' in param) return param.v;
  const whole = /^⟦([^⟧]+)⟧$/.exec(param.t);
  if (whole?.[1]?.startsWith('result:')) return lookupResult(whole[1], context) ?? null;
  return param.t.replace(/⟦([^⟧]+)⟧/g, (_, name: string) => String(placeholderValue(name, context)));
}

function placeholderValue(name: string, context: ReplayContext): unknown {
  if (name === 'now') return context.now;
  if (name === 'number') return context.newNumber();
  if (name.startsWith('fresh:')) {
    let id = context.fresh.get(name);
    if (!id) {
      id = context.newId();
      context.fresh.set(name, id);
    }
    return id;
  }
  if (name.startsWith('result:')) return lookupResult(name, context) ?? '';
  const value = context.known.get(name);
  if (value === undefined) throw new Error(`the replay knows no ${name}`);
  return value;
}

function lookupResult(name: string, context: ReplayContext): unknown {
  const [, j, r, column] = name.split(':');
  return context.results[Number(j)]?.[Number(r)]?.[column as string];
}
