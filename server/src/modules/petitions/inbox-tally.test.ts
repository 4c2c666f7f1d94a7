import { describe, expect, it } from 'vitest';
import { sumTallies, tallyDelta, tallyKeys } from './inbox-tally';
import { NO_DUE } from './next-due';

const group = { id: 'G', path: ['G'] };
const mine = { id: 'M', path: ['G', 'M'] };
const section = { id: 'S', path: ['G', 'M', 'S'] };
const DUE = '2026-03-17T15:59:59.999Z';

describe('inbox tallies', () => {
  it('count a petition once in every subtree that sees it, however many of its units lie there', () => {
    const keys = tallyKeys({
      state: 'registered',
      awaitingApproval: false,
      nextDueAt: DUE,
      visible: [mine, section],
      handlerId: null,
    });
    const all = keys.filter((k) => k.queue === 'all').map((k) => k.unit_id);
    expect(all.sort()).toEqual(['G', 'M', 'S']);
    expect(keys.filter((k) => k.queue === 'triage')).toHaveLength(3);
    expect(keys.filter((k) => k.queue === 'due').every((k) => k.due_at === DUE)).toBe(true);
  });

  it('count no due date when no deadline runs', () => {
    const keys = tallyKeys({
      state: 'concluded',
      awaitingApproval: false,
      nextDueAt: NO_DUE,
      visible: [group],
      handlerId: 'H',
    });
    expect(keys).toEqual([{ unit_id: 'G', queue: 'all', due_at: '', n: 1 }]);
  });

  it('move a petition between queues as one row out and one row in per unit', () => {
    const before = {
      state: 'handling',
      awaitingApproval: false,
      nextDueAt: DUE,
      visible: [mine],
      handlerId: null,
    };
    const after = { ...before, state: 'reply_drafted', awaitingApproval: true };
    expect(tallyDelta(before, after)).toEqual([
      { unit_id: 'G', queue: 'approval', due_at: '', n: 1 },
      { unit_id: 'M', queue: 'approval', due_at: '', n: 1 },
    ]);
    expect(tallyDelta(before, before)).toEqual([]);
  });

  it('sum to nothing over a petition’s whole life', () => {
    const start = {
      state: 'registered',
      awaitingApproval: false,
      nextDueAt: DUE,
      visible: [mine],
      handlerId: null,
    };
    const middle = {
      state: 'handling',
      awaitingApproval: false,
      nextDueAt: '2026-05-01T15:59:59.999Z',
      visible: [mine, section],
      handlerId: 'H',
    };
    const end = { ...middle, state: 'concluded', nextDueAt: NO_DUE };
    const rows = [...tallyDelta(null, start), ...tallyDelta(start, middle), ...tallyDelta(middle, end)];
    expect(sumTallies(rows)).toEqual(sumTallies(tallyKeys(end)));
  });

  it('count an open case once in its 承办人’s own queue, and not once it is closed (Art 24)', () => {
    const open = {
      state: 'handling',
      awaitingApproval: false,
      nextDueAt: DUE,
      visible: [section],
      handlerId: 'H',
    };
    expect(tallyKeys(open).filter((k) => k.queue === 'mine')).toEqual([
      { unit_id: 'H', queue: 'mine', due_at: '', n: 1 },
    ]);
    expect(tallyDelta(open, { ...open, handlerId: 'K' }).filter((k) => k.queue === 'mine')).toEqual([
      { unit_id: 'H', queue: 'mine', due_at: '', n: -1 },
      { unit_id: 'K', queue: 'mine', due_at: '', n: 1 },
    ]);
    expect(tallyKeys({ ...open, state: 'concluded' }).some((k) => k.queue === 'mine')).toBe(false);
  });
});
