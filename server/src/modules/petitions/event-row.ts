import type { PetitionEvent } from '@xinfang/shared/lifecycle';

/** A `petition_event` row's columns, as a petition's events are read back. */
export interface EventRow {
  type: string;
  at: string;
  actor_id: string;
  actor_role: string;
  visibility: string;
  stage: string;
  data: string;
}

/** The lifecycle's event for a stored row (its data is JSON text). */
export function eventOf(row: EventRow): PetitionEvent {
  return {
    type: row.type,
    at: row.at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    visibility: row.visibility,
    stage: row.stage,
    data: JSON.parse(row.data),
  } as PetitionEvent;
}
