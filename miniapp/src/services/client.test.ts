import type { Me, TokenPair } from '@xinfang/shared/schemas/identity';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '@/platform/storage';

// `api.ts` imports Taro for its transport; these tests give the client a scripted transport instead.
vi.mock('@tarojs/taro', () => ({ default: { request: vi.fn() } }));

import { ApiError, errorFromAnswer, type RequestOptions } from './api';
import { type ApiClient, createApiClient, RENEW_BEFORE_MS, type Transport } from './client';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRepeatable, isTransient, type RetryPolicy } from './retry';
import { SessionStore } from './session';

const NOW = Date.parse('2026-03-02T08:00:00.000Z');
const me: Me = {
  kind: 'petitioner',
  id: 'p1',
  realName: '张伟',
  phone: '138****0001',
  idNumber: null,
  address: null,
  wechatLinked: false,
  worker: null,
};

function tokens(n: number, accessValidMs = 15 * 60_000): TokenPair {
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: new Date(NOW + accessValidMs).toISOString(),
    refreshToken: `refresh-${n}-abcdefghijklmnop`,
    refreshTokenExpiresAt: new Date(NOW + 30 * 86_400_000).toISOString(),
  };
}

type Call = { path: string; options: RequestOptions };
type Reply = (call: Call) => unknown;

