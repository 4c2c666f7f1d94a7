import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The OpenAPI 3.1 document, generated from the route schemas, at `/api/openapi.json`, and a
 * browsable page at `/api/docs`. 3.1 because our schemas are JSON Schema 2020-12 (`const`, `null`).
 */
export default fp(
  async function docs(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: '信访通 API',
          description: 'Petitions under the 信访工作条例 (2022): submission, handling, replies, appeals.',
          version: '0.1.0',
        },
        servers: [{ url: '/' }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () =>
      app.swagger(),
    );
  },
  { name: 'docs' },
);
