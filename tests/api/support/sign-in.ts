import { Writable } from 'node:stream';
import { maskPhone } from '@xinfang/shared/masking';
import type { SignInAnswer } from '@xinfang/shared/schemas/identity';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * Signing in through the real routes, for any API suite: staff by password, petitioners by a
 * one-time code read from the development SMS sender's labelled log line. Sessions are cached per
 * app and renewed when the access token has expired — also under fake time (`vi.setSystemTime`),
 * since the cache compares with `Date.now()`.
 */

/** The demo staff accounts' shared password (server/src/seed/demo-people.ts). */
export const DEMO_PASSWORD = 'demo-pass-2026';

/** Every line the app logged; pass `logs.stream` as `buildTestApp`'s `logDestination`. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      for (const line of String(chunk).split('\n')) if (line) this.lines.push(line);
      done();
    },
  });

  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The code the development SMS sender "sent" last to this phone. */
  devSmsCode(phone: string): string {
    const label = `[DEV SMS — not sent] login code for ${maskPhone(phone)}: `;
    const line = this.lines.findLast((l) => l.includes(label));
    const code = line ? /login code for [^:]+: (\d{6})/.exec(line)?.[1] : undefined;
    if (!code) throw new Error(`no development SMS was logged for ${maskPhone(phone)}`);
    return code;
  }
}

export interface Call {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
}

/** One JSON request as a client sends it. */
export function request(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  options: Call = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return app.inject({
    method,
    url,
    headers,
    remoteAddress: options.ip ?? '127.0.0.1',
    ...(options.body === undefined
      ? {}
      : { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
}

export async function staffSignIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<SignInAnswer> {
  const response = await request(app, 'POST', '/api/auth/staff/login', { body: { username, password } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SignInAnswer;
}

/** Asks for a code, reads it from the log, trades it for a session. */
export async function petitionerSignIn(
  app: FastifyInstance,
  logs: LogCapture,
  phone: string,
): Promise<SignInAnswer> {
  const sent = await request(app, 'POST', '/api/auth/otp', { body: { phone } });
  expect(sent.statusCode, sent.body).toBe(200);
  const response = await request(app, 'POST', '/api/auth/otp/login', {
    body: { phone, code: logs.devSmsCode(phone) },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SignInAnswer;
}

/**
 * Cached sessions of one app. A name of eleven digits is a petitioner's phone, anything else a
 * staff username. A session is reused until a minute before its access token expires.
 */
export class Sessions {
  private readonly cache = new Map<string, SignInAnswer>();
  /** Passwords of accounts created during the suite (the demo's otherwise). */
  readonly passwords = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly logs: LogCapture,
  ) {}

  async answer(who: string): Promise<SignInAnswer> {
    const cached = this.cache.get(who);
    if (cached && Date.parse(cached.tokens.accessTokenExpiresAt) - 60_000 > Date.now()) return cached;
    const answer = /^\d{11}$/.test(who)
      ? await this.petitionerFresh(who)
      : await staffSignIn(this.app, who, this.passwords.get(who) ?? DEMO_PASSWORD);
    this.cache.set(who, answer);
    return answer;
  }

  async token(who: string): Promise<string> {
    return (await this.answer(who)).tokens.accessToken;
  }

  /** Forgets a session (after a password change, say). */
  forget(who: string): void {
    this.cache.delete(who);
  }

  /** Petitioners renew by refresh token while it lives, so one phone does not hit the SMS limits. */
  private async petitionerFresh(phone: string): Promise<SignInAnswer> {
    const cached = this.cache.get(phone);
    if (cached && Date.parse(cached.tokens.refreshTokenExpiresAt) > Date.now()) {
      const response = await request(this.app, 'POST', '/api/auth/refresh', {
        body: { refreshToken: cached.tokens.refreshToken },
      });
      if (response.statusCode === 200)
        return { ...cached, tokens: response.json() as SignInAnswer['tokens'] };
    }
    return petitionerSignIn(this.app, this.logs, phone);
  }
}
