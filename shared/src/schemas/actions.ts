import { type TSchema, type TUnsafe, Type } from 'typebox';
import { CALENDAR_YEAR_PATTERN } from '../clocks/calendar-years';
import {
  ACTION_SPECS,
  ACTION_TYPES,
  type ActionType,
  CASE_ACTION_TYPES,
  type CaseActionType,
  ID_MAX,
  type ParamSpec,
  type ParamsWith,
} from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { statuteLimit } from './statute';

/**
 * Request-body schemas for every lifecycle action, built from ACTION_SPECS — the same table the
 * lifecycle checks parameters with and the UI draws its forms from. In a body, a unit parameter is
 * the unit's id; the server resolves it to a `UnitRef` (with its ancestor path) before `decide`.
 */
export type ActionBody<T extends ActionType> = ParamsWith<T, string>;

const NOT_BLANK = '\\S';
// UTC in the calendar's years, hours 00–23, seconds 00–59: a leap second (23:59:60) is no instant
// a clock or a Date can hold. The format (`date-time`) checks that the day exists.
const INSTANT_PATTERN = `^${CALENDAR_YEAR_PATTERN}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,3})?Z$`;

function paramSchema(spec: ParamSpec): TSchema {
  const description = spec.label;
  switch (spec.kind) {
    case 'text':
    case 'long_text':
      return Type.String(
        spec.required
          ? { description, minLength: 1, maxLength: spec.maxLength, pattern: NOT_BLANK }
          : { description, maxLength: spec.maxLength },
      );
    case 'staff':
    case 'unit':
      return Type.String({ description, minLength: 1, maxLength: ID_MAX, pattern: NOT_BLANK });
    case 'date':
      return CalendarDateSchema({ description, examples: ['2026-10-08'] });
    case 'instant':
      return Type.String({
        description,
        format: 'date-time',
        pattern: INSTANT_PATTERN,
        examples: ['2026-10-01T02:00:00.000Z'],
      });
    case 'enum':
      return Type.Union(
        spec.options.map((option) => Type.Literal(option)),
        { description },
      );
    case 'integer':
      return Type.Integer({ description, minimum: spec.min, maximum: spec.max, ...statuteOf(spec) });
    case 'boolean':
      return Type.Boolean({ description });
    case 'list':
      return Type.Array(Type.String({ minLength: 1, maxLength: spec.itemMaxLength, pattern: NOT_BLANK }), {
        description,
        maxItems: spec.maxItems,
        ...(spec.required ? { minItems: 1 } : {}),
        ...statuteOf(spec),
      });
  }
}

/** The annotation that maps breaking a statutory limit to the lifecycle's own refusal. */
function statuteOf(spec: ParamSpec) {
  return spec.statute ? statuteLimit(spec.statute.rule) : {};
}

function bodySchema<T extends ActionType>(type: T): TUnsafe<ActionBody<T>> {
  const properties: Record<string, TSchema> = {};
  for (const spec of ACTION_SPECS[type].params as readonly ParamSpec[]) {
    properties[spec.name] = spec.required ? paramSchema(spec) : Type.Optional(paramSchema(spec));
  }
  return Type.Unsafe<ActionBody<T>>(
    Type.Object(properties, {
      title: `ActionBody_${type}`,
      description: ACTION_SPECS[type].label,
      additionalProperties: false,
    }),
  );
}

/** The body schema of each action, by type (`register` included). */
export const ACTION_BODY_SCHEMAS: { readonly [T in ActionType]: TUnsafe<ActionBody<T>> } = Object.fromEntries(
  ACTION_TYPES.map((type) => [type, bodySchema(type)]),
) as unknown as { readonly [T in ActionType]: TUnsafe<ActionBody<T>> };

export type CaseActionBody = { [T in CaseActionType]: { type: T; params: ActionBody<T> } }[CaseActionType];

/** A case action sent as one body, `{ type, params }`, discriminated by `type`. */
export const CaseActionBodySchema = Type.Unsafe<CaseActionBody>(
  Type.Union(
    CASE_ACTION_TYPES.map((type) =>
      Type.Object(
        { type: Type.Literal(type), params: ACTION_BODY_SCHEMAS[type] },
        { additionalProperties: false },
      ),
    ),
    { title: 'CaseActionBody' },
  ),
);
