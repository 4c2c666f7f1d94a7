import type { UnitRef } from './units';
import type { ActorRole, Role } from './vocabulary';

/** Someone acting on a petition. A petitioner's unit is irrelevant (null). */
export interface Actor {
  id: string;
  roles: readonly Role[];
  unit: UnitRef | null;
}

/** The server's deadline job, for time-driven transitions (closing after the appeal window). */
export interface SystemActor {
  id: 'system';
  roles: readonly ['system'];
  unit: null;
}

export const SYSTEM_ACTOR: SystemActor = { id: 'system', roles: ['system'], unit: null };

export type AnyActor = Actor | SystemActor;

export function hasRole(actor: AnyActor, role: ActorRole): boolean {
  return (actor.roles as readonly ActorRole[]).includes(role);
}
