import { Type } from 'typebox';
import { ERROR_CODES } from '../errors';
import { StringEnum } from './string-enum';

/** The one shape of every error answer: `{ error: { code, message, details? } }`. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(ERROR_CODES),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { description: 'Every error answer has this shape.' },
);
