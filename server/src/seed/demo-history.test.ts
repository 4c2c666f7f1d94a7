import { describe, expect, it } from 'vitest';
import { historyCases } from './demo-history';
import { DEMO_STAFF } from './demo-people';

const DAY = 24 * 3600_000;
const unitOf = (username: string) => DEMO_STAFF.find((s) => s.username === username)?.unitCode;
/** Levels between two demo unit codes, the one inside the other (JA → JA-DS-AQK: 2). */
const levelsBelow = (above: string, below: string) =>
  below.startsWith(above) ? below.split('-').length - above.split('-').length : -1;

/**
 * The demo's history as the figures count it (shared/figures facts.ts): its groups came in person,
 * so 集体访 has cases through the year, and some visits skipped the mine for the group (越级访).
 */
describe('the demo history', () => {
  const cases = historyCases();
  const month = (ago: number) => new Date(Date.UTC(2026, 11, 7) - ago).toISOString().slice(0, 7);

  it('makes every group a visit of five or more, with at most five representatives (Art 20)', () => {
    const groups = cases.filter((c) => c.headcount !== undefined);
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const group of groups) {
      expect(group.registration?.channel, group.story).toBe('visit');
      expect(group.headcount).toBeGreaterThanOrEqual(5);
      const named = group.representatives ?? [];
      expect(named.length).toBeGreaterThanOrEqual(1);
      expect(named.length).toBeLessThanOrEqual(Math.min(5, group.headcount ?? 0));
      expect(new Set(named).size).toBe(named.length);
    }
    // Spread over the history, not bunched in one month.
    expect(new Set(groups.map((g) => month(g.ago))).size).toBeGreaterThanOrEqual(4);
  });

  it('has visits brought to the group about a unit two levels below it, and assigned down', () => {
    const skipping = cases.filter(
      (c) => c.registration?.channel === 'visit' && levelsBelow(unitOf(c.by) ?? '', c.concerned) > 1,
    );
    expect(skipping.length).toBeGreaterThanOrEqual(3);
    expect(skipping.some((c) => c.headcount !== undefined)).toBe(true);
    expect(skipping.some((c) => c.headcount === undefined)).toBe(true);
    for (const visit of skipping) {
      expect(unitOf(visit.by)).toBe('JA');
      expect(visit.steps[0]).toMatchObject({
        who: visit.by,
        type: 'assign',
        params: { unit: visit.concerned },
      });
    }
    expect(new Set(skipping.map((c) => month(c.ago))).size).toBeGreaterThanOrEqual(3);
  });

  it('keeps its letters, its online petitions and its length', () => {
    const channels = cases.map((c) => c.registration?.channel ?? 'online');
    expect(cases).toHaveLength(120);
    for (const channel of ['letter', 'visit', 'online']) expect(channels).toContain(channel);
    expect(cases.every((c) => c.ago >= 60 * DAY)).toBe(true);
  });
});
