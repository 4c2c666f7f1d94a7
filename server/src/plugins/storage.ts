import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FileStorage } from '../integrations/storage/file-storage';
import { createLocalDiskStorage } from '../integrations/storage/local-disk-storage';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where attachments' bytes live (the local disk under `UPLOAD_DIR`). */
    storage: FileStorage;
  }
}

/** The file storage chosen from the config: for now the local disk, created on the first upload. */
export default fp(
  async function storage(app: FastifyInstance) {
    app.decorate('storage', createLocalDiskStorage(app.config.uploadDir));
  },
  { name: 'storage', dependencies: ['config'] },
);
