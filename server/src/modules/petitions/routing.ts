import type { PetitionKind, UnitRef } from '@xinfang/shared/lifecycle';

/**
 * Which petition office receives an online submission. Requests and suggestions go to the office
 * of the company or mine the concerned unit belongs to (the level closest to the matter that runs a
 * petition office, Art 22). Accusations go to the top of the organisation, so that the accused unit
 * and its superiors on the spot never receive the accuser's materials (Art 30); from there the
 * office forwards them to the discipline organ or assigns them elsewhere. A petitioner who does not
 * know the unit leaves it to the office at the top (`root`), which names it while triaging.
 */
export function receivingUnitFor(kind: PetitionKind, concerned: UnitRef | null, root: UnitRef): UnitRef {
  if (concerned === null) return root;
  const depth = kind === 'accusation' ? 1 : Math.min(2, concerned.path.length);
  return { id: concerned.path[depth - 1] as string, path: concerned.path.slice(0, depth) };
}
