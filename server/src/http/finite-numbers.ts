import type { FastifyServerOptions } from 'fastify';

type AjvInstance = Parameters<NonNullable<NonNullable<FastifyServerOptions['ajv']>['onCreate']>>[0];
type Validate = ReturnType<AjvInstance['compile']>;
type AjvError = NonNullable<Validate['errors']>[number];

/**
 * Every number a request carries is finite. Ajv coerces a query or path value like `1e309` to
 * Infinity without checking the coerced value again, and skips `minimum`/`maximum` for a value that
 * is not finite (ajv 8.20), so `?limit=1e309` reached a handler as Infinity and its SQL failed
 * with a 500; the same goes for a body field sent as text. Each compiled validator is followed by
 * a walk of the value it accepted (coerced in place): a number that is not finite fails it with the
 * field's path, a 400 in the one error shape like any other schema failure.
 */
export function refuseNonFiniteNumbers(ajv: AjvInstance): void {
  const compile = ajv.compile.bind(ajv);
  // Fastify compiles every route part through `compile` (its `getSchema` path is only for schemas
  // with an `$id`, which ours do not have).
  ajv.compile = ((schema: Parameters<typeof compile>[0], meta?: boolean) =>
    finiteOnly(compile(schema, meta))) as typeof ajv.compile;
}

function finiteOnly(validate: Validate): Validate {
  const checked = function (this: unknown, ...args: Parameters<Validate>) {
    const valid = validate.apply(this, args);
    if (valid !== true) {
      checked.errors = validate.errors;
      return valid;
    }
    const path = nonFinitePath(args[0]);
    checked.errors = path === null ? null : [nonFiniteError(path)];
    return path === null;
  } as Validate;
  // Fastify passes the parent to a validator that has `schemaEnv`, so coercion can replace a root
  // value; the wrapper keeps every property Ajv gave the validator.
  return Object.assign(checked, validate, { errors: null });
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

/**
 * The JSON pointer of a number that is not finite, or null. Walked with a stack of its own, not by
 * recursion, and each path is spelled out only when found: where a schema lets extra fields in, a
 * body may nest as deep as its size allows.
 */
function nonFinitePath(root: unknown): string | null {
  const pending: Visit[] = [{ value: root, key: '', parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return pointerTo(visit);
      continue;
    }
    // Bytes hold no numbers to check. (A query string parses to an object of its own prototype.)
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    for (const [key, item] of Object.entries(value)) pending.push({ value: item, key, parent: visit });
  }
  return null;
}

function pointerTo(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent)
    keys.unshift(at.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return keys.map((key) => `/${key}`).join('');
}

function nonFiniteError(instancePath: string): AjvError {
  return {
    instancePath,
    schemaPath: '#',
    keyword: 'type',
    params: { type: 'number' },
    message: 'must be a finite number',
  };
}
