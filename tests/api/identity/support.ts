import type { Config } from '@xinfang/server/config';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp } from '@xinfang/server/testing';
import type { SignInAnswer, StaffRole } from '@xinfang/shared/schemas/identity';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { DEMO_PASSWORD, LogCapture } from '../support/sign-in';

/**
 * What the identity suites share: an app on a fresh database of the project's dialect with the demo
 * organisation seeded, its log captured line by line, and sign-ins that go through the real routes
 * (password, one-time code) — never a token minted behind the API's back.
 */

export { DEMO_PASSWORD, LogCapture };

export interface IdentityApp {
  t: TestApp;
  app: FastifyInstance;
  logs: LogCapture;
  close(): Promise<void>;
}

/** An app on a fresh database with the demo organisation and people, logging into a capture. */
export async function startIdentityApp(
  overrides: Partial<Config> = {},
  options: { seed?: boolean } = {},
): Promise<IdentityApp> {
  const logs = new LogCapture();
  const t = await buildTestApp({ logLevel: 'info', ...overrides }, { logDestination: logs.stream });
  if (options.seed !== false) expect(await seedDemoIfEmpty(t.app.db, t.app.pii)).toBe(true);
  return { t, app: t.app, logs, close: () => t.close() };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** The caller's address (`inject`'s remoteAddress); default 127.0.0.1. */
  ip?: string;
  headers?: Record<string, string>;
  contentType?: string;
}

/** One request, as a client would send it. */
export function call(
  app: FastifyInstance,
  method: string,
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | Buffer | undefined;
  if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) payload = options.body;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    remoteAddress: options.ip ?? '127.0.0.1',
    ...(payload === undefined ? {} : { payload }),
  });
}

/** The error code of an error answer, or null for a success. */
export function errorCode(response: LightMyRequestResponse): string | null {
  if (response.statusCode < 400) return null;
  return (response.json() as { error?: { code?: string } }).error?.code ?? null;
}

export function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: response.statusCode, code: errorCode(response) }, response.body).toEqual({ status, code });
}

const signIns = new WeakMap<FastifyInstance, Map<string, SignInAnswer>>();

/** Signs a staff member in through the password route, once per app (argon2 costs ~50 ms a try). */
export async function staffSignIn(
  app: FastifyInstance,
  username: string,
  options: { password?: string; ip?: string; fresh?: boolean } = {},
): Promise<SignInAnswer> {
  const cache = signIns.get(app) ?? new Map<string, SignInAnswer>();
  signIns.set(app, cache);
  const cached = cache.get(`staff:${username}`);
  if (cached && !options.fresh) return cached;
  const response = await call(app, 'POST', '/api/auth/staff/login', {
    body: { username, password: options.password ?? DEMO_PASSWORD },
    ip: options.ip,
  });
  expect(response.statusCode, response.body).toBe(200);
  const answer = response.json() as SignInAnswer;
  if (!options.fresh) cache.set(`staff:${username}`, answer);
  return answer;
}

/** Signs a petitioner in by phone: asks for a code, reads it from `readCode`, and trades it. */
export async function otpSignIn(
  app: FastifyInstance,
  phone: string,
  readCode: (phone: string) => string,
  options: { ip?: string } = {},
): Promise<SignInAnswer> {
  const sent = await call(app, 'POST', '/api/auth/otp', { body: { phone }, ip: options.ip });
  expect(sent.statusCode, sent.body).toBe(200);
  const response = await call(app, 'POST', '/api/auth/otp/login', {
    body: { phone, code: readCode(phone) },
    ip: options.ip,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SignInAnswer;
}

/** Signs a petitioner in by phone once per app, reading the code from the development SMS log. */
export async function petitionerSignIn(identity: IdentityApp, phone: string): Promise<SignInAnswer> {
  const cache = signIns.get(identity.app) ?? new Map<string, SignInAnswer>();
  signIns.set(identity.app, cache);
  const cached = cache.get(`petitioner:${phone}`);
  if (cached) return cached;
  const answer = await otpSignIn(identity.app, phone, (p) => identity.logs.devSmsCode(p));
  cache.set(`petitioner:${phone}`, answer);
  return answer;
}

/** The ids of the demo units by code. */
export async function unitIds(app: FastifyInstance): Promise<Map<string, string>> {
  const rows = await app.db.selectFrom('org_unit').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function staffId(app: FastifyInstance, username: string): Promise<string> {
  const row = await app.db
    .selectFrom('staff_account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The audit entries written so far, oldest first (tests read the table itself, not the API). */
export async function auditRows(app: FastifyInstance) {
  return app.db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_type',
      'actor_id',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'unit_path',
      'ip',
      'details',
    ])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * Adds a staff account straight to the database with the demo password (its stored hash is reused,
 * so no hashing): for the accounts a suite needs beyond the demo's, without paying argon2 for each.
 */
export async function addStaff(
  app: FastifyInstance,
  account: { username: string; unitCode: string; roles: StaffRole[]; id?: string },
): Promise<string> {
  const { password_hash } = await app.db
    .selectFrom('staff_account')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const unit = await app.db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', account.unitCode)
    .executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const id = account.id ?? newTestId();
  await app.db
    .insertInto('staff_account')
    .values({
      id,
      unit_id: unit.id,
      username: account.username,
      display_name: account.username,
      password_hash,
      phone_cipher: null,
      phone_hash: null,
      status: 'active',
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await app.db
    .insertInto('staff_role')
    .values(account.roles.map((role) => ({ staff_id: id, role })))
    .execute();
  return id;
}

let testIds = 0;
/** A 26-character id in the primary keys' alphabet, recognisably made by a test. */
function newTestId(): string {
  testIds += 1;
  return `01TEST${String(testIds).padStart(20, '0')}`;
}

/** A 1×1 PNG, the smallest image an upload accepts. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(bytes: Buffer, filename = 'photo.png', mime = 'image/png') {
  const boundary = `----xinfang-test-${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: ${mime}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
