import { addDays, beijingDate, beijingTimeOfDay } from '@xinfang/shared/clocks';
import { type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import { insertUnlessExists } from '../db/dialect';
import { prepared } from '../db/prepared';
import type { DB } from '../db/schema';
import { AppError } from '../errors';

/**
 * Counters that slow down guessing: sign-in attempts, one-time codes sent and tried, look-ups by
 * number and code, submissions. Kept in the database so every server process shares them and a
 * restart does not reset them. A bucket counts attempts in a fixed window: at most `limit` per
 * window; the next one blocks it for `blockSeconds`.
 */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
  blockSeconds: number;
}

/** One counter and the rule it follows. */
export interface Bucket {
  key: string;
  rule: ThrottleRule;
}

export type Reservation =
  | {
      granted: true;
      /** Hands the attempts back: a success is not a guess (and an office behind one address signs in all day). */
      release(): Promise<void>;
    }
  | {
      granted: false;
      until: Date;
      /** The bucket that refused it, so the answer can say why (a locked account, a busy address). */
      refusedBy: string;
      /** The buckets this very attempt pushed past their limit (and so blocked). */
      newlyBlocked: string[];
    };

/**
 * Reserves one attempt in every bucket before the slow or secret check it guards (a password
 * hash, a one-time code, a query code): a place is taken first, by a conditional update that
 * only succeeds while the window has room, so a burst of parallel requests gets exactly `limit`
 * places between them — never one per request that read the count before the others wrote it. An
 * attempt past a bucket's limit blocks the bucket and is refused, as is any attempt while it is
 * blocked; a refused attempt hands back what it reserved in the buckets before.
 *
 * Each statement commits on its own, never inside a caller's transaction: there, MySQL's locks on
 * a bucket's first row would be held to the commit, and two transactions waiting on each other's
 * would deadlock. A caller whose work may fail afterwards hands the place back (`release`). On
 * SQLite a count does not wait for the log's sync (db/database.ts, `COUNTER_TABLES`): while the
 * server runs every count holds; a crash may lose the last few, and so allow as many guesses again.
 */
export async function reserve(db: Kysely<DB>, buckets: readonly Bucket[], now: Date): Promise<Reservation> {
  const taken: string[] = [];
  const release = async () => {
    for (const key of taken) await handBack(db, key);
  };
  for (const { key, rule } of buckets) {
    const place = await takePlace(db, key, rule, now);
    if (!place.granted) {
      await release();
      return place;
    }
    taken.push(key);
  }
  return { granted: true, release };
}

/** Tries a few times: each try either decides or lost a race (a first insert, a new window) to another request. */
const TRIES = 5;

async function takePlace(
  db: Kysely<DB>,
  bucket: string,
  rule: ThrottleRule,
  now: Date,
): Promise<{ granted: true } | Extract<Reservation, { granted: false }>> {
  const at = now.toISOString();
  // A window is [start, start + length): it is over once its length has passed.
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
  const open = (eb: ExpressionBuilder<DB, 'throttle'>) =>
    eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', at)]);
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const counted = await countHit(db, bucket, rule.limit, windowStart, at);
    if (Number(counted.numAffectedRows) === 1) return { granted: true };

    const [row] = (await bucketRow(db, bucket)).rows;
    if (!row) {
      const inserted = await insertUnlessExists(
        db,
        db.insertInto('throttle').values({ bucket, hits: 1, window_started_at: at, blocked_until: null }),
      ).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows) === 1) return { granted: true };
      continue;
    }
    const windowEndsAt = new Date(Date.parse(row.window_started_at) + rule.windowSeconds * 1000);
    const blockedUntil = row.blocked_until ? new Date(row.blocked_until) : null;
    if (blockedUntil && blockedUntil > now) {
      return { granted: false, until: blockedUntil, refusedBy: bucket, newlyBlocked: [] };
    }
    if (row.window_started_at <= windowStart) {
      // A new window, started by whichever request gets there first.
      const restarted = await db
        .updateTable('throttle')
        .set({ hits: 1, window_started_at: at, blocked_until: null })
        .where('bucket', '=', bucket)
        .where('window_started_at', '=', row.window_started_at)
        .where(open)
        .executeTakeFirst();
      if (Number(restarted.numUpdatedRows) === 1) return { granted: true };
      continue;
    }
    // Room after all: the row appeared (or emptied) after the update above looked. Look again.
    if (Number(row.hits) < rule.limit) continue;
    // Full: blocked for `blockSeconds`, but not past the end of the window that filled up — one
    // code a minute means the next one a minute after the first, not after the refused second.
    const until = new Date(Math.min(now.getTime() + rule.blockSeconds * 1000, windowEndsAt.getTime()));
    const blocked = await block(db, bucket, until, now);
    return { granted: false, until, refusedBy: bucket, newlyBlocked: blocked ? [bucket] : [] };
  }
  // Lost every race: so many at once that refusing this one costs nobody a fair chance.
  return { granted: false, until: new Date(now.getTime() + 1000), refusedBy: bucket, newlyBlocked: [] };
}

