import type { FastifyInstance } from 'fastify';
import type { AttachmentServiceDeps } from './attachment.service';

/** What the attachment service is built from, taken from the app once: the routes and the demo seed. */
export function attachmentDeps(app: FastifyInstance): AttachmentServiceDeps {
  return {
    db: app.db,
    pii: app.pii,
    storage: app.storage,
    uploadMaxUnused: app.config.uploadMaxUnused,
    log: app.log,
  };
}
