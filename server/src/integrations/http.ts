/**
 * One outbound HTTP call with a hard deadline: Node's fetch has none by default, and a hung
 * upstream must not hold a login request open. The deadline covers reading the body too.
 *
 * Failures carry only a kind and the HTTP status, never the URL, body or underlying error text:
 * URLs here can hold secrets (WeChat's `secret` travels in the query string). For the same reason
 * redirects are refused rather than followed: these APIs never redirect, and a redirect would
 * carry the secret to another host.
 */
export type TransportFailure = 'timeout' | 'network';

export class TransportError extends Error {
  constructor(readonly kind: TransportFailure) {
    super(kind === 'timeout' ? 'the upstream did not answer in time' : 'the upstream could not be reached');
    this.name = 'TransportError';
  }
}

export interface TextAnswer {
  status: number;
  ok: boolean;
  text: string;
}

export async function fetchText(url: string, init: RequestInit, timeoutMs: number): Promise<TextAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, redirect: 'error', signal: controller.signal });
    const text = await response.text();
    return { status: response.status, ok: response.ok, text };
  } catch {
    throw new TransportError(controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a body as a JSON object, whatever Content-Type came with it; null when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
