import { beforeEach, describe, expect, it, vi } from 'vitest';

// The unit under test is the client's own logic (URLs, headers, error mapping); the platform's
// transport, `Taro.request`, is replaced by a stub that answers the way WeChat and h5 do.
const taroRequest = vi.hoisted(() => vi.fn());
vi.mock('@tarojs/taro', () => ({ default: { request: taroRequest } }));

import { messageOf } from '@/ui/message-of';
import { ApiError, getHealth, REQUEST_TIMEOUT_MS, request } from './api';

function answer(statusCode: number, data: unknown) {
  taroRequest.mockResolvedValueOnce({ statusCode, data, header: {}, cookies: [], errMsg: 'request:ok' });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const health = {
  status: 'ok',
  db: { ok: true, reachable: true, writable: true, problem: null },
} as const;

beforeEach(() => {
  taroRequest.mockReset();
});

describe('request', () => {
  it('sends JSON to the API path with a timeout and returns the answer', async () => {
    answer(201, { id: 7 });
    await expect(request('/api/things', { method: 'POST', body: { title: '反映' } })).resolves.toEqual({
      id: 7,
    });
    expect(taroRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/things',
        method: 'POST',
        data: { title: '反映' },
        dataType: 'json',
        timeout: REQUEST_TIMEOUT_MS,
        header: expect.objectContaining({ Accept: 'application/json', 'Content-Type': 'application/json' }),
      }),
    );
  });

  it('sends no Content-Type without a body', async () => {
    answer(200, {});
    await request('/api/things');
    const [{ header }] = taroRequest.mock.calls[0] as [{ header: Record<string, string> }];
    expect(header).not.toHaveProperty('Content-Type');
  });

  it("turns the server's error body into an ApiError with its code, message and details", async () => {
    const details = [{ path: '/body/title', message: 'must NOT have fewer than 1 characters' }];
    answer(400, { error: { code: 'VALIDATION_FAILED', message: 'body/title is too short', details } });
    const error = await failure(request('/api/things', { method: 'POST', body: {} }));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, details });
    expect(error.message).toBe('body/title is too short');
  });

  it('does not trust an unknown error code from the server', async () => {
    answer(418, { error: { code: 'I_AM_A_TEAPOT', message: 'no' } });
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'BAD_RESPONSE', status: 418 });
  });

  it('reports a non-2xx answer without an error body as BAD_RESPONSE', async () => {
    answer(418, '<html>teapot</html>');
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'BAD_RESPONSE', status: 418 });
  });

  it('reports a proxy’s 502/503/504 page as the service being busy, in plain words', async () => {
    for (const status of [502, 503, 504]) {
      answer(status, '<html>Bad Gateway</html>');
      const error = await failure(request('/api/things'));
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status });
      expect(messageOf(error)).toBe('服务器正忙，请稍后再试');
    }
  });

  it('reports a 2xx answer that is not JSON as BAD_RESPONSE (e.g. index.html from a fallback)', async () => {
    answer(200, null);
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it("maps WeChat's timeout failure to TIMEOUT", async () => {
    taroRequest.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'TIMEOUT', status: null });
  });

  it("maps h5's aborted fetch to TIMEOUT", async () => {
    taroRequest.mockRejectedValueOnce(
      Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' }),
    );
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'TIMEOUT' });
  });

  it('maps other transport failures to NETWORK_ERROR', async () => {
    taroRequest.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'NETWORK_ERROR', status: null });
    taroRequest.mockRejectedValueOnce({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' });
    expect(await failure(request('/api/things'))).toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('getHealth', () => {
  it('returns the health answer', async () => {
    answer(200, health);
    await expect(getHealth()).resolves.toEqual(health);
    expect(taroRequest).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/health', method: 'GET' }));
  });

  it('treats a degraded 503 answer as an answer', async () => {
    const degraded = {
      status: 'degraded',
      db: {
        dialect: 'mysql',
        ok: false,
        reachable: false,
        writable: false,
        version: null,
        problem: { kind: 'unreachable', since: '2026-12-03T08:00:00.000Z' },
      },
    };
    answer(503, degraded);
    await expect(getHealth()).resolves.toEqual(degraded);
  });

  it('still treats a 503 error body as an error', async () => {
    answer(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'down for maintenance' } });
    expect(await failure(getHealth())).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });
});