/** A scripted server: each call is answered by the next reply (a value, or an error to throw). */
function scripted() {
  const calls: Call[] = [];
  const replies: Reply[] = [];
  const transport = vi.fn(async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
    const call = { path, options };
    calls.push(call);
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected call ${options.method ?? 'GET'} ${path}`);
    const value = reply(call);
    if (value instanceof Error) throw value;
    return value as T;
  });
  return {
    calls,
    transport,
    answer: (value: unknown) => replies.push(() => value),
    fail: (error: ApiError) => replies.push(() => error),
    reply: (fn: Reply) => replies.push(fn),
  };
}

const networkDown = () => new ApiError('NETWORK_ERROR', 'request:fail');
const timedOut = () => new ApiError('TIMEOUT', 'request:fail timeout');
const expired = () => new ApiError('UNAUTHENTICATED', 'token expired', 401);
const auth = (call: Call) => call.options.headers?.Authorization;

describe('the API client', () => {
  let server: ReturnType<typeof scripted>;
  let session: SessionStore;
  let sleeps: number[];
  let client: ApiClient;
  const policy: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 4000 };

  beforeEach(() => {
    server = scripted();
    session = new SessionStore(memoryStorage());
    session.set({ tokens: tokens(1), me });
    sleeps = [];
    client = createApiClient({
      transport: server.transport as Transport,
      session,
      policy,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      now: () => NOW,
    });
  });

  describe('retries', () => {
    it('retries a GET after a network error and a timeout, with growing pauses', async () => {
      server.fail(networkDown());
      server.fail(timedOut());
      server.answer({ items: [] });
      await expect(client.get('/api/petitions')).resolves.toEqual({ items: [] });
      expect(server.calls).toHaveLength(3);
      expect(sleeps).toEqual([backoffDelay(1, policy, () => 0.5), backoffDelay(2, policy, () => 0.5)]);
      expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? Number.POSITIVE_INFINITY);
    });

    it('gives up after the policy’s retries and throws the last error', async () => {
      for (let i = 0; i < 3; i++) server.fail(timedOut());
      await expect(client.get('/api/petitions')).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(server.calls).toHaveLength(1 + policy.retries);
    });

    it('retries a POST that carries an Idempotency-Key, with the same key every time', async () => {
      server.fail(networkDown());
      server.fail(new ApiError('SERVICE_UNAVAILABLE', 'db down', 503));
      server.answer({ petition: { id: 'x' }, queryCode: 'Q' });
      await client.post('/api/petitions', { title: 't' }, { idempotencyKey: 'pet-key-1' });
      expect(server.calls).toHaveLength(3);
      const keys = server.calls.map((c) => c.options.headers?.['Idempotency-Key']);
      expect(keys).toEqual(['pet-key-1', 'pet-key-1', 'pet-key-1']);
      expect(server.calls.every((c) => c.options.body !== undefined)).toBe(true);
    });

    it('waits out IDEMPOTENCY_IN_PROGRESS on a keyed POST', async () => {
      server.fail(new ApiError('IDEMPOTENCY_IN_PROGRESS', 'busy', 409));
      server.answer({ ok: true });
      await expect(client.post('/api/petitions', {}, { idempotencyKey: 'pet-key-2' })).resolves.toEqual({
        ok: true,
      });
    });

    it('never repeats a POST without a key: it may have happened', async () => {
      server.fail(networkDown());
      await expect(client.post('/api/petitions/1/actions', { type: 'rate' })).rejects.toMatchObject({
        code: 'NETWORK_ERROR',
      });
      expect(server.calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('does not retry answers that will not change: refusals, conflicts, validation, 500', async () => {
      for (const error of [
        new ApiError('LIFECYCLE_REFUSED', '不能', 422),
        new ApiError('VERSION_CONFLICT', 'stale', 409),
        new ApiError('VALIDATION_FAILED', 'bad', 400),
        new ApiError('NOT_FOUND', 'gone', 404),
        new ApiError('INTERNAL_ERROR', 'bug', 500),
        new ApiError('RATE_LIMITED', 'slow down', 429),
      ]) {
        server.fail(error);
        await expect(client.get('/api/x')).rejects.toBe(error);
      }
      expect(server.calls).toHaveLength(6);
    });

    it('retries a gateway error from a proxy (502/504 without our error body)', async () => {
      server.fail(errorFromAnswer(502, '<html>Bad Gateway</html>'));
      server.answer({ ok: 1 });
      await expect(client.get('/api/x')).resolves.toEqual({ ok: 1 });
      expect(isTransient(new ApiError('BAD_RESPONSE', 'not JSON', 200))).toBe(false);
    });

    it('can be told not to retry', async () => {
      server.fail(networkDown());
      await expect(client.get('/api/x', { retry: false })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
      expect(server.calls).toHaveLength(1);
    });
  });

  describe('backoff', () => {
    it('doubles from the base delay, is capped, and jitters within the upper half', () => {
      const p = { retries: 5, baseDelayMs: 500, maxDelayMs: 3000 };
      expect([1, 2, 3, 4].map((n) => backoffDelay(n, p, () => 0))).toEqual([250, 500, 1000, 1500]);
      expect([1, 2, 3, 4].map((n) => backoffDelay(n, p, () => 1))).toEqual([500, 1000, 2000, 3000]);
      expect(DEFAULT_RETRY_POLICY.retries).toBeGreaterThan(0);
    });

    it('knows which requests are safe to repeat', () => {
      expect(isRepeatable('GET')).toBe(true);
      expect(isRepeatable('POST')).toBe(false);
      expect(isRepeatable('POST', { 'idempotency-key': 'k' })).toBe(true);
      expect(isRepeatable('PATCH', { 'Idempotency-Key': 'k' })).toBe(true);
    });
  });

  describe('tokens', () => {
    it('sends the access token, and none on public calls', async () => {
      server.answer({});
      server.answer({});
      await client.get('/api/petitions');
      await client.get('/api/org/units', { auth: false });
      expect(auth(server.calls[0] as Call)).toBe('Bearer access-1');
      expect(auth(server.calls[1] as Call)).toBeUndefined();
    });

    it('on a 401, renews the tokens once and retries the request once with the new token', async () => {
      server.fail(expired());
      server.reply((call) => {
        expect(call.path).toBe('/api/auth/refresh');
        expect(call.options.body).toEqual({ refreshToken: tokens(1).refreshToken });
        return tokens(2);
      });
      server.answer({ ok: true });
      await expect(client.get('/api/petitions')).resolves.toEqual({ ok: true });
      expect(server.calls.map((c) => c.path)).toEqual([
        '/api/petitions',
        '/api/auth/refresh',
        '/api/petitions',
      ]);
      expect(auth(server.calls[2] as Call)).toBe('Bearer access-2');
      expect(session.get()?.tokens.refreshToken).toBe(tokens(2).refreshToken);
    });

    it('does not loop: a second 401 after renewing is the answer', async () => {
      server.fail(expired());
      server.answer(tokens(2));
      server.fail(expired());
      await expect(client.get('/api/petitions')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(server.calls).toHaveLength(3);
    });

    it('renews once for many calls refused at the same time (single flight)', async () => {
      let release: (value: TokenPair) => void = () => undefined;
      const renewed = new Promise<TokenPair>((resolve) => {
        release = resolve;
      });
      const transport = vi.fn(async (path: string, options: RequestOptions = {}) => {
        if (path === '/api/auth/refresh') return renewed;
        if (options.headers?.Authorization === 'Bearer access-1') throw expired();
        return { path };
      });
      const parallel = createApiClient({ transport: transport as never, session, now: () => NOW });
      const answers = Promise.all([parallel.get('/api/a'), parallel.get('/api/b'), parallel.get('/api/c')]);
      await vi.waitFor(() =>
        expect(transport.mock.calls.filter(([p]) => p === '/api/auth/refresh')).toHaveLength(1),
      );
      release(tokens(2));
      await expect(answers).resolves.toEqual([{ path: '/api/a' }, { path: '/api/b' }, { path: '/api/c' }]);
      expect(transport.mock.calls.filter(([p]) => p === '/api/auth/refresh')).toHaveLength(1);
    });

    it('does not spend the refresh token again when another call (or tab) already renewed', async () => {
      server.reply(() => {
        // Another tab renews while this request is on the wire.
        session.set({ tokens: tokens(7), me });
        return expired();
      });
      server.answer({ ok: true });
      await client.get('/api/petitions');
      expect(server.calls.map((c) => c.path)).toEqual(['/api/petitions', '/api/petitions']);
      expect(auth(server.calls[1] as Call)).toBe('Bearer access-7');
    });

    it('renews before sending when the access token is about to expire', async () => {
      session.set({ tokens: tokens(1, RENEW_BEFORE_MS - 1000), me });
      server.answer(tokens(2));
      server.answer({ ok: true });
      await client.get('/api/petitions');
      expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/refresh', '/api/petitions']);
      expect(auth(server.calls[1] as Call)).toBe('Bearer access-2');
    });

    it('ends the session when the refresh token is refused, and says so', async () => {
      const ended: unknown[] = [];
      session.subscribe((s, reason) => ended.push([s, reason]));
      server.fail(expired());
      server.fail(new ApiError('UNAUTHENTICATED', 'refresh token reused', 401));
      await expect(client.get('/api/petitions')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(session.get()).toBeNull();
      expect(ended).toEqual([[null, 'expired']]);
    });

    it('refuses to call a signed-in endpoint without a session', async () => {
      session.clear('logout');
      await expect(client.get('/api/petitions')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(server.calls).toHaveLength(0);
    });

    it('retries a keyed POST across a renewal with the same key', async () => {
      server.fail(networkDown());
      server.fail(expired());
      server.answer(tokens(2));
      server.answer({ created: true });
      await client.post('/api/petitions', { title: 't' }, { idempotencyKey: 'pet-key-3' });
      const posts = server.calls.filter((c) => c.path === '/api/petitions');
      expect(posts.map((c) => c.options.headers?.['Idempotency-Key'])).toEqual([
        'pet-key-3',
        'pet-key-3',
        'pet-key-3',
      ]);
      expect(posts.map(auth)).toEqual(['Bearer access-1', 'Bearer access-1', 'Bearer access-2']);
    });

    it('gives uploads the same renewal through withAccessToken', async () => {
      server.answer(tokens(2));
      const seen: string[] = [];
      const result = await client.withAccessToken(async (token) => {
        seen.push(token);
        if (token === 'access-1') throw expired();
        return 'uploaded';
      });
      expect(result).toBe('uploaded');
      expect(seen).toEqual(['access-1', 'access-2']);
    });
  });
});
