import { maskPhone } from '@xinfang/shared/masking';
import type { OrgUnit, SignInAnswer } from '@xinfang/shared/schemas/identity';
import type { ServerProcess } from './server-process';

/**
 * A small HTTP client for suites that run the real server as a process (the crash test, the
 * benchmarks): JSON in and out, and sign-ins through the real routes — the password for staff,
 * the one-time code for petitioners, read from the development SMS sender's labelled log line.
 */
export const DEMO_STAFF_PASSWORD = 'demo-pass-2026';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Give up after this long (default 10 s): a request to a killed server must not hang. */
  timeoutMs?: number;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  subjectId: string;
  /** The whole answer (tokens with their expiry, and the account), e.g. to seed a browser's session. */
  answer: SignInAnswer;
}

function sessionOf(answer: Answer<SignInAnswer>, who: string): Session {
  if (answer.status !== 200)
    throw new Error(`sign-in of ${who} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return {
    accessToken: answer.body.tokens.accessToken,
    refreshToken: answer.body.tokens.refreshToken,
    subjectId: answer.body.me.id,
    answer: answer.body,
  };
}

export async function signInStaff(
  baseUrl: string,
  username: string,
  password = DEMO_STAFF_PASSWORD,
): Promise<Session> {
  const answer = await request<SignInAnswer>(baseUrl, 'POST', '/api/auth/staff/login', {
    body: { username, password },
  });
  return sessionOf(answer, username);
}

/**
 * Signs a petitioner in by phone: asks for a code, reads it from the server's log (the development
 * sender's `[DEV SMS — not sent]` line), and trades it for tokens. Mind the per-phone throttle
 * (one code a minute): sign each phone in once per database and keep the session.
 */
export async function signInPetitioner(
  server: Pick<ServerProcess, 'url' | 'output'>,
  phone: string,
): Promise<Session> {
  const label = `[DEV SMS — not sent] login code for ${maskPhone(phone)}: `;
  // Lines already logged, by content (each has its time): the output may be only the log's tail,
  // so a position in it means nothing once the tail is full.
  const codeLines = () =>
    server
      .output()
      .split('\n')
      .filter((l) => l.includes(label));
  const before = new Set(codeLines());
  const sent = await request(server.url, 'POST', '/api/auth/otp', { body: { phone } });
  if (sent.status !== 200)
    throw new Error(`OTP for ${phone} refused: ${sent.status} ${JSON.stringify(sent.body)}`);
  const deadline = Date.now() + 5_000;
  let code: string | undefined;
  while (!code) {
    const line = codeLines().find((l) => !before.has(l));
    code = line ? /login code for [^:]+: (\d{6})/.exec(line)?.[1] : undefined;
    if (code) break;
    if (Date.now() > deadline) throw new Error(`no development SMS was logged for ${maskPhone(phone)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const answer = await request<SignInAnswer>(server.url, 'POST', '/api/auth/otp/login', {
    body: { phone, code },
  });
  return sessionOf(answer, phone);
}

/** The active units, by code (the demo organisation's codes: `JA`, `JA-DS`, `JA-DS-AQK`, …). */
export async function unitsByCode(baseUrl: string): Promise<Map<string, OrgUnit>> {
  const answer = await request<OrgUnit[]>(baseUrl, 'GET', '/api/org/units');
  if (answer.status !== 200) throw new Error(`GET /api/org/units: ${answer.status}`);
  return new Map(answer.body.map((unit) => [unit.code, unit]));
}
