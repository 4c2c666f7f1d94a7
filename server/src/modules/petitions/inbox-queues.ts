import {
  HANDLING_STATES,
  OPEN_STATES,
  type Petition,
  type PetitionState,
  rehandlingPending,
  TRIAGE_STATES,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import { NO_DUE } from './next-due';

/**
 * The queues of a staff inbox, defined once for the lists (as SQL conditions) and for the
 * maintained counts (as a petition's memberships): awaiting triage (Art 22), being handled,
 * awaiting the unit head's approval, overdue — every petition whose nearest deadline has passed —
 * and `mine`, the open cases the staff member answers for as 承办人 (Art 24). `all` is every
 * petition the subtree sees.
 */
export const INBOX_QUEUES = ['triage', 'handling', 'approval', 'overdue', 'mine'] as const;
export type InboxQueue = (typeof INBOX_QUEUES)[number];

export const QUEUE_STATES = {
  triage: TRIAGE_STATES,
  handling: ['assigned', ...HANDLING_STATES],
} as const satisfies Record<string, readonly PetitionState[]>;

/**
 * A decision letter, an extension, or the decision whether to handle a case again after an
 * unsatisfied rating that cannot be appealed waits for the unit head (the approvals queue).
 */
export function awaitsApproval(petition: Petition): boolean {
  return (
    petition.state === 'reply_drafted' ||
    petition.extension.status === 'requested' ||
    rehandlingPending(petition)
  );
}

/** What decides a petition's place in the queues, as stored in its row. */
export interface QueueFacts {
  state: string;
  awaitingApproval: boolean;
  /**
   * The nearest running deadline not paused for its hearing (next-due.ts), or NO_DUE. Overdue is a
   * matter of time: see `inbox-tally.ts`.
   */
  nextDueAt: string;
}

/** The queues a petition is in, whatever the time (overdue is counted by due date instead). */
export function standingQueues(facts: QueueFacts): ('triage' | 'handling' | 'approval')[] {
  const queues: ('triage' | 'handling' | 'approval')[] = [];
  const state = facts.state as PetitionState;
  if ((QUEUE_STATES.triage as readonly PetitionState[]).includes(state)) queues.push('triage');
  if ((QUEUE_STATES.handling as readonly PetitionState[]).includes(state)) queues.push('handling');
  if (facts.awaitingApproval) queues.push('approval');
  return queues;
}

/** The staff member whose `mine` queue holds the petition, or null. */
export function mineOf(facts: { state: string; handlerId: string | null }): string | null {
  return facts.handlerId !== null && (OPEN_STATES as readonly string[]).includes(facts.state)
    ? facts.handlerId
    : null;
}

export function isOverdue(facts: QueueFacts, now: string): boolean {
  return facts.nextDueAt !== NO_DUE && facts.nextDueAt < now;
}

/**
 * The units whose subtrees may see a petition. Art 30: an accusation is kept from the accused unit.
 */
export function visibleUnits(petition: Petition): UnitRef[] {
  const { receiving, concerned, handling, answering, reviewing, reExamining } = petition.units;
  const units = [receiving, handling, answering, reviewing, reExamining];
  if (petition.kind !== 'accusation') units.push(concerned);
  const seen = new Map<string, UnitRef>();
  for (const unit of units) if (unit && !seen.has(unit.id)) seen.set(unit.id, unit);
  return [...seen.values()];
}
