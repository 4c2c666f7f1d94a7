import type { Petition } from './petition';
import { isWithin, type UnitRef } from './units';

/**
 * Art 30: whether `unit` is the unit an accusation accuses, or one below it — so that it may
 * neither handle the case nor learn who accused it. While the accused unit is not yet named (the
 * petitioner did not know it), no unit is: only the receiving petition office holds the case,
 * and the firewall applies from the moment reception names the unit.
 */
export function accuses(petition: Pick<Petition, 'kind' | 'units'>, unit: UnitRef): boolean {
  const accused = petition.units.concerned;
  return petition.kind === 'accusation' && accused !== null && isWithin(unit, accused);
}
