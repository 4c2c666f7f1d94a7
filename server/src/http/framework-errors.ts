import type { ErrorBody } from '@xinfang/shared/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Errors Fastify's router raises before a request reaches any route or error handler — a path
 * that does not decode (`/api/petitions/%ZZ`) or a path parameter longer than the router allows —
 * answered in the one error shape instead of Fastify's own.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody = {
    error: {
      code: 'BAD_REQUEST',
      message: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '请求地址中的参数过长' : '请求地址无法解析',
    },
  };
  request.log.info({ code: error.code }, 'request refused');
  reply.status(400).send(body);
}
