import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, ACTION_TYPES, type ActionType, type ParamSpec } from '../lifecycle/action-specs';
import { checkParams } from '../lifecycle/params';
import { ACTION_BODY_SCHEMAS, CaseActionBodySchema } from './actions';

/** Values around each parameter's limits, valid and not. */
function arbitraryFor(spec: ParamSpec): fc.Arbitrary<unknown> {
  const chars = fc.constantFrom('a', '长', ' ', '\n');
  switch (spec.kind) {
    case 'text':
    case 'long_text':
      return fc.oneof(
        fc.string({ unit: chars, maxLength: 8 }),
        fc.integer({ min: spec.maxLength - 2, max: spec.maxLength + 2 }).map((n) => '长'.repeat(n)),
      );
    case 'staff':
    case 'unit':
      return fc.constantFrom('section1', '', ' ', 'x'.repeat(65));
    case 'date':
      return fc.constantFrom('2026-10-08', '2026-1-8', 'tomorrow', '2026-02-30', '2028-02-29');
    case 'instant':
      return fc.constantFrom(
        '2026-10-01T02:00:00.000Z',
        '2026-10-01T02:00:00Z',
        '2026-10-01 02:00',
        '2026-10-01T10:00:00+08:00',
        '2026-12-31T23:59:60Z',
        '2026-10-01T24:00:00Z',
      );
    case 'enum':
      return fc.constantFrom(...spec.options, 'bogus');
    case 'integer':
      return fc.oneof(fc.integer({ min: spec.min - 2, max: spec.max + 2 }), fc.constant(1.5));
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constant('true'));
    case 'list':
      return fc.array(fc.constantFrom('甲', '', ' ', '长'.repeat(spec.itemMaxLength + 1)), {
        maxLength: spec.maxItems + 2,
      });
  }
}

function bodyOf(type: ActionType): fc.Arbitrary<Record<string, unknown>> {
  const specs = ACTION_SPECS[type].params as readonly ParamSpec[];
  const model = Object.fromEntries(specs.map((spec) => [spec.name, arbitraryFor(spec)]));
  return fc.record(model, { requiredKeys: [] });
}

/** What the server does before `decide`: a known unit id becomes a ref; an unknown one cannot. */
function resolved(type: ActionType, body: Record<string, unknown>): Record<string, unknown> {
  const units = (ACTION_SPECS[type].params as readonly ParamSpec[]).filter((s) => s.kind === 'unit');
  const out = { ...body };
  for (const { name } of units) {
    const id = body[name];
    if (id === 'section1') out[name] = { id, path: ['group', 'mine1', id] };
  }
  return out;
}

describe('action body schemas', () => {
  it('accept a body exactly when the lifecycle accepts its parameters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTION_TYPES).chain((type) => fc.tuple(fc.constant(type), bodyOf(type))),
        ([type, body]) => {
          const schemaOk = Value.Check(ACTION_BODY_SCHEMAS[type], body);
          const lifecycleOk = checkParams(type, resolved(type, body)) === null;
          expect(schemaOk, `${type} ${JSON.stringify(body).slice(0, 200)}`).toBe(lifecycleOk);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuse unknown properties and check the discriminated union', () => {
    expect(Value.Check(ACTION_BODY_SCHEMAS.accept, { extra: 1 })).toBe(false);
    expect(
      Value.Check(CaseActionBodySchema, { type: 'request_extension', params: { days: 30, reason: '复杂' } }),
    ).toBe(true);
    expect(
      Value.Check(CaseActionBodySchema, { type: 'request_extension', params: { days: 31, reason: '复杂' } }),
    ).toBe(false);
    expect(Value.Check(CaseActionBodySchema, { type: 'register', params: {} })).toBe(false);
  });

  it('cap titles at 100 characters, content at 5000 and reasons at 2000', () => {
    const register = ACTION_BODY_SCHEMAS.register;
    const body = {
      kind: 'request',
      channel: 'online',
      concernedUnit: 'section1',
      categoryId: 'wages',
      title: '标题',
      content: '内容',
    };
    expect(Value.Check(register, body)).toBe(true);
    expect(Value.Check(register, { ...body, title: '长'.repeat(101) })).toBe(false);
    expect(Value.Check(register, { ...body, content: '长'.repeat(5001) })).toBe(false);
    expect(Value.Check(ACTION_BODY_SCHEMAS.object, { reasons: '长'.repeat(2001) })).toBe(false);
  });
});
