import { ErrorBodySchema } from '@xinfang/shared/schemas/error';
import type { TSchema } from 'typebox';

/** A route's success answers plus the one error shape for every 4xx and 5xx, for the OpenAPI document. */
export function answers<T extends Record<number, TSchema>>(success: T) {
  return { ...success, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema };
}
