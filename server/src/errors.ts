import { ERROR_STATUS, type ErrorCode } from '@xinfang/shared/errors';

/**
 * An error the client is meant to see: a code from the closed list in `shared`, a message for
 * people, and optional structured details. Anything thrown that is not an AppError (or a Fastify
 * client error) is treated as a bug and answered as INTERNAL_ERROR without its text.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get statusCode(): number {
    return ERROR_STATUS[this.code];
  }
}
