import { randomUUID } from 'node:crypto';
import type { Config } from '@xinfang/server/config';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp } from '@xinfang/server/testing';
import { isErrorCode } from '@xinfang/shared/errors';
import type { DocumentList, DocumentSummary } from '@xinfang/shared/schemas/documents';
import type {
  PendingRegistration,
  PetitionDetail,
  PetitionPage,
  Submitted,
} from '@xinfang/shared/schemas/petitions';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, vi } from 'vitest';
import { multipartFile } from '../identity/support';
import { LogCapture, request, Sessions } from '../support/sign-in';

/**
 * The petition suites' kit: one app per file on the project's database with the demo organisation,
 * a clock the suite moves (only `Date` is faked; real timers keep the database drivers alive),
 * sign-ins through the real routes, and verbs for the steps of a case — each going over HTTP and
 * remembering the version the last answer showed, as a client would.
 *
 * `who` is a staff username (`ds.handler`) or a petitioner's phone (`13800000001`).
 */

/** A Monday morning in Beijing: 2026-03-02 09:00 +08:00. */
export const DEFAULT_START = '2026-03-02T01:00:00.000Z';
const DAY = 24 * 3600_000;

export type Who = string;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Asserts the one error shape with this status and code, and returns the error. */
export function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect({ status: response.statusCode, code: errorOf(response)?.code }, response.body).toEqual({
    status,
    code,
  });
  const error = errorOf(response) as ErrorBody['error'];
  expect(Object.keys(response.json())).toEqual(['error']);
  expect(isErrorCode(error.code)).toBe(true);
  expect(typeof error.message).toBe('string');
  return error;
}

function errorOf(response: LightMyRequestResponse): ErrorBody['error'] | undefined {
  if (response.statusCode < 400) return undefined;
  try {
    return (response.json() as ErrorBody).error;
  } catch {
    return undefined;
  }
}

/** Chinese-looking text that no other call of this function resembles (no accidental repeat links). */
export function uniqueText(length = 40): string {
  const pool =
    '山河煤矿井下工资安全班组设备通风运输宿舍食堂医疗保险补贴考勤加班夜班调度维修检修电机皮带支架采掘';
  let text = '';
  for (let i = 0; i < length; i += 1) text += pool[Math.floor(Math.random() * pool.length)];
  return `${text}${randomUUID().replace(/-/g, '')}`;
}

export class PetitionKit {
  readonly sessions: Sessions;
  private readonly units = new Map<string, string>();
  private readonly staff = new Map<string, string>();
  /** The version each petition had in the last answer that showed it. */
  readonly versions = new Map<string, number>();
  /** The query code of each petition submitted or registered here, as its receipt shows it. */
  readonly queryCodes = new Map<string, string>();

  private constructor(
    readonly t: TestApp,
    readonly logs: LogCapture,
  ) {
    this.sessions = new Sessions(t.app, logs);
  }

