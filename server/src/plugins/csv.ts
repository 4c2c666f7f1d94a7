import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Imports (the org tree, the roster) arrive as `text/csv`, read as a UTF-8 string. */
export default fp(
  async function csv(app: FastifyInstance) {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  },
  { name: 'csv' },
);
