/**
 * The one typed client of the 信访通 API, over the platform's HTTP (`transport.ts`: Taro.request in
 * WeChat, fetch in the browser). Every failure becomes an `ApiError`: the server's own `{ error: { code, message,
 * details? } }` when it answered with one, otherwise a client-side code (network, timeout, bad response).
 */
import { type ErrorBody, type ErrorCode, isErrorCode } from '@xinfang/shared/errors';
import type { Health } from '@xinfang/shared/schemas/health';
import { API_BASE } from '@/env';
import { exchange } from './transport';

/** Failures that happen before or instead of a proper answer from the server. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The HTTP status, or null when no answer arrived. */
    readonly status: number | null = null,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const REQUEST_TIMEOUT_MS = 10_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Statuses whose body is the answer rather than an error; default: any 2xx. */
  acceptStatus?: readonly number[];
}

/** Sends one request to the API and returns its JSON answer, or throws an `ApiError`. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS, acceptStatus } = options;

  let response: { statusCode: number; data: unknown };
  try {
    response = await exchange({
      url: `${API_BASE}${path}`,
      method,
      data: body,
      header: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      timeout: timeoutMs,
    });
  } catch (failure) {
    throw transportError(failure);
  }

  const { statusCode, data } = response;
  const success = statusCode >= 200 && statusCode < 300;
  const accepted = acceptStatus ? acceptStatus.includes(statusCode) : success;
  // An error body is an error even under an accepted non-2xx status (e.g. a 503 from a proxy).
  if (!accepted || (!success && isErrorBody(data))) throw errorFromAnswer(statusCode, data);
  if (statusCode !== 204 && (data === null || typeof data !== 'object')) {
    throw new ApiError('BAD_RESPONSE', `Expected a JSON answer, got ${describe(data)}`, statusCode);
  }
  return data as T;
}

/** Gateway statuses that say "the server did not get to it", seen when a proxy answers instead. */
const GATEWAY_STATUSES: readonly number[] = [502, 503, 504];

/**
 * Turns a non-accepted answer into an `ApiError`, keeping the server's code when it sent one. A
 * proxy's 502/503/504 page means the service is busy or down for a moment: SERVICE_UNAVAILABLE,
 * retried and told as such, not a puzzling "unrecognised answer".
 */
export function errorFromAnswer(status: number, data: unknown): ApiError {
  if (isErrorBody(data)) {
    const { code, message, details } = data.error;
    return new ApiError(code, message, status, details);
  }
  if (GATEWAY_STATUSES.includes(status))
    return new ApiError('SERVICE_UNAVAILABLE', `HTTP ${status} from a gateway`, status);
  return new ApiError('BAD_RESPONSE', `HTTP ${status} without an error body`, status);
}

/**
 * Turns a rejected `Taro.request` into an `ApiError`. WeChat rejects with `{ errMsg: 'request:fail
 * timeout' }`; the h5 runtime aborts its fetch on timeout (an `AbortError`) and fails with a
 * `TypeError` when the network is down.
 */
export function transportError(failure: unknown): ApiError {
  const { name, errMsg, message } = (failure ?? {}) as {
    name?: unknown;
    errMsg?: unknown;
    message?: unknown;
  };
  const text = [errMsg, message].filter((part) => typeof part === 'string').join(' ');
  const timedOut = name === 'AbortError' || /time(d )?out/i.test(text);
  return timedOut
    ? new ApiError('TIMEOUT', text || 'The request timed out')
    : new ApiError('NETWORK_ERROR', text || 'The network request failed');
}

function isErrorBody(data: unknown): data is ErrorBody {
  if (data === null || typeof data !== 'object' || !('error' in data)) return false;
  const { error } = data;
  return (
    error !== null &&
    typeof error === 'object' &&
    'code' in error &&
    isErrorCode(error.code) &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function describe(data: unknown): string {
  return data === null ? 'null' : typeof data;
}

/** `GET /api/health`. A degraded API answers 503 with the same shape, which is an answer, not an error. */
export function getHealth(): Promise<Health> {
  return request<Health>('/api/health', { acceptStatus: [200, 503] });
}
