import { randomUUID } from 'node:crypto';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp } from '@xinfang/server/testing';
import { ERROR_STATUS, isErrorCode } from '@xinfang/shared/errors';
import { ACTION_SPECS, CASE_ACTION_TYPES, type ParamSpec } from '@xinfang/shared/lifecycle';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, LogCapture, request, Sessions } from './support/sign-in';

/**
 * Fuzzing every `/api` route the access policy knows, as an anonymous caller, a petitioner and a
 * staff member: malformed bodies (wrong types, huge strings, deep nesting, nulls, arrays for
 * objects, unicode junk, prototype-pollution keys), lying headers (content types, broken JSON, bogus
 * Authorization, giant Idempotency-Key) and parameters (ids that do not exist, path traversal,
 * SQL-ish strings). Whatever comes in: never a 5xx, and every error in the one shape
 * `{ error: { code, message, details? } }` with a code from `shared/src/errors.ts` and its status.
 */

const RUNS_PER_IDENTITY = 20;
const IDENTITIES = ['anonymous', 'petitioner', 'staff'] as const;
type Identity = (typeof IDENTITIES)[number];

let t: TestApp;
let sessions: Sessions;
const tokens: Partial<Record<Identity, string>> = {};
const known: { petitionId: string; unitId: string; staffId: string; number: string } = {
  petitionId: '',
  unitId: '',
  staffId: '',
  number: '',
};
let routes: { method: string; url: string }[] = [];
const failures: string[] = [];
/** What the answers were, by status and code: proof the fuzz reached past the schemas. */
const tally = new Map<string, number>();

beforeAll(async () => {
  const logs = new LogCapture();
  t = await buildTestApp({ logLevel: 'info' }, { logDestination: logs.stream });
  await seedDemoIfEmpty(t.app.db, t.app.pii);
  sessions = new Sessions(t.app, logs);
  tokens.petitioner = await sessions.token('13800000001');
  tokens.staff = await sessions.token('reception');
  const unit = await t.app.db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', 'JA-DS-AQK')
    .executeTakeFirstOrThrow();
  const staff = await t.app.db
    .selectFrom('staff_account')
    .select('id')
    .where('username', '=', 'ds.handler')
    .executeTakeFirstOrThrow();
  known.unitId = unit.id;
  known.staffId = staff.id;
  const submitted = await request(t.app, 'POST', '/api/petitions', {
    token: tokens.petitioner,
    headers: { 'idempotency-key': `fuzz-${randomUUID()}` },
    body: {
      kind: 'request',
      concernedUnitId: unit.id,
      categoryCode: 'wages',
      title: '模糊测试用的信访事项',
      content: '用于模糊测试的正常信访事项。',
    },
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  known.petitionId = (submitted.json() as Submitted).petition.id;
  known.number = (submitted.json() as Submitted).petition.number;
  routes = t.app.access
    .routes()
    .map(({ method, url }) => ({ method, url }))
    .filter((r) => r.method !== 'OPTIONS');
});

afterAll(() => t?.close());

// ── what gets sent ───────────────────────────────────────────────────────────────────────────

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '‮evil',
    '𠜎𠜱𠝹😀',
    "' OR 1=1 --",
    '"; DROP TABLE petition; --',
    '../../../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, sent as it is
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    'XF2026-000001',
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    'null',
    'NaN',
  ),
  fc.integer({ min: 1, max: 300_000 }).map((n) => '长'.repeat(n)),
);

const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    junkString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, -0),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      junkString.filter((s) => s.length < 30),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** Bodies built around each known body shape, with single fields broken. */
function knownShapes() {
  const submit = {
    kind: 'request',
    concernedUnitId: known.unitId,
    categoryCode: 'wages',
    title: '标题',
    content: '内容',
  };
  return {
    submit,
    register: {
      ...submit,
      channel: 'letter',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioner: { realName: '某人', phone: '13700000001' },
    },
    lookup: { number: known.number, queryCode: 'ABCDEFGH' },
    link: { petitionId: known.petitionId },
    reveal: { reason: '核实身份' },
    others: [
      { username: 'reception', password: 'demo-pass-2026x' },
      { phone: '13800000009' },
      { phone: '13800000009', code: '123456' },
      { refreshToken: 'x'.repeat(20) },
      { currentPassword: 'a', newPassword: 'b' },
      { username: 'fuzzuser', displayName: '模糊', unitId: known.unitId, roles: ['handler'] },
    ],
    actions: CASE_ACTION_TYPES.map((type) => ({
      type,
      version: 1,
      params: Object.fromEntries(
        (ACTION_SPECS[type].params as readonly ParamSpec[]).map((spec) => [spec.name, sampleOf(spec)]),
      ),
    })),
  };
}

