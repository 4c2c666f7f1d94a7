import type { FastifyInstance } from 'fastify';
import { petitionDeps } from '../petitions/petition.deps';
import { createPetitionService } from '../petitions/petition.service';
import type { ReceptionServiceDeps } from './reception.service';

/** What the reception service is built from, taken from the app once: by its routes and the demo seed. */
export function receptionDeps(app: FastifyInstance): ReceptionServiceDeps {
  return {
    db: app.db,
    pii: app.pii,
    petitions: createPetitionService(petitionDeps(app)),
    notifier: app.notifications.notifier,
  };
}
