import type { UnitRef } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';

/**
 * Who a red flag reaches, for a case's deadline (escalations.ts) and a screening item's
 * (screening-escalations.ts) alike. `shared` counts a red step's levels up the tree; who can act is
 * the server's to know, so each level goes to the next unit up with someone who may be told.
 */

/** A unit a red flag reaches and the people told there. */
export interface Rung {
  unit: UnitRef;
  recipients: string[];
}

/** The staff of a unit holding one of the roles who may be told (recusals and Art 30 applied). */
export type MayTell = (unitId: string, roles: readonly StaffRole[]) => string[];

const RED_FIRST: readonly StaffRole[] = ['unit_head'];
const RED_ABOVE: readonly StaffRole[] = ['unit_head', 'supervisor'];

/**
 * Where red level `level` (≥ 1) of a deadline held by `holder` goes (Art 38–40). Level 1 stays
 * at the holder and is told to the nearest head up who may be told; level n ≥ 2 goes to the
 * (n − 1)th unit above that head's with a head or a supervisor who may be told. A unit with
 * nobody to act is passed over, so no level is raised into an empty unit and nobody is told twice
 * of one deadline; null when no such unit is left.
 */
export function redRung(level: number, holder: UnitRef, mayTell: MayTell): Rung | null {
  const rungAt = (depth: number, roles: readonly StaffRole[]): Rung | null => {
    const path = holder.path.slice(0, depth);
    const id = path.at(-1) as string;
    const recipients = mayTell(id, roles);
    return recipients.length > 0 ? { unit: { id, path }, recipients } : null;
  };
  let first: Rung | null = null;
  let depth = holder.path.length;
  while (depth >= 1 && !first) {
    first = rungAt(depth, RED_FIRST);
    depth -= 1;
  }
  if (level <= 1) return { unit: holder, recipients: first?.recipients ?? [] };
  // With no head anywhere up the line, the levels above start from the holder's parent.
  if (!first) depth = holder.path.length - 1;
  let above = level - 1;
  for (; depth >= 1; depth -= 1) {
    const rung = rungAt(depth, RED_ABOVE);
    if (rung) {
      above -= 1;
      if (above === 0) return rung;
    }
  }
  return null;
}
