import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

/** What a client is told to wait during a shutdown: a restarted server is back in seconds. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A shutdown (SIGTERM, a deploy) that finishes what is in flight and keeps nobody waiting:
 *
 * - every answer sent once the shutdown began says `Connection: close`, so a keep-alive connection
 *   closes as its last request completes instead of holding the process open until its idle
 *   timeout (Node closes the connections that are idle at that moment itself);
 * - a request that still arrives on an open connection is answered 503 SERVICE_UNAVAILABLE with
 *   Retry-After in our error shape — Fastify's own 503 body (`return503OnClosing`) is turned off.
 */
export default fp(
  async function draining(app: FastifyInstance) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close');
      throw new AppError('SERVICE_UNAVAILABLE', '服务正在重启，请稍后再试', {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
  },
  { name: 'draining', dependencies: ['errors'] },
);
