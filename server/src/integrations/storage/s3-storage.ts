import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../errors';
import { SOCKET_ERROR_CODES } from '../../network-codes';
import { assertStorageKey, type FileStorage } from './file-storage';

export interface S3StorageOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Tencent COS, Alibaba OSS); unset: AWS itself. */
  endpoint?: string;
  region: string;
  /** Unset: the SDK's own chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path rather than the host name: MinIO and most self-hosted stores want it. */
  forcePathStyle: boolean;
  /** Put before every key, e.g. `xinfang/`, to share a bucket. */
  prefix: string;
  /** The longest one request to the store may take. */
  requestTimeoutMs?: number;
  /** A file larger than this goes in parts of this size (S3's least is 5 MiB), one at a time. */
  partBytes?: number;
}

/** 8 MiB: a file of up to 8 MiB goes in one PUT; a larger one in parts, each read in turn. */
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

/**
 * Attachments in an S3-compatible object store, through the maintained AWS SDK. A PUT, and a
 * multipart upload once completed, is atomic (a reader sees the old object or the whole new one,
 * never half); a file is sent as a stream from disk, a GET is streamed to the
 * client as it arrives, never held whole. Checksums are sent and checked only where the protocol
 * requires them: the SDK's default trailing checksums use aws-chunked framing that several
 * S3-compatible stores would save inside the object.
 */
export function createS3Storage(
  options: S3StorageOptions,
  log?: Pick<FastifyBaseLogger, 'warn'>,
): FileStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      // Without it the SDK only warns when a request outlasts requestTimeout, and waits on.
      throwOnRequestTimeout: true,
      connectionTimeout: 5_000,
    },
  });
  const Bucket = options.bucket;
  const keyOf = (key: string) => {
    assertStorageKey(key);
    return `${options.prefix}${key}`;
  };
  /** Sends a command, an outage of the store (after the SDK's own retries) becoming a 503. */
  const send = async <T>(operation: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw unavailable(error, operation, log);
    }
  };

  return {
    async put(key, bytes) {
      const command = new PutObjectCommand({
        Bucket,
        Key: keyOf(key),
        Body: bytes,
        ContentLength: bytes.byteLength,
      });
      await send('put', () => client.send(command));
    },

    async putFile(key, path) {
      // One PUT for a file up to a part's size, else a multipart upload that reads the file one
      // part at a time (queueSize 1): memory holds a part, never the file. A failed multipart
      // upload is aborted, so the store keeps no orphan parts.
      const upload = new Upload({
        client,
        params: { Bucket, Key: keyOf(key), Body: createReadStream(path) },
        partSize: options.partBytes ?? DEFAULT_PART_BYTES,
        queueSize: 1,
        leavePartsOnError: false,
      });
      await send('putFile', () => upload.done());
    },

    async get(key, range) {
      const asked = range && `bytes ${range.start}-${range.end}/`;
      const command = new GetObjectCommand({
        Bucket,
        Key: keyOf(key),
        Range: range && `bytes=${range.start}-${range.end}`,
      });
      let answer: { Body?: unknown; ContentRange?: string };
      try {
        answer = await send('get', () => client.send(command));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      const body = (answer.Body as Readable | undefined) ?? null;
      // A store that ignores the range (some S3-compatibles answer 200 with the whole object)
      // would send bytes the client did not ask for under the range's Content-Length.
      if (asked && !answer.ContentRange?.startsWith(asked)) {
        body?.destroy();
        throw new Error(`object store answered ${answer.ContentRange ?? 'the whole object'} for ${asked}`);
      }
      return body;
    },

    async stat(key) {
      const command = new HeadObjectCommand({ Bucket, Key: keyOf(key) });
      try {
        const { ContentLength, LastModified } = await send('stat', () => client.send(command));
        if (ContentLength === undefined || !LastModified) {
          throw new Error('object store answered HEAD without size or date');
        }
        return { size: ContentLength, modifiedAt: LastModified };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      // S3 answers 204 for a key that is not there: removing a missing key is not an error.
      const command = new DeleteObjectCommand({ Bucket, Key: keyOf(key) });
      await send('delete', () => client.send(command));
    },

    async *list(prefix) {
      if (prefix !== '') assertStorageKey(prefix.replace(/\/$/, ''));
      let ContinuationToken: string | undefined;
      do {
        const command = new ListObjectsV2Command({
          Bucket,
          Prefix: `${options.prefix}${prefix}`,
          ContinuationToken,
        });
        const page = await send('list', () => client.send(command));
        for (const { Key, LastModified } of page.Contents ?? []) {
          if (Key && LastModified) yield { key: Key.slice(options.prefix.length), modifiedAt: LastModified };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}

/** How long a client should wait before trying again when the store is down. */
export const STORE_RETRY_AFTER_SECONDS = 10;

const NETWORK_CODES = new Set(SOCKET_ERROR_CODES);

/**
 * The store being down — no connection, a timeout, or a 5xx — is no fault of the request: 503
 * SERVICE_UNAVAILABLE with Retry-After, as a database outage is (db/failures.ts). Anything else (a
 * missing bucket, a refused credential) is a misconfiguration and stays an error of the server.
 */
function unavailable(error: unknown, operation: string, log?: Pick<FastifyBaseLogger, 'warn'>): unknown {
  if (!isOutage(error)) return error;
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  log?.warn({ operation, name, code, message }, 'object store unavailable');
  const answer = new AppError('SERVICE_UNAVAILABLE', '附件服务暂时不可用，请稍后再试', {
    retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
  });
  answer.cause = error;
  return answer;
}

function isOutage(error: unknown): boolean {
  if (error instanceof S3ServiceException) return (error.$metadata.httpStatusCode ?? 0) >= 500;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  // The SDK's http handler names its own timeouts; a socket error keeps Node's code.
  if (name === 'TimeoutError' || name === 'RequestTimeout') return true;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
