import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Compresses answers for clients that accept it (brotli, else gzip): on a weak phone link the bytes
 * are the wait — a page of the inbox shrinks to about a fifth. Brotli at quality 4, the plugin's
 * default, costs little CPU per answer; the h5 build's files are compressed once, at build time
 * (`frontend.ts` serves those as they are). Request bodies are never decompressed: the body limit
 * counts bytes as sent, so no small upload can unpack into a large one.
 */
export default fp(
  async function compression(app: FastifyInstance) {
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      globalDecompression: false,
    });
  },
  { name: 'compression' },
);
