import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
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
export function createS3Storage(options: S3StorageOptions): FileStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000 },
  });
  const Bucket = options.bucket;
  const keyOf = (key: string) => {
    assertStorageKey(key);
    return `${options.prefix}${key}`;
  };

  return {
    async put(key, bytes) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: keyOf(key), Body: bytes, ContentLength: bytes.byteLength }),
      );
    },

    async putFile(key, path) {
      // One PUT for a file up to a part's size, else a multipart upload that reads the file one
      // part at a time (queueSize 1): memory holds a part, never the file. A failed multipart
      // upload is aborted, so the store keeps no orphan parts.
      await new Upload({
        client,
        params: { Bucket, Key: keyOf(key), Body: createReadStream(path) },
        partSize: options.partBytes ?? DEFAULT_PART_BYTES,
        queueSize: 1,
        leavePartsOnError: false,
      }).done();
    },

    async get(key) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key) }));
        return (Body as Readable | undefined) ?? null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      // S3 answers 204 for a key that is not there: removing a missing key is not an error.
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
