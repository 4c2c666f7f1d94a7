import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendNotFound } from './errors';

/**
 * Serves the mini-program's h5 build at `/`, so one port is the whole product. Unknown GET
 * addresses outside `/api` get `index.html` (the app routes in the browser); everything else
 * that matches nothing is a JSON 404.
 *
 * The build writes a brotli and a gzip copy beside each text file (`miniapp/scripts/precompress.mjs`):
 * they are sent as they are, never compressed again per request. Files named by their content hash
 * are cached for a year; `index.html`, which names them, is revalidated on every visit.
 */
export default fp(
  async function frontend(app: FastifyInstance) {
    const root = app.config.h5Dir;
    const index = root ? join(root, 'index.html') : null;
    const available = index !== null && existsSync(index);

    if (root && available) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: 'index.html',
        preCompressed: true,
        setHeaders(reply, path) {
          // Hashed bundles never change under the same name; the page itself always revalidates.
          const hashed = HASHED.test(path) || path.includes('/static/');
          reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } else if (root) {
      app.log.warn({ h5Dir: root }, 'no h5 build found: serving the API only (run `pnpm build`)');
    }

    app.setNotFoundHandler((request, reply) => {
      if (available && wantsPage(request)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return sendNotFound(request, reply);
    });
  },
  { name: 'frontend', dependencies: ['config', 'errors'] },
);

/** `js/app.2b42f83a.js`, and its precompressed copies `….js.br` and `….js.gz`. */
const HASHED = /\.[0-9a-f]{8,}\.(js|css)(\.br|\.gz)?$/;

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.url === '/api' || request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
