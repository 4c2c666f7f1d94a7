import { accuses, type Petition } from '@xinfang/shared/lifecycle';
import type { Principal } from '../../access/principal';

/**
 * Art 30: an accuser's identity and materials never reach the accused unit. Staff whose own unit
 * lies within the unit an accusation concerns see neither who wrote it nor the attachments, even
 * where they may route it (for instance when the whole group is accused).
 */
export function identityWithheld(petition: Petition, viewer: Principal): boolean {
  return viewer.kind === 'staff' && accuses(petition, viewer.unit);
}

/**
 * The same test on a petition row: an accusation about one of the viewer's own units or their
 * ancestors (the viewer works inside the accused unit). Such a petition must not be tied to a
 * person for this viewer — not through a search by phone, not through a repeat link.
 */
export function accusationWithheldFrom(
  row: { kind: string; concerned_unit_id: string | null },
  viewer: Principal,
): boolean {
  const accused = row.concerned_unit_id;
  return (
    row.kind === 'accusation' &&
    viewer.kind === 'staff' &&
    accused !== null &&
    viewer.unit.path.includes(accused)
  );
}
