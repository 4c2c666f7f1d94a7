import type { FastifyServerOptions } from 'fastify';

/**
 * The `date-time` format every schema's instants are validated with: RFC 3339, as ajv-formats
 * checks it, minus what no JavaScript `Date` can hold. RFC 3339 allows a leap second
 * (`…T23:59:60Z`), but `new Date()` of one is invalid, and a handler converting it answered 500;
 * refused here, it is a 400 with the field's path like any other bad date.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

export function isHoldableDateTime(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  if ((hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return false;
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day as number));
  const realDay = date.getUTCMonth() === (month as number) - 1 && date.getUTCDate() === day;
  return realDay && !Number.isNaN(Date.parse(value));
}

/** For Fastify's `ajv.onCreate`: replaces ajv-formats' `date-time` on the app's validator. */
export const useHoldableDateTime: NonNullable<NonNullable<FastifyServerOptions['ajv']>['onCreate']> = (
  ajv,
) => {
  ajv.addFormat('date-time', { type: 'string', validate: isHoldableDateTime });
};
