import type { PetitionKind, UnitRef } from '@xinfang/shared/lifecycle';

/**
 * Which petition office receives an online submission. Requests and suggestions go to the nearest
 * unit, from the concerned unit upwards, that receives petitions (runs a petition office, Art 22;
 * administrators say which units do) — usually the company or mine the matter belongs to.
 * Accusations go to the top of the organisation, so that the accused unit and its superiors on the
 * spot never receive the accuser's materials (Art 30); from there the office forwards them to the
 * discipline organ or assigns them elsewhere. The top receives whatever no unit below it does, and
 * a petition whose unit the petitioner did not know (`root` names it while triaging).
 */
export function receivingUnitFor(
  kind: PetitionKind,
  concerned: UnitRef | null,
  receiving: ReadonlySet<string>,
  root: UnitRef,
): UnitRef {
  if (concerned === null) return root;
  const depth =
    kind === 'accusation' ? 1 : Math.max(1, concerned.path.findLastIndex((id) => receiving.has(id)) + 1);
  return { id: concerned.path[depth - 1] as string, path: concerned.path.slice(0, depth) };
}
