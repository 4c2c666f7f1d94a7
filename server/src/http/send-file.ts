import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * A stored document (a notice's PDF, a unit's seal) as the answer, shown inline. Never kept in a
 * cache: a reception PC's browser would hold named PDFs after sign-out, and a copy served from it
 * would skip the audit of the read and any change of access (a recusal).
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
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}
