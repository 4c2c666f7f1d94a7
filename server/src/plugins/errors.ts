import { ERROR_STATUS, type ErrorBody, type ErrorCode, type FieldIssue } from '@xinfang/shared/errors';
import { refusalErrorBody } from '@xinfang/shared/lifecycle';
import { statuteRefusalOf } from '@xinfang/shared/schemas/statute';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isUniqueViolation, uniqueKeyOf } from '../db/unique-violation';
import { AppError } from '../errors';
import { isClientGone } from '../http/client-gone';

/**
 * One error handler for the whole app: every error leaves as `{ error: { code, message, details? } }`.
 * Schema failures list the failing field paths; client errors raised by Fastify itself keep their
 * status; a database that cannot serve is 503 with Retry-After (the monitor logs the outage once,
 * so each request logs only its refusal); anything else is a bug: logged with the request id,
 * answered without internals.
 */
export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { status, body } = toErrorAnswer(error, request);
      const retryAfter = (body.error.details as { retryAfterSeconds?: unknown } | undefined)
        ?.retryAfterSeconds;
      // RFC 9110 §10.2.3: Retry-After goes with 429 (slow down) and 503 (come back later).
      if ((status === 429 || status === 503) && typeof retryAfter === 'number') {
        reply.header('retry-after', String(retryAfter));
      }
      if (isClientGone(error, request)) request.log.info({ code: errorCode(error) }, 'client went away');
      else if (isUniqueViolation(error))
        request.log.warn({ key: uniqueKeyOf(error) }, 'unique key refused a write');
      else if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.error.code, status }, 'request refused');
      return reply.status(status).send(body);
    });
  },
  { name: 'errors' },
);

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const body: ErrorBody = {
    error: { code: 'NOT_FOUND', message: `没有这个地址：${request.method} ${request.url.split('?')[0]}` },
  };
  return reply.status(404).send(body);
}

/** Fastify's own client-error codes, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: '请求内容不符合要求',
  BAD_REQUEST: '无法读取请求内容',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限',
  NOT_FOUND: '没有找到',
  ALREADY_EXISTS: '已存在相同的记录，可能刚被他人添加，请刷新后再试',
  INTERNAL_ERROR: '服务器内部错误，请稍后再试',
};

function toErrorAnswer(error: FastifyError, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.statusCode, body: errorBody(error.code, error.message, error.details) };
  }
  if (error.validation) {
    // A limit the statute sets (Art 20, 34) is refused as the lifecycle refuses it: rule, article, Chinese.
    const statutory = statuteRefusalOf(error.validation);
    if (statutory) return { status: ERROR_STATUS.LIFECYCLE_REFUSED, body: refusalErrorBody(statutory) };
    const part = error.validationContext ?? 'body';
    const issues: FieldIssue[] = error.validation.map((v) => {
      const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
      const path = `/${part}${v.instancePath}${missing ? `/${missing}` : ''}`;
      return { path, message: v.message ?? 'is invalid' };
    });
    return { status: 400, body: errorBody('VALIDATION_FAILED', MESSAGES.VALIDATION_FAILED ?? '', issues) };
  }
  if (isClientGone(error, request)) return { status: 400, body: errorBody('BAD_REQUEST', '连接已中断') };
  if (isUniqueViolation(error))
    return { status: 409, body: errorBody('ALREADY_EXISTS', MESSAGES.ALREADY_EXISTS ?? '') };
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, body: errorBody('RATE_LIMITED', MESSAGES.RATE_LIMITED ?? '') };
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[error.code] ?? codeForStatus(status);
    return { status, body: errorBody(code, MESSAGES[code] ?? error.message) };
  }
  return {
    status: 500,
    body: errorBody('INTERNAL_ERROR', MESSAGES.INTERNAL_ERROR ?? '', { requestId: request.id }),
  };
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return 'BAD_REQUEST';
  }
}

function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}
