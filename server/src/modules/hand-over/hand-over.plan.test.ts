import { defaultCalendar } from '@xinfang/shared/clocks';
import { type Actor, RULE_IDS, RULES, refuse } from '@xinfang/shared/lifecycle';
import { POOL, start, step, walk } from '@xinfang/shared/testing/walks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseRefusals, handOverRefusal, planVersion } from './hand-over.plan';

const STAFF = POOL.filter((a): a is Actor => a.unit !== null && !a.roles.includes('petitioner'));

describe('一键移交 as the lifecycle sees it', () => {
  it('refuses a case exactly as its own change of 承办人 would be, whatever the other cases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(start, fc.array(step, { maxLength: 8 })), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...STAFF),
        fc.constantFrom(...POOL.map((a) => a.id)),
        (walks, head, successorId) => {
          const cases = walks.map(([s, steps], i) => {
            const last = walk(s, steps).at(-1);
            return { number: `XF2026-00000${i}`, petition: last?.petition, now: last?.now };
          });
          const at = cases
            .map((c) => c.now ?? '')
            .sort()
            .at(-1) as string;
          const held = cases.flatMap(({ number, petition }) => (petition ? [{ number, petition }] : []));
          const change = { successorId, reason: '调岗' };
          const all = caseRefusals(held, change, head, at, defaultCalendar);
          const alone = held.flatMap((c) => caseRefusals([c], change, head, at, defaultCalendar));
          expect(all).toEqual(alone);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('names every refused case once, under its rule, with the first rule and article for clients', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 999_999 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...RULE_IDS), { minLength: 6, maxLength: 6 }),
        (serials, rules) => {
          const refused = serials.map((n, i) => ({
            number: `XF2026-${String(n).padStart(6, '0')}`,
            refusal: refuse(rules[i] ?? 'state.not_allowed', { param: 'staffId' }),
          }));
          const whole = handOverRefusal(refused);
          const first = refused[0]?.refusal;
          expect([whole.rule, whole.article, whole.param]).toEqual([
            first?.rule,
            first?.article,
            'successorId',
          ]);
          expect(whole.message).toMatch(
            new RegExp(`^${refused.length} 件信访事项不能交给所选人员承办，全部未移交`),
          );
          for (const { number, refusal } of refused) {
            expect(whole.message.split(number)).toHaveLength(2);
            expect(whole.message).toContain(RULES[refusal.rule].zh);
          }
        },
      ),
    );
  });

  it('is never asked to refuse nothing', () => {
    expect(() => handOverRefusal([])).toThrow(RangeError);
  });

  it('binds to the cases read: order aside, any case added or changed since gives another plan', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), version: fc.nat(9) }), {
          selector: (c) => c.id,
          maxLength: 5,
        }),
        fc.nat(),
        (cases, pick) => {
          const version = planVersion(cases);
          expect(planVersion([...cases].reverse())).toBe(version);
          expect(planVersion([...cases, { id: '+', version: 1 }])).not.toBe(version);
          const i = pick % Math.max(cases.length, 1);
          const bumped = cases.map((c, j) => (j === i ? { ...c, version: c.version + 1 } : c));
          if (cases.length > 0) expect(planVersion(bumped)).not.toBe(version);
        },
      ),
    );
  });
});
