import type { Calendar } from '@xinfang/shared/clocks';
import { type FigureFact, figureFactsOf } from '@xinfang/shared/figures';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import {
  figureRowOf,
  isRepeat,
  type RollupDelta,
  type RollupDimensions,
  replaceFacts,
  rollupDimensions,
  rollupKey,
  storedFacts,
} from './figure.repository';

type Trx = Transaction<DB>;

/** What the figures read of a lifecycle change: the petition as it now stands. */
export interface CountableChange {
  after: Petition;
}

export type FiguresEffect = (trx: Trx, change: CountableChange) => Promise<void>;

/**
 * The figures effect of the one write path: inside the transaction of every lifecycle change it
 * brings the petition's stored counts (`figure_fact`) to what its events now say
 * (`figureFactsOf`), and moves the rollups by the difference. It compares with what is stored,
 * not with the change's `before`, so it is also what a repeat link's change calls
 * (`countPetition`), and running it twice changes nothing.
 */
export function createFiguresEffect(deps: { calendar: Calendar }): FiguresEffect {
  return (trx, change) => countPetition(trx, change.after, deps.calendar);
}

export async function countPetition(trx: Trx, petition: Petition, calendar: Calendar): Promise<void> {
  const row = await figureRowOf(trx, petition.id);
  if (!row) return;
  const repeat = await isRepeat(trx, petition.id, row.receivedAt);
  const desired = figureFactsOf(petition, { repeat }, calendar);
  const stored = await storedFacts(trx, petition.id);
  const same = (a: FigureFact, b: FigureFact | undefined) =>
    b !== undefined && a.day === b.day && a.unitId === b.unitId && a.value === b.value;
  const storedBy = new Map(stored.map((f) => [f.metric, f]));
  const desiredBy = new Map(desired.map((f) => [f.metric, f]));
  const removed = stored.filter((f) => !same(f, desiredBy.get(f.metric)));
  const added = desired.filter((f) => !same(f, storedBy.get(f.metric)));
  if (removed.length === 0 && added.length === 0) return;
  await replaceFacts(trx, petition.id, removed, added, rollupDeltas(row, removed, added));
}

/** The daily rollup changes of replacing `removed` facts with `added` ones, netted per key. */
export function rollupDeltas(
  dimensions: RollupDimensions,
  removed: readonly FigureFact[],
  added: readonly FigureFact[],
): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  const move = (fact: FigureFact, sign: 1 | -1) => {
    const key = {
      ...rollupDimensions(fact.metric, dimensions),
      metric: fact.metric,
      day: fact.day,
      unitId: fact.unitId,
    };
    const id = rollupKey(key);
    const current = deltas.get(id) ?? { ...key, delta: 0 };
    deltas.set(id, { ...current, delta: current.delta + sign * fact.value });
  };
  for (const fact of removed) move(fact, -1);
  for (const fact of added) move(fact, 1);
  return [...deltas.values()].filter((d) => d.delta !== 0);
}
