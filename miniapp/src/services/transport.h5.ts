import type { Answer, Exchange } from './transport';

export type { Answer, Exchange } from './transport';

/**
 * The h5 twin of `transport.ts`: the browser's fetch with an AbortController for the timeout
 * (an abort rejects with an `AbortError`, which `transportError` reads as TIMEOUT; a network
 * failure rejects with a `TypeError`, read as NETWORK_ERROR). The timeout covers the whole body.
 */
export async function exchange({ url, method, data, header, timeout }: Exchange): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(url, {
      method,
      headers: header,
      body: data === undefined ? undefined : JSON.stringify(data),
      signal: controller.signal,
      credentials: 'same-origin',
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (text === '') parsed = null;
    else {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { statusCode: response.status, data: parsed };
  } finally {
    clearTimeout(timer);
  }
}
