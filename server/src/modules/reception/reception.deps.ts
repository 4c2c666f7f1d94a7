import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { PiiCipher } from '../../security/pii';
import type { Notifier } from '../notifications/notifier';
import { petitionDeps } from '../petitions/petition.deps';
import { createPetitionService } from '../petitions/petition.service';

/** What the reception service works with — no more; each of its parts takes what it uses. */
export interface ReceptionServiceDeps {
  db: Kysely<DB>;
  /** Keeps the first answer to a publication or change, encrypted, for its retries. */
  pii: PiiCipher;
  /** Registers the visit a booking ends in, through the petitions' one registration path. */
  petitions: Pick<ReturnType<typeof createPetitionService>, 'registerBookedVisit'>;
  /** Tells those who booked a day the desk cancelled or changed. */
  notifier: Notifier;
}

/** What the reception service is built from, taken from the app once: by its routes and the seed. */
export function receptionDeps(app: FastifyInstance): ReceptionServiceDeps {
  return {
    db: app.db,
    pii: app.pii,
    petitions: createPetitionService(petitionDeps(app)),
    notifier: app.notifications.notifier,
  };
}
