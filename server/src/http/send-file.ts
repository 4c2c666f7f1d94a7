import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * A stored file as the answer, shown inline. Browsers and the mini-program may keep a copy briefly;
 * access can change (a recusal), so not for long.
 */
export function sendFile(
  reply: FastifyReply,
  stream: Readable,
  mime: string,
  filename: string,
): FastifyReply {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'private, max-age=600')
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}
