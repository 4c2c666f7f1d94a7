import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { isClientGone } from './client-gone';

/** A request slower than this is always logged. */
const SLOW_MS = 1_000;

/**
 * Fastify's request logging, made cheap: one line per request when it completes (with the request
 * as the logger's serialiser shows it, and the status and time), instead of a line when it comes
 * and another when it goes. Errors, refusals and slow requests are always logged; of the ordinary
 * rest, one in `every` (REQUEST_LOG_EVERY: all in development, one in 20 in production, where
 * 70,000 requests in ten minutes wrote 32 MB of lines nobody reads). A client that went away
 * mid-answer is logged at info: that is a phone losing its signal, not a fault of ours.
 */
export class RequestLog extends LogController {
  private seen = 0;

  constructor(private readonly every: number) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error && isClientGone(error)) {
      reply.log.info({ ...line, code: (error as { code?: unknown }).code }, 'client went away');
    } else if (error) {
      reply.log.error({ ...line, err: error }, 'request errored');
    } else if (this.notable(reply) || this.sampled()) {
      reply.log.info(line, 'request completed');
    }
  }

  private notable(reply: FastifyReply): boolean {
    return reply.statusCode >= 400 || reply.elapsedTime >= SLOW_MS;
  }

  private sampled(): boolean {
    this.seen = (this.seen + 1) % this.every;
    return this.seen === 0;
  }
}
