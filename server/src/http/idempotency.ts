import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { DatabaseUnavailable } from '../db/failures';
import { prepared, rowInserter } from '../db/prepared';
import type { DB } from '../db/schema';
import { AppError } from '../errors';
import type { PiiCipher } from '../security/pii';

/**
 * Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header) for create requests: a phone
 * that retries after a lost answer gets the first answer again, never a second petition.
 *
 * The key's record is written in the same transaction as the thing it creates (see `once`). A crash
 * before commit leaves neither, so the retry creates it once.
 * The stored answer is encrypted: it carries the query code, which is shown only to its owner.
 */
export const IDEMPOTENCY_TTL_HOURS = 48;
const KEY_PATTERN = /^[\w.:-]{8,128}$/;

export interface IdempotencyRequest {
  scope: string;
  key: string;
  requestHash: string;
}

export interface Answer<T> {
  status: number;
  body: T;
}

/** Sends an answer `once` gave, saying so in a header when it is the kept answer replayed. */
export function sendAnswer<T>(reply: FastifyReply, answer: Answer<T> & { replayed: boolean }) {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(answer.status).send(answer.body);
}

/**
 * Answers a keyed lifecycle step with the case as it stands (`actOnce` and its kind: a replay
 * reads the case again rather than keeping an answer), saying so in a header when replayed.
 */
export function sendDetail<T>(reply: FastifyReply, result: { detail: T; replayed: boolean }): T {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return result.detail;
}

