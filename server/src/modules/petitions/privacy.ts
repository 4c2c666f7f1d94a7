import { isWithin, type Petition } from '@xinfang/shared/lifecycle';
import type { Principal } from '../../access/principal';

/**
 * Art 30: an accuser's identity and materials never reach the accused unit. Staff whose own unit
 * lies within the unit an accusation concerns see neither who wrote it nor the attachments, even
 * where they may route it (for instance when the whole group is accused).
 */
export function identityWithheld(petition: Petition, viewer: Principal): boolean {
  return (
    petition.kind === 'accusation' &&
    viewer.kind === 'staff' &&
    isWithin(viewer.unit, petition.units.concerned)
  );
}
