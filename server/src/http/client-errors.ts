import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody, ErrorCode } from '@xinfang/shared/errors';
import type { FastifyInstance } from 'fastify';

/**
 * Errors Node raises on a connection rather than in a request's handler — a request that did not
 * arrive whole within HTTP_REQUEST_TIMEOUT_MS (408), headers too large (431), bytes that are not
 * HTTP (400) — answered in the one error shape (not Fastify's own), then the connection is closed.
 * A reset connection gets nothing: nobody is there to read it.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', '请求发送超时，请重试']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'BAD_REQUEST', '请求头过大']
        : [400, 'BAD_REQUEST', '无法读取请求内容'];
  this.log.info({ code: error.code, status }, 'client error');
  // An answer already under way on this connection must not be corrupted: then only close it.
  const answering = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writable && !answering?.headersSent) {
    const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
