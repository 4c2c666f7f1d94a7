import type { Calendar } from '@xinfang/shared/clocks';
import { awaitsApproval } from './inbox-queues';
import { type TallyFacts, tallyDelta } from './inbox-tally';
import { applyTallies } from './inbox-tally.repository';
import { type ChangeEffect, createWritePath, type PetitionChange, type WritePath } from './write-path';

/**
 * The write path as the server runs it: the effects every lifecycle change has, in order. A later
 * effect (notifications through an outbox, the figures' rollups) is one more entry here.
 */
export function createPetitionWriter(deps: { calendar: Calendar }): WritePath {
  return createWritePath({ calendar: deps.calendar, effects: [countInInboxes] });
}

/** Keeps the inbox tallies (inbox-tally.ts) in step with the change, in its transaction. */
export const countInInboxes: ChangeEffect = (trx, change) => applyTallies(trx, inboxDelta(change));

export function inboxDelta(change: PetitionChange) {
  const before: TallyFacts | null = change.before && {
    state: change.before.state,
    awaitingApproval: awaitsApproval(change.before),
    nextDueAt: change.due.before as string,
    visible: change.visible.before,
  };
  return tallyDelta(before, {
    state: change.after.state,
    awaitingApproval: awaitsApproval(change.after),
    nextDueAt: change.due.after,
    visible: change.visible.after,
  });
}
