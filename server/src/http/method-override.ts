import type { IncomingMessage } from 'node:http';

/**
 * WeChat's `wx.request` cannot send PATCH (it knows OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE
 * and CONNECT). The mini-program sends each PATCH as a POST naming it in this header
 * (`miniapp/src/services/transport.ts`), and the request is turned back into the PATCH it stands
 * for before it is routed: the route's access rule, validation, Idempotency-Key fingerprint, audit
 * and log all see the PATCH, and no route has a second method to keep in step.
 *
 * Only POST may stand for PATCH: both change things, so the override gives no request a power it
 * did not have.
 */
export const METHOD_OVERRIDE_HEADER = 'x-http-method-override';

/**
 * Fastify's `rewriteUrl` hook, its one step before routing: turns a POST that stands for a PATCH
 * into that PATCH, and leaves the URL as it came.
 */
export function routeOverriddenPatch(request: IncomingMessage): string {
  const override = request.headers[METHOD_OVERRIDE_HEADER];
  if (request.method === 'POST' && typeof override === 'string' && override.toUpperCase() === 'PATCH') {
    request.method = 'PATCH';
  }
  return request.url ?? '/';
}
