import type { Calendar } from '@xinfang/shared/clocks';
import type { UnitRef } from '@xinfang/shared/lifecycle';
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
import { applyTallies, currentUnitPaths } from './inbox-tally.repository';
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

/**
 * Keeps the inbox tallies (inbox-tally.ts) in step with the change, in its transaction. A change
 * that moves no count costs nothing more. One that does counts under the ancestors of the units
 * as they are now: the paths the change was built with may be older than a unit's move (read
 * before the transaction, or in a MySQL snapshot), and the move recounts every tally. Reading the
 * units locks them on MySQL (FOR UPDATE: TiDB has no shared row locks), and the move locks every
 * unit first, so the two wait for each other. Writers sharing a unit wait little longer than
 * before: their deltas already lock the same ancestors' tally rows until the commit.
 */
export const countInInboxes: ChangeEffect = async (trx, change) => {
  const { before, after } = change.visible;
  const ids = [...new Set([...before, ...after].map((u) => u.id))];
  const sameUnits = before.map((u) => u.id).join() === after.map((u) => u.id).join();
  if (sameUnits && inboxDelta(change).length === 0) return;
  await applyTallies(trx, inboxDelta(change, await currentUnitPaths(trx, ids)));
};

/** The change's tally delta, with the units' paths as given (`paths`) or as the change has them. */
export function inboxDelta(change: PetitionChange, paths?: ReadonlyMap<string, string[]>) {
  const now = (units: readonly UnitRef[]) =>
    paths ? units.map((u) => ({ id: u.id, path: paths.get(u.id) ?? u.path })) : units;
  const before: TallyFacts | null = change.before && {
    state: change.before.state,
    awaitingApproval: awaitsApproval(change.before),
    nextDueAt: change.due.before as string,
    handlerId: change.before.handlerId ?? null,
    visible: now(change.visible.before),
  };
  return tallyDelta(before, {
    state: change.after.state,
    awaitingApproval: awaitsApproval(change.after),
    nextDueAt: change.due.after,
    handlerId: change.after.handlerId,
    visible: now(change.visible.after),
  });
}
