import { type Kysely, sql, type Transaction } from 'kysely';
import { onConflictUpdate } from '../db/dialect';
import type { DB } from '../db/schema';
import { AppError } from '../errors';

/**
 * Counters that slow down guessing: sign-in failures and one-time-code requests. Kept in the
 * database so every server process shares them and a restart does not reset them. A bucket counts
 * hits in a fixed window; past its limit it is blocked for a while.
 */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
  blockSeconds: number;
}

/** When the bucket is blocked until, or null when it is open. */
export async function blockedUntil(
  db: Kysely<DB> | Transaction<DB>,
  bucket: string,
  now: Date,
): Promise<Date | null> {
  const row = await db
    .selectFrom('throttle')
    .select('blocked_until')
    .where('bucket', '=', bucket)
    .executeTakeFirst();
  const until = row?.blocked_until ? new Date(row.blocked_until) : null;
  return until && until > now ? until : null;
}

/** Counts one hit (atomically, even under concurrency); returns the block's end if this hit crossed the limit. */
export async function hit(
  db: Kysely<DB> | Transaction<DB>,
  bucket: string,
  rule: ThrottleRule,
  now: Date,
): Promise<Date | null> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
  const expired = sql<boolean>`window_started_at < ${windowStart}`;
  await onConflictUpdate(
    db,
    db.insertInto('throttle').values({ bucket, hits: 1, window_started_at: at, blocked_until: null }),
    ['bucket'],
    {
      hits: sql`case when ${expired} then 1 else hits + 1 end`,
      window_started_at: sql`case when ${expired} then ${at} else window_started_at end`,
    },
  ).execute();

  const row = await db
    .selectFrom('throttle')
    .select(['hits', 'blocked_until'])
    .where('bucket', '=', bucket)
    .executeTakeFirstOrThrow();
  if (row.hits < rule.limit) return null;
  const until = new Date(now.getTime() + rule.blockSeconds * 1000);
  await db
    .updateTable('throttle')
    .set({ blocked_until: until.toISOString(), hits: 0, window_started_at: at })
    .where('bucket', '=', bucket)
    .execute();
  return until;
}

/** The answer to a throttled request: 429, with how long to wait (sent as Retry-After). */
export function rateLimited(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('RATE_LIMITED', `尝试过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, {
    retryAfterSeconds,
  });
}

export async function clear(db: Kysely<DB> | Transaction<DB>, bucket: string): Promise<void> {
  await db.deleteFrom('throttle').where('bucket', '=', bucket).execute();
}

/**
 * The longest window or block any throttle rule uses (one-time codes: ten a day). Housekeeping
 * keeps every bucket at least this long after its window started; a rule with a longer window
 * must raise it.
 */
export const LONGEST_THROTTLE_SECONDS = 24 * 60 * 60;

/** Housekeeping: buckets whose window started, and whose block (if any) ended, before `before`. */
export async function purgeThrottlesBefore(db: Kysely<DB> | Transaction<DB>, before: Date): Promise<number> {
  const at = before.toISOString();
  const result = await db
    .deleteFrom('throttle')
    .where('window_started_at', '<', at)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
