import type { Calendar } from '@xinfang/shared/clocks';
import { aftercareEffect } from '../aftercare/aftercare.effect';
import { coHandlingEffect } from '../co-handling/co-handling.effect';
import { createDocumentEffect } from '../documents/document-effects';
import { createFiguresEffect } from '../figures/figures.effect';
import { indexNewPetition } from '../ledger/search-index.effect';
import type { NotificationsEffect } from '../notifications/effect';
import { ownershipEffect } from '../registers/ownership.effect';
import { supervisionEffect } from '../supervision/supervision.effect';
import { awaitsApproval } from './inbox-queues';
import { type TallyFacts, tallyDelta } from './inbox-tally';
import { applyTallies } from './inbox-tally.repository';
import { type ChangeEffect, createWritePath, type PetitionChange, type WritePath } from './write-path';

/**
 * The write path as the server runs it: the effects every lifecycle change has, in order — the
 * written notices it calls for (numbered, and the deliveries recorded), then what people are told
 * (the outbox), then the inbox tallies, the figures' rollups, the ledger's search terms and the
 * supervisor's list of notices, the leaders' 包案 lists, and the assisting units' lists of parts
 * (Art 24).
 */
export function createPetitionWriter(deps: { calendar: Calendar; notify: NotificationsEffect }): WritePath {
  return createWritePath({
    calendar: deps.calendar,
    effects: [
      createDocumentEffect({ calendar: deps.calendar }),
      deps.notify,
      countInInboxes,
      createFiguresEffect({ calendar: deps.calendar }),
      indexNewPetition,
      supervisionEffect,
      aftercareEffect,
      ownershipEffect,
      coHandlingEffect,
    ],
  });
}

/** Keeps the inbox tallies (inbox-tally.ts) in step with the change, in its transaction. */
export const countInInboxes: ChangeEffect = (trx, change) => applyTallies(trx, inboxDelta(change));

export function inboxDelta(change: PetitionChange) {
  const before: TallyFacts | null = change.before && {
    state: change.before.state,
    awaitingApproval: awaitsApproval(change.before),
    nextDueAt: change.due.before as string,
    handlerId: change.before.handlerId ?? null,
    visible: change.visible.before,
  };
  return tallyDelta(before, {
    state: change.after.state,
    awaitingApproval: awaitsApproval(change.after),
    nextDueAt: change.due.after,
    handlerId: change.after.handlerId,
    visible: change.visible.after,
  });
}
