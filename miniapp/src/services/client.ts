import type { TokenPair } from '@xinfang/shared/schemas/identity';
import { ApiError, type RequestOptions } from './api';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRepeatable, isTransient, type RetryPolicy } from './retry';
import type { SessionStore } from './session';

/**
 * The API client as pages use it, for petitioners and staff alike: the signed-in person's access
 * token on every call, tokens renewed before they run out and after a 401 (one renewal at a time —
 * the server revokes a session whose refresh token is used twice), and transient failures of safe
 * requests retried with backoff. Built on the one-shot transport `request` from `api.ts`.
 */
export interface CallOptions extends RequestOptions {
  /** Send the access token (default). Public endpoints pass false. */
  auth?: boolean;
  /** Makes a write safe to repeat: sent as the Idempotency-Key header, the same on every retry. */
  idempotencyKey?: string;
  /** Overrides the client's retry policy for this call; false: one attempt only. */
  retry?: RetryPolicy | false;
}

export type Transport = <T>(path: string, options?: RequestOptions) => Promise<T>;

export interface ApiClientDeps {
  transport: Transport;
  session: SessionStore;
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /**
   * Runs the token renewal exclusively across every copy of the app on this device (h5 tabs share
   * storage). Default: no cross-tab lock.
   */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Renew the access token this long before it expires, so a slow request does not arrive stale. */
export const RENEW_BEFORE_MS = 60_000;

export interface ApiClient {
  call<T>(path: string, options?: CallOptions): Promise<T>;
  get<T>(path: string, options?: Omit<CallOptions, 'method' | 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<CallOptions, 'method' | 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<CallOptions, 'method' | 'body'>): Promise<T>;
  /**
   * Runs `task` with a valid access token, renewing it first when needed and once more after a 401
   * — for calls that do not go through `request`, such as file uploads and downloads.
   */
  withAccessToken<T>(task: (accessToken: string) => Promise<T>): Promise<T>;
  /** Renews the tokens now (single flight). Null when the session has ended. */
  renew(): Promise<TokenPair | null>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const {
    transport,
    session,
    policy: defaultPolicy = DEFAULT_RETRY_POLICY,
    sleep = sleepFor,
    random = Math.random,
    now = Date.now,
    exclusive = (task) => task(),
  } = deps;

  let renewing: Promise<TokenPair | null> | null = null;

  /**
   * Renews the token pair, once however many callers ask at the same time. `stale` is the access
   * token a caller found wanting: if the stored pair has moved on since (another call or another
   * tab renewed it), that pair is used and the refresh token is not spent again.
   */
  function renew(stale?: string): Promise<TokenPair | null> {
    if (renewing) return renewing;
    renewing = exclusive(async () => {
      const current = session.reload();
      if (!current) return null;
      if (stale !== undefined && current.tokens.accessToken !== stale) return current.tokens;
      try {
        const tokens = await transport<TokenPair>('/api/auth/refresh', {
          method: 'POST',
          body: { refreshToken: current.tokens.refreshToken },
        });
        session.setTokens(tokens);
        return tokens;
      } catch (error) {
        // The refresh token is expired, revoked or already used: the session is over.
        if (error instanceof ApiError && error.status === 401) {
          session.clear('expired');
          return null;
        }
        throw error;
      }
    }).finally(() => {
      renewing = null;
    });
    return renewing;
  }

  /** A usable access token: the stored one, or a renewed one when it is about to expire. */
  async function accessToken(): Promise<string | null> {
    const current = session.get();
    if (!current) return null;
    const expiresAt = Date.parse(current.tokens.accessTokenExpiresAt);
    if (Number.isFinite(expiresAt) && expiresAt - now() > RENEW_BEFORE_MS) return current.tokens.accessToken;
    const renewed = await renew(current.tokens.accessToken);
    return renewed?.accessToken ?? null;
  }

  async function withAccessToken<T>(task: (token: string) => Promise<T>): Promise<T> {
    const token = await accessToken();
    if (token === null) throw new ApiError('UNAUTHENTICATED', 'Not signed in', 401);
    try {
      return await task(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || error.code !== 'UNAUTHENTICATED')
        throw error;
      // The token was refused (revoked, or the clock of this phone is off): renew once, try once more.
      const renewed = await renew(token);
      if (!renewed) throw error;
      return task(renewed.accessToken);
    }
  }

  async function once<T>(path: string, options: CallOptions, headers: Record<string, string>): Promise<T> {
    const { auth = true, idempotencyKey: _key, retry: _retry, ...request } = options;
    if (!auth) return transport<T>(path, { ...request, headers });
    return withAccessToken((token) =>
      transport<T>(path, { ...request, headers: { ...headers, Authorization: `Bearer ${token}` } }),
    );
  }

  async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const method = options.method ?? 'GET';
    const policy = options.retry === false ? null : (options.retry ?? defaultPolicy);
    const repeatable = policy !== null && isRepeatable(method, headers);

    for (let retry = 0; ; retry++) {
      try {
        return await once<T>(path, options, headers);
      } catch (error) {
        const again =
          repeatable && error instanceof ApiError && isTransient(error) && retry < (policy?.retries ?? 0);
        if (!again || !policy) throw error;
        await sleep(backoffDelay(retry + 1, policy, random));
      }
    }
  }

  return {
    call,
    get: (path, options = {}) => call(path, { ...options, method: 'GET' }),
    post: (path, body, options = {}) => call(path, { ...options, method: 'POST', body }),
    patch: (path, body, options = {}) => call(path, { ...options, method: 'PATCH', body }),
    withAccessToken,
    renew: () => renew(),
  };
}
