import { type TUnsafe, Type } from 'typebox';

/** A string that is one of `values`, as `{ type: 'string', enum: [...] }`, typed as their union. */
export function StringEnum<const T extends string>(
  values: readonly T[],
  options: { description?: string } = {},
): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}
