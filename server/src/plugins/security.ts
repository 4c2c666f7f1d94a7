import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers for the API and the h5 app served beside it. Styles may be inline because
 * React and Taro set style attributes; scripts come only from our own origin. helmet's middleware
 * is built once here (@fastify/helmet built it anew on every request: ~5% of a detail's time).
 */
export default fp(
  async function security(app: FastifyInstance) {
    const headers = helmet({
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
    });
    app.addHook('onRequest', (request, reply, done) =>
      headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
    // API answers carry personal data or tokens: no browser, proxy or WebView keeps a copy
    // (OWASP ASVS V14.3). A route that knows better sets its own.
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
        reply.header('cache-control', 'no-store');
      }
    });
  },
  { name: 'security' },
);
