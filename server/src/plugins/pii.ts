import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PiiCipher } from '../security/pii';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encrypts, decrypts and hashes phone and ID numbers (see security/pii.ts). */
    pii: PiiCipher;
  }
}

export default fp(
  async function pii(app: FastifyInstance) {
    app.decorate('pii', new PiiCipher(app.config.pii.keys, app.config.pii.hashKey));
  },
  { name: 'pii', dependencies: ['config'] },
);