/** Reads and checks the Idempotency-Key header, and fingerprints the request it came with. */
export function idempotencyRequest(request: FastifyRequest, scope: string): IdempotencyRequest {
  const key = idempotencyKeyOf(request);
  // The URL as sent (path and query), not the route's pattern: a key used for one visit's case and
  // then for another visit's is a different request, not a retry of the first.
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.url}\u0000${canonicalJson(request.body)}`)
    .digest('hex');
  return { scope, key, requestHash: fingerprint };
}

/** The request's Idempotency-Key, checked: 428 without one, 400 when it is malformed. */
export function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) {
    throw new AppError('IDEMPOTENCY_KEY_REQUIRED', '请求缺少 Idempotency-Key，无法保证不重复提交');
  }
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 格式不正确', [
      { path: '/headers/idempotency-key', message: 'must be 8–128 letters, digits or . _ : -' },
    ]);
  }
  return key;
}

/**
 * The Idempotency-Key of a request that may carry one (a lifecycle action: the version it names
 * already keeps it from happening twice, the key lets a resend get a success instead of a
 * conflict); null without one.
 */
export function optionalIdempotencyRequest(
  request: FastifyRequest,
  scope: string,
): IdempotencyRequest | null {
  return request.headers['idempotency-key'] === undefined ? null : idempotencyRequest(request, scope);
}

/**
 * Runs `create` inside a transaction guarded by the key: the first time it runs and its answer is
 * kept; with the same key and the same request the kept answer comes back; with the same key and
 * a different request, IDEMPOTENCY_KEY_REUSED. `prepare` does beforehand, outside the transaction,
 * whatever needs no lock (reads, checks, the answer's parts); a replay skips it.
 *
 * The record is written last, with the answer: a concurrent duplicate either waits (SQLite's
 * single writer, then finds the record) or runs beside it (MySQL) and fails on the record's key at
 * the end, rolls back whatever it did, and answers with the winner's answer.
 */
export async function once<T, P>(
  db: Kysely<DB>,
  pii: PiiCipher,
  idem: IdempotencyRequest,
  now: Date,
  prepare: () => Promise<P>,
  create: (trx: Transaction<DB>, prepared: P) => Promise<Answer<T>>,
): Promise<Answer<T> & { replayed: boolean }> {
  return (await findKept<T>(db, pii, idem)) ?? onceUnkept(db, pii, idem, now, prepare, create);
}

/** `once` for a caller that has just looked for the kept answer itself (`findKept`) and found none. */
export async function onceUnkept<T, P>(
  db: Kysely<DB>,
  pii: PiiCipher,
  idem: IdempotencyRequest,
  now: Date,
  prepare: () => Promise<P>,
  create: (trx: Transaction<DB>, prepared: P) => Promise<Answer<T>>,
): Promise<Answer<T> & { replayed: boolean }> {
  const prepared = await prepare();
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await findKept<T>(trx, pii, idem);
      if (existing) return existing;
      const answer = await create(trx, prepared);
      await keepAnswer(trx, pii, idem, answer, now);
      return { ...answer, replayed: false };
    });
  } catch (error) {
    // A concurrent request with the same key committed first: answer as it did. When the database
    // cannot be asked either, the first error is the one to answer with.
    const winner = await findKept<T>(db, pii, idem).catch((lookup: unknown) => {
      if (lookup instanceof DatabaseUnavailable) return null;
      throw lookup;
    });
    if (winner) return winner;
    throw error;
  }
}

/** Keeps the answer under the key, in the transaction that did what it answers. */
export async function keepAnswer<T>(
  trx: Transaction<DB>,
  pii: PiiCipher,
  idem: IdempotencyRequest,
  answer: Answer<T>,
  now: Date,
): Promise<void> {
  await insertRecord(trx, [
    {
      scope: idem.scope,
      idem_key: idem.key,
      request_hash: idem.requestHash,
      response_status: answer.status,
      response_cipher: pii.encrypt(JSON.stringify(answer.body)),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_HOURS * 3600_000).toISOString(),
    },
  ]);
}

/** The kept answer of a request already made under this key, or null (throws on reuse). */
export async function findKept<T>(
  db: Kysely<DB> | Transaction<DB>,
  pii: PiiCipher,
  idem: IdempotencyRequest,
): Promise<(Answer<T> & { replayed: true }) | null> {
  return (await findKeptRecord<T>(db, pii, idem))?.answer ?? null;
}

/** A kept answer and the record it was read from, for a caller that may replace it (`renewKept`). */
export interface KeptRecord<T> {
  answer: Answer<T> & { replayed: true };
  /** The stored ciphertext: each keeping of an answer has its own (a random IV). */
  cipher: string;
}

/** `findKept`, with the record the answer was read from. */
export async function findKeptRecord<T>(
  db: Kysely<DB> | Transaction<DB>,
  pii: PiiCipher,
  idem: IdempotencyRequest,
): Promise<KeptRecord<T> | null> {
  const [row] = (await keptRecord(db, idem.scope, idem.key)).rows;
  if (!row) return null;
  if (row.request_hash !== idem.requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 已用于另一份不同的请求');
  }
  const answer = {
    status: row.response_status,
    body: JSON.parse(pii.decrypt(row.response_cipher)) as T,
    replayed: true as const,
  };
  return { answer, cipher: row.response_cipher };
}

/**
 * Keeps a new answer in place of one that no longer holds (what it named is gone), in the
 * transaction that made what the new one names. Only the record as it was read is replaced: false
 * when a concurrent retry replaced it first (the caller rolls back and answers as that one did).
 */
export async function renewKept<T>(
  trx: Transaction<DB>,
  pii: PiiCipher,
  idem: IdempotencyRequest,
  stale: KeptRecord<unknown>,
  answer: Answer<T>,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('idempotency_record')
    .set({
      response_status: answer.status,
      response_cipher: pii.encrypt(JSON.stringify(answer.body)),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_HOURS * 3600_000).toISOString(),
    })
    .where('scope', '=', idem.scope)
    .where('idem_key', '=', idem.key)
    .where('response_cipher', '=', stale.cipher)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether an answer is kept under the key, whatever request it answered. */
export async function isKept(db: Kysely<DB>, scope: string, key: string): Promise<boolean> {
  return (await keptRecord(db, scope, key)).rows.length > 0;
}

const insertRecord = rowInserter('idempotency_record');
const keptRecord = prepared((db, scope: string, key: string) =>
  db
    .selectFrom('idempotency_record')
    .select(['request_hash', 'response_status', 'response_cipher'])
    .where('scope', '=', scope)
    .where('idem_key', '=', key),
);

/** JSON with object keys sorted, so that the same body always has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Housekeeping: records whose lifetime ended. A retry after that is a new request, except an online
 * submission's: its petition keeps the key for good (petitions/submission-key.ts).
 */
export async function purgeIdempotencyRecordsBefore(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_record')
    .where('expires_at', '<', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
