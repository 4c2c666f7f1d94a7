import type { FastifyInstance } from 'fastify';
import { createPetitionWriter } from '../petitions/petition-writer';
import type { StaffServiceDeps } from './staff.service';

/**
 * What the staff service and its invitations are built from, taken from the app once: the staff,
 * invitation and auth routes. The write path: a disabled 承办人's cases are released through it.
 */
export function staffDeps(app: FastifyInstance): StaffServiceDeps {
  return {
    db: app.db,
    pii: app.pii,
    signToken: (claims) => app.jwt.sign(claims),
    hashKey: app.config.pii.hashKey,
    writer: createPetitionWriter({ calendar: app.calendar, notify: app.notifications.effect }),
    notifier: app.notifications.notifier,
  };
}