/** Blocks the bucket from now, once: true for the one attempt that did. Its window starts again. */
async function block(
  db: Kysely<DB> | Transaction<DB>,
  bucket: string,
  until: Date,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('throttle')
    .set({ blocked_until: until.toISOString(), hits: 0, window_started_at: at })
    .where('bucket', '=', bucket)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function handBack(db: Kysely<DB> | Transaction<DB>, bucket: string): Promise<void> {
  await uncountHit(db, bucket);
}

// Prepared (db/prepared.ts): every sign-in, look-up and submission runs them.
const countHit = prepared((db, bucket: string, limit: number, windowStart: string, at: string) =>
  db
    .updateTable('throttle')
    .set({ hits: sql`hits + 1` })
    .where('bucket', '=', bucket)
    .where('hits', '<', limit)
    .where('window_started_at', '>', windowStart)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', at)])),
);
const bucketRow = prepared((db, bucket: string) =>
  db
    .selectFrom('throttle')
    .select(['hits', 'blocked_until', 'window_started_at'])
    .where('bucket', '=', bucket),
);
const uncountHit = prepared((db, bucket: string) =>
  db.updateTable('throttle').set({ hits: sql`hits - 1` }).where('bucket', '=', bucket).where('hits', '>', 0),
);

/** The answer to a throttled request: 429, with how long to wait (sent as Retry-After). */
export function rateLimited(until: Date, now: Date): AppError {
  return new AppError('RATE_LIMITED', `尝试过于频繁，请${whenToRetry(until, now)}再试`, {
    retryAfterSeconds: retryAfterSeconds(until, now),
  });
}

export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * When to try again, in words a person acts on: minutes within the hour; past that, a Beijing
 * clock time (「1440 分钟」 means nothing to anyone; 「明天 08:36 以后」 does).
 */
export function whenToRetry(until: Date, now: Date): string {
  const minutes = Math.ceil(retryAfterSeconds(until, now) / 60);
  if (minutes < 60) return ` ${minutes} 分钟后`;
  // Rounded up to the minute, so that "以后" is never a minute early.
  const at = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const day = beijingDate(at.toISOString());
  const today = beijingDate(now.toISOString());
  const clock = beijingTimeOfDay(at.toISOString());
  const tomorrow = addDays(today, 1);
  const [, month, date] = day.split('-').map(Number);
  const dayWords = day === today ? '今天' : day === tomorrow ? '明天' : `${month}月${date}日`;
  return `${dayWords} ${clock} 以后`;
}

export async function clear(db: Kysely<DB> | Transaction<DB>, bucket: string): Promise<void> {
  await db.deleteFrom('throttle').where('bucket', '=', bucket).execute();
}

/** Clears every bucket whose key starts with `prefix` (taken literally, wildcards and all). */
export async function clearStartingWith(db: Kysely<DB> | Transaction<DB>, prefix: string): Promise<void> {
  // `!` escapes: a backslash is an escape in MySQL's string literals and not in SQLite's.
  const pattern = `${prefix.replace(/[!%_]/g, '!$&')}%`;
  await db.deleteFrom('throttle').where(sql<SqlBool>`bucket like ${pattern} escape '!'`).execute();
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
