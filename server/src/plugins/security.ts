import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers for the API and the h5 app served beside it. Styles may be inline because
 * React and Taro set style attributes; scripts come only from our own origin.
 */
const HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      // The document viewer shows a PDF the app fetched with the access token, as a blob.
      frameSrc: ["'self'", 'blob:'],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // TLS is the reverse proxy's business; upgrading here would break plain-HTTP local use.
      upgradeInsecureRequests: null,
    },
  },
  // The h5 app loads only same-origin resources; no need to isolate further.
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, taken once: with these options they depend on nothing in the request.
 * Its thirteen middlewares set each header on the raw response of every answer, and Node checked
 * each again when Fastify wrote its own (~1.5% of a petition's detail, by the profile's self time).
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish at once: its headers may depend on the request');
  return headers;
}

export default fp(
  async function security(app: FastifyInstance) {
    const everywhere = helmetHeaders(HELMET);
    // API answers carry personal data or tokens: no browser, proxy or WebView keeps a copy
    // (OWASP ASVS V14.3). A route that knows better sets its own, which replaces this one.
    const api = { ...everywhere, 'cache-control': 'no-store' };
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith('/api/') ? api : everywhere);
      done();
    });
  },
  { name: 'security' },
);
