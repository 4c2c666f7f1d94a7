import type { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  /** s3rver's S3 event notifications ('event': an object created or removed, by what request). */
  events: EventEmitter;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The folder under which s3rver keeps a bucket's objects as files. */
  bucketDir(bucket: string): string;
  close(): Promise<void>;
}

/**
 * s3rver, a local server speaking the S3 protocol, on a free loopback port with the given buckets,
 * keeping its objects under `directory`. It checks no signatures (the SDK's signing is tested
 * upstream); any credentials do, these are its own.
 */
export async function startLocalS3(directory: string, buckets: string[]): Promise<LocalS3> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = (await server.run()) as AddressInfo;
  return {
    // s3rver is a Koa app, so an EventEmitter: its type declarations leave that out.
    events: server as unknown as EventEmitter,
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    bucketDir: (bucket) => join(directory, bucket),
    close: () => server.close(),
  };
}
