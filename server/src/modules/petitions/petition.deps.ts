import type { FastifyInstance } from 'fastify';
import type { PetitionServiceDeps } from './petition.service';
import { createPetitionWriter } from './petition-writer';

/**
 * What the petition module's services are built from, taken from the app once: the routes, the
 * deadline job and the demo seed all write through the same write path.
 */
export function petitionDeps(app: FastifyInstance): PetitionServiceDeps {
  return {
    db: app.db,
    pii: app.pii,
    calendar: app.calendar,
    writer: createPetitionWriter({ calendar: app.calendar, notify: app.notifications.effect }),
    hashKey: app.config.pii.hashKey,
    submissionsPerDay: app.config.submissionsPerDay,
  };
}
