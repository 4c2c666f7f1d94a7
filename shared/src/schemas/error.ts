import { Type } from 'typebox';
import { ERROR_CODES } from '../errors';

/** The one shape of every error answer: `{ error: { code, message, details? } }`. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(ERROR_CODES.map((code) => Type.Literal(code))),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error answer has this shape.' },
);
