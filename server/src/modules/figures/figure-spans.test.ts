import { addDays, daysBetween } from '@xinfang/shared/clocks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spansOf } from './figure-spans';

const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));

/** Every day the spans cover, a month's days included. */
function covered(spans: ReturnType<typeof spansOf>): string[] {
  const out: string[] = [];
  for (const span of spans.days) for (let d = span.from; d <= span.to; d = addDays(d, 1)) out.push(d);
  if (spans.months) {
    const to = addDays(`${spans.months.to}-28`, 4).slice(0, 7);
    for (let d = `${spans.months.from}-01`; d.slice(0, 7) !== to; d = addDays(d, 1)) out.push(d);
  }
  return out.sort();
}

describe('a period as the rollups read it', () => {
  it('covers every day of the period once, months whole, and nothing else', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const period = a <= b ? { from: a, to: b } : { from: b, to: a };
        const days = covered(spansOf(period));
        expect(days.length).toBe(daysBetween(period.from, period.to) + 1);
        expect(new Set(days).size).toBe(days.length);
        expect(days[0]).toBe(period.from);
        expect(days.at(-1)).toBe(period.to);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a month, a quarter and a year from months alone', () => {
    expect(spansOf({ from: '2026-02-01', to: '2026-02-28' })).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      days: [],
    });
    expect(spansOf({ from: '2026-01-01', to: '2026-12-31' }).days).toEqual([]);
    expect(spansOf({ from: '2026-01-15', to: '2026-03-10' })).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-03-01', to: '2026-03-10' },
      ],
    });
    expect(spansOf({ from: '2026-01-15', to: '2026-01-20' })).toEqual({
      months: null,
      days: [{ from: '2026-01-15', to: '2026-01-20' }],
    });
  });
});
