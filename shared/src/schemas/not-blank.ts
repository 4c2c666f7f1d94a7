import { Type } from 'typebox';

/**
 * A text that must say something: at least one character that is not a space (of any kind: the
 * ideographic space U+3000 too), so "   " is refused by the schema instead of being trimmed to ""
 * afterwards. `description` names the field in the error.
 */
export const NotBlank = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description });