/** Bodies of these shapes, half of them with one field (or one action parameter) broken. */
function mutated(shapes: readonly Record<string, unknown>[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.constantFrom(...shapes),
      fc.option(fc.tuple(fc.string({ maxLength: 20 }), junkValue)),
      fc.boolean(),
    )
    .map(([shape, mutation, inParams]) => {
      const body: Record<string, unknown> = structuredClone(shape);
      if (!mutation) return body;
      const [name, value] = mutation;
      const target =
        inParams && body.params && typeof body.params === 'object'
          ? (body.params as Record<string, unknown>)
          : body;
      const keys = Object.keys(target);
      const key = keys.length && name.length % 3 !== 0 ? (keys[name.length % keys.length] as string) : name;
      target[key] = value;
      return body;
    });
}

/** Bodies built around every known body shape. */
function shapedBodies(): fc.Arbitrary<unknown> {
  const s = knownShapes();
  return mutated([s.submit, s.register, s.lookup, s.link, s.reveal, ...s.others, ...s.actions]);
}

function sampleOf(spec: ParamSpec): unknown {
  switch (spec.kind) {
    case 'unit':
      return known.unitId;
    case 'staff':
      return known.staffId;
    case 'date':
      return '2026-12-31';
    case 'instant':
      return new Date().toISOString();
    case 'enum':
      return spec.options[0];
    case 'integer':
      return spec.min;
    case 'boolean':
      return true;
    case 'list':
      return ['甲'];
    default:
      return '说明';
  }
}

/** Raw payloads: broken JSON, prototype pollution, deep nesting, sizes around the limit. */
const rawPayloads = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'null',
    '[]',
    '"string"',
    '42',
    'true',
    '{"__proto__":{"isAdmin":true,"roles":["admin"]}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"type":"add_note","params":{"__proto__":{"text":"x"}},"version":1}',
    '{"kind":"request","__proto__":{"kind":"accusation"}}',
    '{"a":1,"a":2}',
    '\uFEFF{}',
    '{"x":"\\ud800"}',
    '{"x":1e999}',
    `{"x":${'9'.repeat(400)}}`,
  ),
  fc.integer({ min: 10, max: 200_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 10, max: 50_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 200_000, max: 400_000 }).map((n) => JSON.stringify({ title: 'x'.repeat(n) })),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/xml',
  'application/json, text/plain',
  '*/*',
  '',
  'application/vnd.api+json',
);

const authorizations = fc.oneof(
  { arbitrary: fc.constant('real'), weight: 4 },
  fc.constantFrom(
    'none',
    'Bearer',
    'Bearer ',
    'Bearer abc.def.ghi',
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
    `Bearer ${'A'.repeat(20_000)}`,
    'Basic YWRtaW46YWRtaW4=',
    'bearer',
    'Token x',
  ),
);

const idempotencyKeys = fc.constantFrom(
  undefined,
  'valid-key-0001',
  '',
  'short',
  'k'.repeat(129),
  'x'.repeat(20_000),
  '键键键键键键键键键',
  'key with spaces!!',
  '../../../etc/passwd',
);

const pathSegments = fc.oneof(
  { arbitrary: fc.constantFrom('real-petition', 'real-unit', 'real-staff'), weight: 3 },
  fc.constantFrom(
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    '0',
    '-1',
    'null',
    'undefined',
    '..',
    '%2E%2E',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    "'%20OR%201%3D1--",
    '%E2%80%AE',
    '%F0%9F%98%80',
    'x'.repeat(27),
    'x'.repeat(5000),
    '%',
    '%ZZ',
  ),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
);

const queryStrings = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'state',
          'kind',
          'limit',
          'cursor',
          'search',
          'unitId',
          'due',
          'receivedFrom',
          'sort',
          'queue',
          '__proto__[x]',
          'constructor',
          'role',
          'q',
          'x',
        ),
        junkString.filter((s) => s.length < 2000),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  fc.constantFrom('limit=1&limit=2', 'cursor=%', 'search=%25', 'state[]=registered', '&&&=', '?=?'),
);

