import type { EventOf } from './events';
import type { Petition } from './petition';
import { TRIAGE_STATES } from './states';
import type { UnitRef } from './units';

/** The unit that holds the case now: the receiving unit during triage, the handling unit after. */
export function holderUnit(petition: Petition): UnitRef {
  const inTriage = (TRIAGE_STATES as readonly string[]).includes(petition.state);
  return inTriage ? petition.units.receiving : (petition.units.handling ?? petition.units.receiving);
}

/** Supervision notices not yet answered (Art 40), oldest first. */
export function openSupervisions(petition: Petition): EventOf<'supervision_issued'>[] {
  const answered = new Set<number>();
  for (const event of petition.events) if (event.type === 'supervision_answered') answered.add(event.data.no);
  return petition.events.filter(
    (event): event is EventOf<'supervision_issued'> =>
      event.type === 'supervision_issued' && !answered.has(event.data.no),
  );
}

export function supervisionCount(petition: Petition): number {
  return petition.events.filter((event) => event.type === 'supervision_issued').length;
}
