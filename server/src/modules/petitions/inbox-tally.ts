import type { UnitRef } from '@xinfang/shared/lifecycle';
import { mineOf, type QueueFacts, standingQueues } from './inbox-queues';
import { NO_DUE } from './next-due';

/**
 * Inbox counts kept as tallies, so that counting an inbox costs the same at a million petitions as
 * at a thousand. A petition counts once in the tally of every unit whose subtree sees it — each
 * ancestor-or-self of its visible units, however many of them lie in one subtree — under `all`,
 * under each standing queue it is in, and under `due` at its nearest deadline. Overdue is then a
 * sum: the `due` tallies before now. The write path applies the difference a change makes in the
 * same transaction; the rows are summed by key, so a petition moving between queues is two rows.
 * A person's own queue (`mine`, Art 24) is one more tally, kept under the 承办人's staff id.
 */
export type TallyQueue = 'all' | 'triage' | 'handling' | 'approval' | 'due' | 'mine';

export interface TallyRow {
  /** The unit whose inbox counts the petition; for `mine`, the staff member's id. */
  unit_id: string;
  queue: TallyQueue;
  /** The due instant for `due`, '' for the other queues. */
  due_at: string;
  n: number;
}

export interface TallyFacts extends QueueFacts {
  visible: readonly UnitRef[];
  /** The 承办人, whose own queue (`mine`) holds the case while it is open. */
  handlerId: string | null;
}

/** The tallies one petition adds one to. */
export function tallyKeys(facts: TallyFacts): TallyRow[] {
  const units = new Set<string>();
  for (const unit of facts.visible) for (const id of unit.path) units.add(id);
  const queues = standingQueues(facts);
  const rows: TallyRow[] = [];
  for (const unit_id of units) {
    rows.push({ unit_id, queue: 'all', due_at: '', n: 1 });
    for (const queue of queues) rows.push({ unit_id, queue, due_at: '', n: 1 });
    if (facts.nextDueAt !== NO_DUE) rows.push({ unit_id, queue: 'due', due_at: facts.nextDueAt, n: 1 });
  }
  const mine = mineOf(facts);
  if (mine !== null) rows.push({ unit_id: mine, queue: 'mine', due_at: '', n: 1 });
  return rows;
}

/** What a change does to the tallies: the petition's keys after, minus its keys before. */
export function tallyDelta(before: TallyFacts | null, after: TallyFacts | null): TallyRow[] {
  const sums = new Map<string, TallyRow>();
  const add = (rows: TallyRow[], sign: 1 | -1) => {
    for (const row of rows) {
      const key = tallyKey(row);
      const sum = sums.get(key);
      if (sum) sum.n += sign * row.n;
      else sums.set(key, { ...row, n: sign * row.n });
    }
  };
  if (before) add(tallyKeys(before), -1);
  if (after) add(tallyKeys(after), 1);
  return sortTallies([...sums.values()].filter((row) => row.n !== 0));
}

/** Rows summed by key: many petitions' deltas as one batch (the bench's seeder). */
export function sumTallies(rows: Iterable<TallyRow>): TallyRow[] {
  const sums = new Map<string, TallyRow>();
  for (const row of rows) {
    const key = tallyKey(row);
    const sum = sums.get(key);
    if (sum) sum.n += row.n;
    else sums.set(key, { ...row });
  }
  return sortTallies([...sums.values()].filter((row) => row.n !== 0));
}

/**
 * In key order: concurrent transactions then lock the tally rows they share in the same order
 * (MySQL), and never wait on each other in a circle.
 */
function sortTallies(rows: TallyRow[]): TallyRow[] {
  return rows.sort((a, b) => compare(tallyKey(a), tallyKey(b)));
}

function tallyKey(row: TallyRow): string {
  return `${row.unit_id}\u0000${row.queue}\u0000${row.due_at}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The counts of one inbox from its unit's tallies (and what to take off for recusals). */
export interface InboxCounts {
  all: number;
  triage: number;
  handling: number;
  approval: number;
  overdue: number;
  /** The cases the staff member answers for (Art 24). */
  mine: number;
}
