import type { FastifyInstance } from 'fastify';
import type { StaffServiceDeps } from './staff.service';

/** What the staff service and its invitations are built from, taken from the app once: the staff, invitation and auth routes. */
export function staffDeps(app: FastifyInstance): StaffServiceDeps {
  return {
    db: app.db,
    pii: app.pii,
    signToken: (claims) => app.jwt.sign(claims),
    hashKey: app.config.pii.hashKey,
  };
}