  static async start(options: { at?: string; config?: Partial<Config> } = {}): Promise<PetitionKit> {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(options.at ?? DEFAULT_START));
    const logs = new LogCapture();
    const t = await buildTestApp({ logLevel: 'info', ...options.config }, { logDestination: logs.stream });
    await seedDemoIfEmpty(t.app.db, t.app.pii);
    const kit = new PetitionKit(t, logs);
    await kit.refreshDirectory();
    return kit;
  }

  get app(): FastifyInstance {
    return this.t.app;
  }

  async close(): Promise<void> {
    await this.t.close();
    vi.useRealTimers();
  }

  /**
   * The admin appoints a staff member, who replaces the temporary password before anything else
   * (checked here: a temporary password opens nothing); the session then signs in with `password`.
   */
  async appoint(
    username: string,
    unitCode: string,
    roles: readonly string[],
    password = `Appointed-${username}-2026!`,
  ): Promise<void> {
    const created = await this.http('admin', 'POST', '/api/staff', {
      username,
      displayName: `${unitCode} ${username}`,
      unitId: this.unit(unitCode),
      roles,
    });
    expect(created.statusCode, created.body).toBe(201);
    const temporary = (created.json() as { temporaryPassword: string }).temporaryPassword;
    this.sessions.passwords.set(username, temporary);
    const blocked = await this.http(username, 'GET', '/api/petitions/counts');
    expectError(blocked, 403, 'FORBIDDEN');
    const changed = await this.http(username, 'POST', '/api/auth/password', {
      currentPassword: temporary,
      newPassword: password,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    this.sessions.passwords.set(username, password);
    this.sessions.forget(username);
    await this.refreshDirectory();
  }

  /** Re-reads unit and staff ids (after accounts were created). */
  async refreshDirectory(): Promise<void> {
    for (const u of await this.app.db.selectFrom('org_unit').select(['id', 'code']).execute())
      this.units.set(u.code, u.id);
    for (const s of await this.app.db.selectFrom('staff_account').select(['id', 'username']).execute())
      this.staff.set(s.username, s.id);
  }

  /** A new staff account made by the admin, signed in with a password of its own. */
  async createStaff(username: string, unitCode: string, roles: string[]): Promise<void> {
    const created = await this.http('admin', 'POST', '/api/staff', {
      username,
      displayName: username,
      unitId: this.unit(unitCode),
      roles,
    });
    expect(created.statusCode, created.body).toBe(201);
    const temporary = created.json().temporaryPassword as string;
    this.sessions.passwords.set(username, temporary);
    const password = `${username}-Pass-2026!`;
    const changed = await this.http(username, 'POST', '/api/auth/password', {
      currentPassword: temporary,
      newPassword: password,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    this.sessions.passwords.set(username, password);
    this.sessions.forget(username);
    await this.refreshDirectory();
  }

  unit(code: string): string {
    const id = this.units.get(code);
    if (!id) throw new Error(`no unit ${code}`);
    return id;
  }

  staffId(username: string): string {
    const id = this.staff.get(username);
    if (!id) throw new Error(`no staff ${username}`);
    return id;
  }

  async petitionerId(phone: string): Promise<string> {
    return (await this.sessions.answer(phone)).me.id;
  }

  // ── time ─────────────────────────────────────────────────────────────────────────────────

  now(): Date {
    return new Date();
  }

  /** Moves the clock forward (never back: tokens and throttles would not understand). */
  tick(by: { days?: number; hours?: number; minutes?: number; ms?: number }): void {
    const ms = (by.days ?? 0) * DAY + (by.hours ?? 0) * 3600_000 + (by.minutes ?? 0) * 60_000 + (by.ms ?? 0);
    expect(ms).toBeGreaterThanOrEqual(0);
    vi.setSystemTime(new Date(Date.now() + ms));
  }

  setTime(at: string): void {
    expect(Date.parse(at)).toBeGreaterThanOrEqual(Date.now());
    vi.setSystemTime(new Date(at));
  }

  /** Today's date in Beijing plus `days`, as `YYYY-MM-DD`. */
  beijingDate(days = 0): string {
    return new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────────

  async http(
    who: Who | null,
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const token = who ? await this.sessions.token(who) : undefined;
    // A real request takes time: one millisecond per request keeps the audit log's order readable.
    vi.setSystemTime(new Date(Date.now() + 1));
    const response = await request(this.app, method, url, { token, body, headers });
    this.remember(response);
    return response;
  }

  /** Notes the version of any petition an answer shows. */
  private remember(response: LightMyRequestResponse): void {
    if (response.statusCode >= 300) return;
    let body: unknown;
    try {
      body = response.json();
    } catch {
      return;
    }
    const detail = (body as Partial<Submitted>).petition ?? (body as Partial<PetitionDetail>);
    if (detail && typeof detail.id === 'string' && typeof detail.version === 'number' && 'timeline' in detail)
      this.versions.set(detail.id, detail.version);
    const queryCode = (body as Partial<Submitted>).queryCode;
    if (detail && typeof detail.id === 'string' && typeof queryCode === 'string')
      this.queryCodes.set(detail.id, queryCode);
  }

  /** A body for an online submission: a request about 东山煤矿安全科 unless told otherwise. */
  submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      kind: 'request',
      concernedUnitId: this.unit('JA-DS-AQK'),
      categoryCode: 'wages',
      title: `反映${uniqueText(8)}`,
      content: uniqueText(60),
      ...overrides,
    };
  }

  async submit(
    who: Who,
    overrides: Record<string, unknown> = {},
    key = `k-${randomUUID()}`,
  ): Promise<Submitted> {
    const response = await this.http(who, 'POST', '/api/petitions', this.submission(overrides), {
      'idempotency-key': key,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Submitted;
  }

  /** Staff registration of a letter, visit, call… for a petitioner (by phone unless told otherwise). */
  async register(
    who: Who,
    overrides: Record<string, unknown> = {},
    key = `k-${randomUUID()}`,
  ): Promise<Submitted> {
    const body = {
      ...this.submission(),
      channel: 'visit',
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      petitioner: { realName: '张伟', phone: '13800000001' },
      ...overrides,
    };
    const response = await this.http(who, 'POST', '/api/petitions/register', body, {
      'idempotency-key': key,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Submitted;
  }

  /**
   * The holder of a registered phone says whether a petition registered at a desk is theirs: "mine"
   * with the query code from its receipt.
   */
  async claim(who: Who, petitionId: string, mine = true): Promise<PendingRegistration[]> {
    const body = mine ? { mine, queryCode: this.queryCodes.get(petitionId) } : { mine };
    const response = await this.http(who, 'POST', `/api/me/registrations/${petitionId}`, body);
    expect(response.statusCode, response.body).toBe(200);
    // Joining an account is a change of the petition: the version moves on.
    if (mine) this.versions.set(petitionId, (await this.detail(who, petitionId)).version);
    return response.json() as PendingRegistration[];
  }

  async detail(who: Who, id: string): Promise<PetitionDetail> {
    const response = await this.http(who, 'GET', `/api/petitions/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PetitionDetail;
  }

  /** One page of a list; a search goes in a POST body, as a phone number must (never in a URL). */
  async list(who: Who, query: Record<string, string | number> = {}): Promise<PetitionPage> {
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const response =
      query.search === undefined
        ? await this.http(who, 'GET', `/api/petitions${qs ? `?${qs}` : ''}`)
        : await this.http(who, 'POST', '/api/petitions/search', query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PetitionPage;
  }

  /** Every item of a list, page by page. */
  async listAll(who: Who, query: Record<string, string | number> = {}): Promise<PetitionPage['items']> {
    const items: PetitionPage['items'] = [];
    let cursor: string | null = null;
    do {
      const page: PetitionPage = await this.list(who, { ...query, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** Sends an action with the version last seen (or the one given) and returns the raw answer. */
  async send(
    who: Who,
    id: string,
    type: string,
    params: Record<string, unknown> = {},
    version = this.versions.get(id),
  ): Promise<LightMyRequestResponse> {
    return this.http(who, 'POST', `/api/petitions/${id}/actions`, { type, params, version });
  }

  /** Takes an action that must succeed; returns the detail the actor sees afterwards. */
  async act(
    who: Who,
    id: string,
    type: string,
    params: Record<string, unknown> = {},
  ): Promise<PetitionDetail> {
    const response = await this.send(who, id, type, params);
    expect(response.statusCode, `${who} ${type}: ${response.body}`).toBe(200);
    return response.json() as PetitionDetail;
  }

  /** Takes an action that the lifecycle must refuse with `rule`; returns the error's details. */
  async refused(
    who: Who,
    id: string,
    type: string,
    params: Record<string, unknown>,
    rule: string,
  ): Promise<Record<string, unknown>> {
    const response = await this.send(who, id, type, params);
    const error = expectError(response, 422, 'LIFECYCLE_REFUSED');
    expect(error.details?.rule, `${who} ${type}`).toBe(rule);
    return error.details ?? {};
  }

  /** Uploads an image (POST /api/attachments, multipart) and returns its id. */
  async uploadImage(who: Who, bytes: Buffer, mime = 'image/png'): Promise<string> {
    const form = multipartFile(bytes, 'scan', mime);
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: {
        authorization: `Bearer ${await this.sessions.token(who)}`,
        'content-type': form.contentType,
      },
      payload: form.body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  }

  /** The written notices of a petition as `who` sees them (GET /api/petitions/:id/documents). */
  async documents(who: Who, id: string): Promise<DocumentSummary[]> {
    const response = await this.http(who, 'GET', `/api/petitions/${id}/documents`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as DocumentList).items;
  }

  /**
   * The petitioner opens the written answer awaiting delivery, as the app does: its first opening
   * is its delivery (Art 35, 36). Returns the PDF's answer.
   */
  async openAnswer(who: Who, id: string): Promise<LightMyRequestResponse> {
    const answer = (await this.documents(who, id)).find((d) => d.awaitingDelivery);
    expect(answer, 'an answer awaits delivery').toBeDefined();
    const response = await this.http(who, 'GET', `/api/documents/${answer?.id}.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    await this.detail(who, id); // the delivery moved the version on: remember it, as the app re-reads
    return response;
  }

  /** The audit entries about one target, oldest first. */
  async audit(targetId: string) {
    return this.app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id', 'outcome', 'target_type', 'details'])
      .where('target_id', '=', targetId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async eventCount(id: string): Promise<number> {
    const row = await this.app.db
      .selectFrom('petition_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('petition_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async petitionCount(): Promise<number> {
    const row = await this.app.db
      .selectFrom('petition')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** The action types a detail offers its viewer. */
export function offered(detail: PetitionDetail): string[] {
  return detail.allowedActions.map((a) => a.type).sort();
}

export function clock(detail: { clocks: PetitionDetail['clocks'] }, name: string, stage?: string) {
  const found = detail.clocks.filter((c) => c.name === name && (stage === undefined || c.stage === stage));
  expect(found.length, `clock ${name}${stage ? ` (${stage})` : ''}`).toBeGreaterThan(0);
  return found.at(-1) as PetitionDetail['clocks'][number];
}

export function eventTypes(detail: PetitionDetail): string[] {
  return detail.timeline.map((e) => e.type);
}