const requestParts = fc.record({
  json: fc.option(fc.oneof(junkValue, shapedBodies(), shapedBodies(), shapedBodies()), {
    nil: undefined,
    freq: 8,
  }),
  raw: fc.option(rawPayloads, { nil: undefined, freq: 3 }),
  contentType: fc.oneof(fc.constant('application/json'), fc.constant('application/json'), contentTypes),
  authorization: authorizations,
  idempotencyKey: idempotencyKeys,
  segment: pathSegments,
  query: queryStrings,
});

type Parts = typeof requestParts extends fc.Arbitrary<infer P> ? P : never;

function buildRequest(route: { method: string; url: string }, identity: Identity, parts: Parts) {
  const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
    if (parts.segment === 'real-petition') return name === 'otherId' ? known.petitionId : known.petitionId;
    if (parts.segment === 'real-unit') return known.unitId;
    if (parts.segment === 'real-staff') return known.staffId;
    return parts.segment;
  });
  const headers: Record<string, string> = {};
  const token = identity === 'anonymous' ? undefined : tokens[identity];
  if (parts.authorization === 'real') {
    if (token) headers.authorization = `Bearer ${token}`;
  } else if (parts.authorization !== 'none') headers.authorization = parts.authorization;
  if (parts.idempotencyKey !== undefined) headers['idempotency-key'] = parts.idempotencyKey;
  const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
  let payload: string | undefined;
  if (hasBody) {
    if (parts.raw !== undefined) payload = parts.raw;
    else if (parts.json !== undefined) payload = JSON.stringify(parts.json);
  }
  if (parts.contentType !== undefined && (payload !== undefined || parts.contentType === 'application/json'))
    headers['content-type'] = parts.contentType;
  else if (payload !== undefined) headers['content-type'] = 'application/json';
  return {
    method: route.method as 'GET',
    url: parts.query ? `${url}?${parts.query}` : url,
    headers,
    remoteAddress: `10.${Math.floor(Math.random() * 250)}.0.1`,
    ...(payload === undefined ? {} : { payload }),
  };
}

function check(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `status ${response.statusCode}: ${response.body.slice(0, 300)}`;
  if (response.statusCode < 400) return null;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return `status ${response.statusCode} with a body that is not JSON: ${response.body.slice(0, 200)}`;
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  if (!error || Object.keys(body as object).length !== 1)
    return `not the one error shape: ${response.body.slice(0, 200)}`;
  if (!isErrorCode(error.code)) return `unknown code ${String(error.code)}`;
  if (ERROR_STATUS[error.code] !== response.statusCode)
    return `code ${error.code} travels with ${ERROR_STATUS[error.code]}, not ${response.statusCode}`;
  if (typeof error.message !== 'string' || error.message.length === 0) return 'no message';
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length) return `extra error fields ${extra.join(',')}`;
  return null;
}

