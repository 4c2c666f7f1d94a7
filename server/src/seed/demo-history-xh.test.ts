import { describe, expect, it } from 'vitest';
import { LINK_THRESHOLD } from '../modules/petitions/repeats';
import { textSimilarity } from '../modules/petitions/similarity';
import type { DemoCase } from './demo-case-seeder';
import { historyCases } from './demo-history';
import { xhHistoryCases } from './demo-history-xh';

const DAY = 24 * 3600_000;
const stepOf = (c: DemoCase, type: string) => c.steps.find((s) => s.type === type);
/** Days from acceptance to the answer issued, or null while it is owed. */
const daysToAnswer = (c: DemoCase) => {
  const accepted = stepOf(c, 'accept')?.ago ?? 0;
  const issued = stepOf(c, 'issue_reply')?.ago;
  return issued === undefined ? null : (accepted - issued) / DAY;
};
/** The share of ratings that are 满意 or 基本满意. */
const satisfaction = (cases: readonly DemoCase[]) => {
  const ratings = cases.flatMap((c) => c.steps.filter((s) => s.type === 'rate').map((s) => s.params?.rating));
  return ratings.filter((r) => r !== 'unsatisfied').length / ratings.length;
};

/**
 * 西河煤矿's history against 东山煤矿's: the contrast 各单位对比 is there to show (fewer petitions,
 * worse timeliness and satisfaction, repeats, a group visit), made so that the write path accepts
 * it and nothing of the demo cases changes.
 */
describe('西河煤矿’s demo history', () => {
  const xh = xhHistoryCases();
  const ds = historyCases();

  it('has fewer petitions than 东山煤矿, over the same months, all of 西河煤矿', () => {
    expect(xh.length).toBeGreaterThanOrEqual(15);
    expect(xh.length).toBeLessThan(ds.length / 3);
    expect(xh.every((c) => c.ago >= 60 * DAY && c.concerned.startsWith('JA-XH'))).toBe(true);
    const month = (ago: number) => new Date(Date.UTC(2026, 11, 7) - ago).toISOString().slice(0, 7);
    expect(new Set(xh.map((c) => month(c.ago))).size).toBeGreaterThanOrEqual(8);
  });

  it('answers late more often than 东山煤矿, and still owes two answers past their 60 days', () => {
    const late = (cases: readonly DemoCase[]) =>
      cases.filter((c) => (daysToAnswer(c) ?? Number.POSITIVE_INFINITY) > 60).length / cases.length;
    const owed = xh.filter((c) => stepOf(c, 'accept') && daysToAnswer(c) === null);
    expect(owed).toHaveLength(2);
    for (const c of owed) expect(stepOf(c, 'accept')?.ago ?? 0).toBeGreaterThan(60 * DAY);
    expect(xh.filter((c) => (daysToAnswer(c) ?? 0) > 60).length).toBeGreaterThanOrEqual(5);
    expect(late(xh)).toBeGreaterThan(2 * late(ds));
    // Some sent on after the 15 days of Art 22.
    const triagedLate = xh.filter((c) => c.ago - (c.steps[0]?.ago ?? 0) > 15 * DAY);
    expect(triagedLate.length).toBeGreaterThanOrEqual(2);
  });

  it('is rated less often satisfied than 东山煤矿', () => {
    expect(satisfaction(xh)).toBeLessThan(0.6);
    expect(satisfaction(xh)).toBeLessThan(satisfaction(ds) - 0.2);
  });

  it('brings two people back with the same matter, named by the desk, similar enough to link', () => {
    const again = xh.filter((c) => c.registration?.again);
    expect(again).toHaveLength(2);
    for (const repeat of again) {
      const first = xh.find((c) => c.title === repeat.registration?.again);
      expect(first, repeat.title).toBeDefined();
      if (!first) continue;
      expect(first.ago).toBeGreaterThan(repeat.ago);
      expect(first.registration?.petitioner).toEqual(repeat.registration?.petitioner);
      expect(first.concerned).toBe(repeat.concerned);
      const text = (c: DemoCase) => `${c.title}\n${c.content}`;
      expect(textSimilarity(text(repeat), text(first))).toBeGreaterThanOrEqual(LINK_THRESHOLD);
      // Art 35: its review window had lapsed, so the desk registers it, not a review request.
      const delivered = first.steps.find((s) => s.type === 'record_delivery')?.ago ?? 0;
      expect(delivered - repeat.ago).toBeGreaterThan(30 * DAY);
    }
  });

  it('has one group visit, with at most five representatives (Art 20)', () => {
    const groups = xh.filter((c) => c.headcount !== undefined);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group?.registration?.channel).toBe('visit');
    expect(group?.headcount).toBeGreaterThanOrEqual(5);
    expect(group?.representatives?.length).toBeLessThanOrEqual(5);
  });

  it('leaves 李娜’s matter at 机电一队 to the demo cases, so their repeat chain stays as it is', () => {
    const online = xh.filter((c) => c.by === '13800000002');
    expect(online.length).toBeGreaterThanOrEqual(5);
    expect(online.some((c) => c.concerned === 'JA-XH-JD-1')).toBe(false);
  });
});
