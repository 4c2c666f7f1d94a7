import type { Calendar } from '@xinfang/shared/clocks';
import { type FigureFact, figureFactsOf } from '@xinfang/shared/figures';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { loadPetition, loadPetitions } from '../petitions/petition.repository';
import {
  figureRowOf,
  isRepeat,
  latestPetitions,
  type PetitionFigureRow,
  type RollupDelta,
  type RollupDimensions,
  replaceFacts,
  rollupDimensions,
  rollupKey,
  storedFacts,
  suggestionsOf,
} from './figure.repository';

type Trx = Transaction<DB>;

/** What the figures read of a lifecycle change: the petition as it now stands, and its row's facts. */
export interface CountableChange {
  /** Null when the petition is new. */
  before: Petition | null;
  after: Petition;
  facts: PetitionFigureRow;
}

export type FiguresEffect = (trx: Trx, change: CountableChange) => Promise<void>;

/**
 * The figures effect of the one write path: inside the transaction of every lifecycle change it
 * brings the petition's stored counts (`figure_fact`) to what its events now say
 * (`figureFactsOf`), and moves the rollups by the difference. It compares with what is stored,
 * not with the change's `before`, so it is also what a repeat link's change and a suggestion to
 * improve work call (`countPetition`), and running it twice changes nothing.
 */
export function createFiguresEffect(deps: { calendar: Calendar }): FiguresEffect {
  return (trx, change) =>
    countPetition(trx, change.after, deps.calendar, { row: change.facts, isNew: change.before === null });
}

/** What the caller already knows of the petition, so that it is not read back. */
export interface KnownFigureRow {
  row: PetitionFigureRow;
  /** Written in this very change: nothing links to it, refers to it or counts it yet. */
  isNew: boolean;
}

/** `countPetition` for a petition named by id (after a change beside its lifecycle: a suggestion). */
export async function countPetitionById(trx: Trx, petitionId: string, calendar: Calendar): Promise<void> {
  if (dialectOf(trx) === 'mysql') {
    for (const { petition, known } of await petitionsToCount(trx, [petitionId]))
      await countPetition(trx, petition, calendar, known);
    return;
  }
  const loaded = await loadPetition(trx, petitionId);
  if (loaded) await countPetition(trx, loaded.petition, calendar);
}

/**
 * Petitions to count again beside a change of their lifecycle (a repeat linked to them), as last
 * committed whatever the transaction read before: on MySQL locked and read with locking reads
 * (`latestPetitions`), since a snapshot may predate a change the count would otherwise erase.
 */
export async function petitionsToCount(
  trx: Trx,
  ids: readonly string[],
): Promise<{ petition: Petition; known?: KnownFigureRow }[]> {
  if (dialectOf(trx) !== 'mysql') return loadPetitions(trx, ids);
  return (await latestPetitions(trx, ids)).map(({ petition, row }) => ({
    petition,
    known: { row, isNew: false },
  }));
}

/**
 * Brings one petition's stored facts and the rollups to what `petition` and its links and
 * suggestions say. On MySQL the caller holds the petition's row (the write path's update, or
 * `lockPetitions` first): links, suggestions and stored facts are read locked, as last committed.
 */
export async function countPetition(
  trx: Trx,
  petition: Petition,
  calendar: Calendar,
  known?: KnownFigureRow,
): Promise<void> {
  const row = known?.row ?? (await figureRowOf(trx, petition.id));
  if (!row) return;
  // A new petition's links (a detected repeat) and suggestions come in later changes, which
  // count it again: until then it has none, and no stored facts.
  const isNew = known?.isNew === true;
  const repeat = isNew ? false : await isRepeat(trx, petition.id, row.receivedAt);
  const suggestions = isNew ? [] : await suggestionsOf(trx, petition.id);
  const desired = figureFactsOf(petition, { repeat, suggestions }, calendar);
  const stored = isNew ? [] : await storedFacts(trx, petition.id);
  // A fact is a metric on a day (a stage's answers may be counted on several).
  const key = (f: FigureFact) => `${f.metric}\u0000${f.day}`;
  const same = (a: FigureFact, b: FigureFact | undefined) =>
    b !== undefined && a.unitId === b.unitId && a.value === b.value;
  const storedBy = new Map(stored.map((f) => [key(f), f]));
  const desiredBy = new Map(desired.map((f) => [key(f), f]));
  const removed = stored.filter((f) => !same(f, desiredBy.get(key(f))));
  const added = desired.filter((f) => !same(f, storedBy.get(key(f))));
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
