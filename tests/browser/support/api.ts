/**
 * The API as staff and test set-up use it: plain fetch against the real server, with the shapes
 * from `shared`. Staff act through `POST /api/petitions/:id/actions` exactly as the staff pages will.
 */
import type { PetitionDetail, Submitted } from '@xinfang/shared/schemas/petitions';
import { expect } from 'vitest';
import { lastOtp, nextOtp } from './app';

export const STAFF_PASSWORD = 'demo-pass-2026';

export async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export async function staffToken(baseUrl: string, username: string): Promise<string> {
  const answer = await call<{ tokens: { accessToken: string } }>(baseUrl, 'POST', '/api/auth/staff/login', {
    body: { username, password: STAFF_PASSWORD },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.tokens.accessToken;
}

/** A petitioner's access token by SMS code, read from the server log. */
export async function petitionerToken(baseUrl: string, logPath: string, phone: string): Promise<string> {
  const previous = lastOtp(logPath, phone);
  const sent = await call(baseUrl, 'POST', '/api/auth/otp', { body: { phone } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const code = await nextOtp(logPath, phone, previous);
  const answer = await call<{ tokens: { accessToken: string } }>(baseUrl, 'POST', '/api/auth/otp/login', {
    body: { phone, code },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.tokens.accessToken;
}

export async function unitIdByCode(baseUrl: string, code: string): Promise<string> {
  const units = await call<{ id: string; code: string }[]>(baseUrl, 'GET', '/api/org/units');
  const unit = units.body.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.id;
}

export async function submitAs(
  baseUrl: string,
  token: string,
  body: Record<string, unknown>,
): Promise<Submitted> {
  const answer = await call<Submitted>(baseUrl, 'POST', '/api/petitions', {
    token,
    body,
    headers: { 'idempotency-key': `test-${Date.now()}-${Math.random().toString(36).slice(2)}` },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export async function detail(baseUrl: string, token: string, id: string): Promise<PetitionDetail> {
  const answer = await call<PetitionDetail>(baseUrl, 'GET', `/api/petitions/${id}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** Takes one lifecycle action with the current version, and expects it to be accepted. */
export async function act(
  baseUrl: string,
  token: string,
  id: string,
  type: string,
  params: Record<string, unknown> = {},
): Promise<PetitionDetail> {
  const { version } = await detail(baseUrl, token, id);
  const answer = await call<PetitionDetail>(baseUrl, 'POST', `/api/petitions/${id}/actions`, {
    token,
    body: { type, params, version },
  });
  expect(answer.status, `${type}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
}

/** A Beijing date `days` from today, for report-back dates. */
export function beijingDateIn(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** How long a suite may wait for a new Beijing day: `clearOfMidnight`'s margin and a little more. */
export const MIDNIGHT_WAIT = 6 * 60_000;

/**
 * Suites that act "today" (a visit is registered on its day only, a day's report is for today)
 * fail when a Beijing day ends under them. In the last five minutes of a day this waits for the
 * next one; the rest of the day it returns at once.
 */
export async function clearOfMidnight(): Promise<void> {
  const left = 86_400_000 - ((Date.now() + 8 * 3_600_000) % 86_400_000);
  if (left < 5 * 60_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

/**
 * Staff take a request from registration to an issued reply, each step by the person the
 * lifecycle names (shared/README.md, "Who may do what"): the group petition office assigns it to
 * the mine's safety section, whose handler accepts it and drafts the decision letter; the mine's
 * head approves it; the handler issues it.
 */
export async function replyToRequest(
  baseUrl: string,
  petitionId: string,
  staff: { reception: string; handler: string; head: string; unitCode: string },
  letter: { request: string; factsAndReasons: string; decision: string; legalBasis: string; outcome: string },
): Promise<PetitionDetail> {
  const reception = await staffToken(baseUrl, staff.reception);
  const handler = await staffToken(baseUrl, staff.handler);
  const head = await staffToken(baseUrl, staff.head);
  await act(baseUrl, reception, petitionId, 'assign', {
    unit: await unitIdByCode(baseUrl, staff.unitCode),
    reportBackBy: beijingDateIn(30),
  });
  await act(baseUrl, handler, petitionId, 'accept');
  await act(baseUrl, handler, petitionId, 'send_message', {
    text: '您好，我们已受理，正在调查核实，请保持电话畅通。',
  });
  await act(baseUrl, handler, petitionId, 'draft_reply', letter);
  await act(baseUrl, head, petitionId, 'approve_reply');
  return act(baseUrl, handler, petitionId, 'issue_reply');
}

/**
 * The petitioner opens the written answer waiting for delivery, as the app does (its first opening
 * is its delivery, Art 35, 36); returns the PDF's bytes.
 */
export async function openAnswer(baseUrl: string, token: string, petitionId: string): Promise<Buffer> {
  const listed = await call<{ items: { id: string; awaitingDelivery: boolean }[] }>(
    baseUrl,
    'GET',
    `/api/petitions/${petitionId}/documents`,
    { token },
  );
  const answer = listed.body.items.find((d) => d.awaitingDelivery);
  expect(answer, 'an answer awaits delivery').toBeDefined();
  const response = await fetch(`${baseUrl}/api/documents/${answer?.id}.pdf`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}
