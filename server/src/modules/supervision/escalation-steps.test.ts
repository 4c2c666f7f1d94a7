import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNewStep, stepKey } from './escalation.repository';

const day = fc
  .integer({ min: 0, max: 800 })
  .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

describe('which escalation steps are news', () => {
  it('a step never recorded is; a red one recorded never again; a yellow again only for a later date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.option(day, { nil: undefined }),
        day,
        (level, was, now) => {
          const step = { clockKey: 'handling::2026-03-02', level, dueDate: now };
          const recorded = new Map(was === undefined ? [] : [[stepKey('P1', step.clockKey, level), was]]);
          const news = isNewStep(recorded, 'P1', step);
          if (was === undefined) expect(news).toBe(true);
          else if (level > 0) expect(news).toBe(false);
          else expect(news).toBe(was < now);
          // Another petition's, or another clock run's, record says nothing of this one.
          expect(isNewStep(recorded, 'P2', step)).toBe(true);
          expect(isNewStep(recorded, 'P1', { ...step, clockKey: 'handling::2026-04-01' })).toBe(true);
        },
      ),
    );
  });
});