describe('fuzzing every route', () => {
  it('knows the routes (the petition API among them)', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'POST /api/petitions',
      'POST /api/petitions/register',
      'GET /api/petitions',
      'GET /api/petitions/counts',
      'GET /api/petitions/:id',
      'POST /api/petitions/:id/actions',
      'POST /api/petitions/:id/links',
      'DELETE /api/petitions/:id/links/:otherId',
      'POST /api/petitions/:id/petitioner/reveal',
      'POST /api/lookup',
    ])
      expect(urls).toContain(expected);
    expect(routes.length).toBeGreaterThan(15);
  });

  it('never answers 5xx, and every error comes in the one shape', async () => {
    for (const route of routes) {
      for (const identity of IDENTITIES) {
        await fc
          .assert(
            fc.asyncProperty(requestParts, async (parts) => {
              const injected = buildRequest(route, identity, parts);
              const response = await t.app.inject(injected);
              const problem = check(response);
              const code =
                !problem && response.statusCode >= 400
                  ? (response.json() as { error?: { code?: string } }).error?.code
                  : '';
              const label = `${response.statusCode} ${problem ? 'BROKEN' : code}`;
              tally.set(label, (tally.get(label) ?? 0) + 1);
              if (problem) {
                failures.push(
                  `${route.method} ${route.url} as ${identity}: ${problem}\n  request: ${JSON.stringify({
                    ...injected,
                    payload: injected.payload?.slice(0, 300),
                    headers: Object.fromEntries(
                      Object.entries(injected.headers).map(([k, v]) => [k, v.slice(0, 80)]),
                    ),
                  })}`,
                );
              }
              return problem === null;
            }),
            { numRuns: RUNS_PER_IDENTITY, endOnFailure: true },
          )
          .catch(() => undefined);
      }
    }
    console.info(
      `fuzz: ${routes.length} routes, ${[...tally.values()].reduce((a, b) => a + b, 0)} requests —`,
      [...tally.entries()]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', '),
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    const reached = [...tally.keys()].join(' ');
    for (const code of [
      '200',
      'VALIDATION_FAILED',
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
    ])
      expect(reached, code).toContain(code);
  }, 240_000);

  it('goes deep: signed in, on a real petition, with bodies of the right shape and one field broken', async () => {
    const deepTally = new Map<string, number>();
    const s = knownShapes();
    const deep = fc.record({
      identity: fc.constantFrom<Identity>('petitioner', 'staff'),
      target: fc.oneof(
        {
          arbitrary: mutated(s.actions).map((body) => ({
            url: `/api/petitions/${known.petitionId}/actions`,
            body,
          })),
          weight: 6,
        },
        mutated([s.submit]).map((body) => ({ url: '/api/petitions', body })),
        mutated([s.register]).map((body) => ({ url: '/api/petitions/register', body })),
        mutated([s.link]).map((body) => ({ url: `/api/petitions/${known.petitionId}/links`, body })),
        mutated([s.reveal]).map((body) => ({
          url: `/api/petitions/${known.petitionId}/petitioner/reveal`,
          body,
        })),
        mutated([s.lookup]).map((body) => ({ url: '/api/lookup', body })),
      ),
      version: fc.option(fc.oneof(fc.integer({ min: 1, max: 40 }), junkValue), { nil: undefined, freq: 2 }),
    });
    await fc
      .assert(
        fc.asyncProperty(deep, async ({ identity, target: { url, body }, version }) => {
          // Mostly the version the petition has now, so the lifecycle itself is reached.
          const current = await t.app.db
            .selectFrom('petition')
            .select('version')
            .where('id', '=', known.petitionId)
            .executeTakeFirstOrThrow();
          const payload =
            'type' in body ? { ...body, version: version === undefined ? current.version : version } : body;
          const response = await t.app.inject({
            method: 'POST',
            url,
            headers: {
              authorization: `Bearer ${tokens[identity]}`,
              'content-type': 'application/json',
              'idempotency-key': `deep-${randomUUID()}`,
            },
            payload: JSON.stringify(payload),
          });
          const problem = check(response);
          if (problem)
            failures.push(
              `POST ${url} as ${identity}: ${problem}\n  body: ${JSON.stringify(payload).slice(0, 400)}`,
            );
          const code =
            !problem && response.statusCode >= 400
              ? (response.json() as { error: { code: string } }).error.code
              : '';
          const label = `${response.statusCode} ${code}`;
          deepTally.set(label, (deepTally.get(label) ?? 0) + 1);
          return problem === null;
        }),
        { numRuns: 400, endOnFailure: true },
      )
      .catch(() => undefined);
    console.info(
      'fuzz, deep:',
      [...deepTally.entries()]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', '),
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    // The bodies reached the lifecycle, the version check and the creation code.
    const reached = [...deepTally.keys()].join(' ');
    for (const code of ['200', '201', 'LIFECYCLE_REFUSED', 'VERSION_CONFLICT', 'VALIDATION_FAILED'])
      expect(reached, code).toContain(code);
  }, 240_000);

  it('left the app healthy, its tables unpolluted', async () => {
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const detail = await request(t.app, 'GET', `/api/petitions/${known.petitionId}`, { token: tokens.staff });
    expect(detail.statusCode).toBe(200);
  });
});

/**
 * Numbers no JavaScript number holds: `1e309` and `1e400` coerce to Infinity, which slipped past
 * `minimum`/`maximum` and reached the SQL as a 500 (`?limit=1e309` on the audit trail,
 * `?year=1e309` on the annual report). Each is sent to every numeric query and path parameter the
 * OpenAPI document lists, by a caller every route lets through: a 400 naming that parameter.
 */
