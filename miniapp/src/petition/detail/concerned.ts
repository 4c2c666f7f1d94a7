import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';

/**
 * The unit a case's page names as 涉及单位: the one the petitioner named; when they left it to the
 * petition office (「不清楚，由信访办分办」), the unit the office gave it to, once there is one — the
 * unit that answered it, or else the one handling it now in the first stage; until then, none
 * (「待信访办确定」). All of these are in the petitioner's own view from the server: an accused
 * unit is kept from staff who may not know the accuser (Art 30), never from the accuser.
 */
export function concernedUnitName(
  detail: Pick<PetitionDetail, 'stage' | 'units' | 'timeline'>,
): string | null {
  if (detail.units.concerned) return detail.units.concerned.name;
  const answered = detail.timeline.find((event) => event.type === 'reply_issued' && event.unit !== null);
  if (answered?.unit) return answered.unit.name;
  return detail.stage === 'first' ? (detail.units.handling?.name ?? null) : null;
}
