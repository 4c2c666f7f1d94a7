import type { FastifyRequest } from 'fastify';

/** Codes of a connection the client closed or reset: a phone that lost signal, a tab closed. */
const GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * Whether an error only says the client went away mid-request. That is no fault of the server's:
 * logged at info, never as an error.
 */
export function isClientGone(error: unknown, request?: FastifyRequest): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && GONE.has(code)) return true;
  return request?.raw.destroyed === true && request.raw.complete === false;
}
