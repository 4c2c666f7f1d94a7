import {
  type Calendar,
  countRunning,
  createCalendar,
  defaultCalendar,
  liveCalendar,
  type OpenClock,
} from '@xinfang/shared/clocks';
import { describe, expect, it } from 'vitest';
import { countedRunningClocks } from './running-clocks';

const NOW = '2026-12-03T02:00:00.000Z';
const LATER = '2027-01-20T02:00:00.000Z';

function kept(clock: Partial<OpenClock>): string {
  const open: OpenClock = {
    name: 'handling',
    stage: 'first',
    ref: null,
    start: '2026-11-02T03:00:00.000Z',
    setDate: null,
    extraDays: 0,
    paused: [],
    finishedAt: null,
    finishedBy: null,
    ...clock,
  };
  return JSON.stringify([open]);
}

describe("a listed petition's running clocks", () => {
  it('are counted once per JSON and calendar, whatever the instant', () => {
    const json = kept({});
    const first = countedRunningClocks(json, defaultCalendar, NOW);
    expect(first).toEqual(countRunning(JSON.parse(json), defaultCalendar, NOW));
    expect(first).toHaveLength(1);
    expect(countedRunningClocks(json, defaultCalendar, LATER)).toBe(first);
    // The same clocks read from another row are the same text: counted already.
    expect(countedRunningClocks(JSON.stringify(JSON.parse(json)), defaultCalendar, NOW)).toBe(first);
  });

  it('are counted again once a new calendar is in use, behind the same object (an upload)', () => {
    const json = kept({ start: '2026-12-24T03:00:00.000Z' });
    let current: Calendar = defaultCalendar;
    const live = liveCalendar(() => current);
    const before = countedRunningClocks(json, live, NOW);
    expect(countedRunningClocks(json, live, NOW)).toBe(before);
    // A corrected 2027 with a week's holiday more at the end of February: the due date moves.
    current = createCalendar([
      {
        year: 2027,
        holidays: [{ name: '补充假期', from: '2027-02-22', to: '2027-02-26' }],
        makeUpWorkdays: [],
      },
    ]);
    const after = countedRunningClocks(json, live, NOW);
    expect(after).toEqual(countRunning(JSON.parse(json), current, NOW));
    expect(String(after[0]?.dueDate) > String(before[0]?.dueDate)).toBe(true);
  });

  it('are counted afresh while a hearing pauses one, as its due date moves with the day (Art 36)', () => {
    const json = kept({
      name: 're_examination_answer',
      stage: 're_examination',
      paused: [{ from: '2026-11-20T02:00:00.000Z', to: null }],
    });
    const today = countedRunningClocks(json, defaultCalendar, NOW);
    const later = countedRunningClocks(json, defaultCalendar, LATER);
    expect(later).not.toBe(today);
    expect(String(later[0]?.dueDate) > String(today[0]?.dueDate)).toBe(true);
  });

  it('are kept for 2,000 petitions at most, the oldest going first', () => {
    const jsons = Array.from({ length: 2001 }, (_, i) => kept({ extraDays: 100 + i }));
    const oldest = countedRunningClocks(jsons[0] as string, defaultCalendar, NOW);
    const second = countedRunningClocks(jsons[1] as string, defaultCalendar, NOW);
    for (const json of jsons.slice(2)) countedRunningClocks(json, defaultCalendar, NOW);
    expect(countedRunningClocks(jsons[1] as string, defaultCalendar, NOW)).toBe(second);
    expect(countedRunningClocks(jsons[0] as string, defaultCalendar, NOW)).not.toBe(oldest);
  });

  it('leave out the finished ones', () => {
    expect(countedRunningClocks(kept({ finishedAt: NOW, finishedBy: 'x' }), defaultCalendar, NOW)).toEqual(
      [],
    );
  });
});