describe('numbers out of range of any number', () => {
  const NOT_NUMBERS = ['1e309', '-1e309', 'NaN', '1e400', 'Infinity'];
  type Schema = {
    $ref?: string;
    type?: string;
    enum?: unknown[];
    anyOf?: Schema[];
    minimum?: number;
    format?: string;
  };
  type Parameter = { in: string; name: string; required?: boolean; schema: Schema };
  type Operation = { parameters?: Parameter[] };

  it('answers 400 for them on every numeric query and path parameter', async () => {
    const doc = (await request(t.app, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const resolve = (schema: Schema): Schema =>
      schema.$ref ? resolve(doc.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''] ?? {}) : schema;
    const numeric = (schema: Schema): boolean => {
      const s = resolve(schema);
      return s.type === 'integer' || s.type === 'number' || (s.anyOf ?? []).some(numeric);
    };
    const sample = (schema: Schema): string => {
      const s = resolve(schema);
      if (s.anyOf?.[0]) return sample(s.anyOf[0]);
      if (s.enum?.length) return String(s.enum[0]);
      if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? 1);
      if (s.format === 'date') return '2026-03-20';
      return 'x';
    };

    // One account holding every staff role, at the top: every staff route's role check lets it in.
    const admin = await sessions.token('admin');
    const created = await request(t.app, 'POST', '/api/staff', {
      token: admin,
      body: {
        username: 'fuzz.every.role',
        displayName: '全部角色',
        unitId: (
          await t.app.db
            .selectFrom('org_unit')
            .select('id')
            .where('parent_id', 'is', null)
            .executeTakeFirstOrThrow()
        ).id,
        roles: [
          'reception',
          'handler',
          'unit_head',
          'responsible_leader',
          'supervisor',
          'liaison_officer',
          'admin',
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const password = `${DEMO_PASSWORD}-every-role`;
    const temporary = await request(t.app, 'POST', '/api/auth/staff/login', {
      body: { username: 'fuzz.every.role', password: created.json().temporaryPassword },
    });
    const changed = await request(t.app, 'POST', '/api/auth/password', {
      token: temporary.json().tokens.accessToken,
      body: { currentPassword: created.json().temporaryPassword, newPassword: password },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    sessions.passwords.set('fuzz.every.role', password);
    const callers: Record<string, string | undefined> = {
      staff: await sessions.token('fuzz.every.role'),
      petitioner: tokens.petitioner,
    };

    const problems: string[] = [];
    let sent = 0;
    for (const route of t.app.access.routes()) {
      const operation = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const parameters = (operation?.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path');
      const targets = parameters.filter((p) => numeric(p.schema));
      if (targets.length === 0) continue;
      const access = route.access as Record<string, unknown>;
      const token =
        'public' in access ? undefined : 'petitioner' in access ? callers.petitioner : callers.staff;
      for (const target of targets) {
        for (const junk of NOT_NUMBERS) {
          const value = (p: Parameter) => (p === target ? junk : sample(p.schema));
          const path = route.url.replace(/:(\w+)/g, (_, name: string) => {
            const p = parameters.find((q) => q.in === 'path' && q.name === name);
            return encodeURIComponent(p ? value(p) : 'x');
          });
          const query = new URLSearchParams(
            parameters
              .filter((p) => p.in === 'query' && (p.required || p === target))
              .map((p): [string, string] => [p.name, value(p)]),
          ).toString();
          const response = await request(t.app, route.method as 'GET', `${path}${query ? `?${query}` : ''}`, {
            token,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
          });
          sent += 1;
          const part = target.in === 'path' ? 'params' : 'querystring';
          const problem = check(response);
          const paths = response.statusCode === 400 ? (response.json().error.details ?? []) : [];
          if (
            problem ||
            response.statusCode !== 400 ||
            !(paths as { path: string }[]).some((d) => d.path === `/${part}/${target.name}`)
          )
            problems.push(
              `${route.method} ${path}?${query}: ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
        }
      }
    }
    // The check walks a body without recursion: a field a schema lets in may nest very deep.
    const deep = await request(t.app, 'POST', '/api/petitions/search', {
      token: callers.staff,
      body: `{"a":${'{"a":'.repeat(40_000)}1e400${'}'.repeat(40_000)}}`,
    });
    expect(deep.statusCode, deep.body.slice(0, 200)).toBe(400);
    expect(problems, problems.join('\n')).toEqual([]);
    // The audit trail, the annual report, the registers and the aftercare lists among them.
    expect(sent).toBeGreaterThanOrEqual(NOT_NUMBERS.length * 10);
  });
});
