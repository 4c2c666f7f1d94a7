import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tarojs/taro', () => ({ default: {} }));

import { transportError } from './api';
import { exchange } from './transport.h5';

const fetchMock = vi.fn();

afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function answer(status: number, body: string) {
  fetchMock.mockResolvedValueOnce(new Response(status === 204 ? null : body, { status }));
  vi.stubGlobal('fetch', fetchMock);
}

describe('the h5 transport (the browser’s fetch)', () => {
  it('sends the method, headers and JSON body, and parses a JSON answer', async () => {
    answer(201, '{"id":7}');
    const result = await exchange({
      url: '/api/things',
      method: 'POST',
      data: { title: '反映' },
      header: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-12345678' },
      timeout: 1000,
    });
    expect(result).toEqual({ statusCode: 201, data: { id: 7 } });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/things');
    expect(init).toMatchObject({ method: 'POST', body: '{"title":"反映"}', credentials: 'same-origin' });
    expect(init.headers).toMatchObject({ 'Idempotency-Key': 'k-12345678' });
  });

  it('passes a non-JSON answer on as text, and an empty one as null', async () => {
    answer(502, '<html>Bad Gateway</html>');
    expect(await exchange({ url: '/x', method: 'GET', header: {}, timeout: 1000 })).toEqual({
      statusCode: 502,
      data: '<html>Bad Gateway</html>',
    });
    answer(204, '');
    expect((await exchange({ url: '/x', method: 'GET', header: {}, timeout: 1000 })).data).toBeNull();
  });

  it('aborts after the timeout, which the client reads as TIMEOUT', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementationOnce(
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const pending = exchange({ url: '/slow', method: 'GET', header: {}, timeout: 500 }).catch(
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(500);
    expect(transportError(await pending).code).toBe('TIMEOUT');
  });

  it('reports a failed network as NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetchMock);
    const failure = await exchange({ url: '/x', method: 'GET', header: {}, timeout: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(transportError(failure).code).toBe('NETWORK_ERROR');
  });
});
