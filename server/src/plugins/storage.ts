import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FileStorage } from '../integrations/storage/file-storage';
import { clearStaleIncoming, createLocalDiskStorage } from '../integrations/storage/local-disk-storage';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where attachments' bytes live: the local disk under `UPLOAD_DIR`, or an S3 bucket. */
    storage: FileStorage;
  }
}

/**
 * The file storage chosen from the config: an S3-compatible bucket when S3_BUCKET is set, else the
 * local disk. The AWS SDK is loaded only for a bucket: it is ~10 MB of a server's heap.
 */
export default fp(
  async function storage(app: FastifyInstance) {
    const { s3, uploadDir } = app.config;
    if (s3) {
      const { createS3Storage } = await import('../integrations/storage/s3-storage');
      app.decorate('storage', createS3Storage(s3, app.log));
      return;
    }
    await clearStaleIncoming(uploadDir, new Date());
    app.decorate('storage', createLocalDiskStorage(uploadDir));
  },
  { name: 'storage', dependencies: ['config'] },
);
