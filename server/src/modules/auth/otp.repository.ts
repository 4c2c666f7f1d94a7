import { type Kysely, sql, type Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** A new challenge for a phone; any earlier unused one stops working. */
export async function createChallenge(
  db: Db,
  phoneHash: string,
  codeHashFor: (id: string) => string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('otp_challenge')
    .set({ consumed_at: at })
    .where('phone_hash', '=', phoneHash)
    .where('consumed_at', 'is', null)
    .execute();
  const id = newId(now.getTime());
  await db
    .insertInto('otp_challenge')
    .values({
      id,
      phone_hash: phoneHash,
      code_hash: codeHashFor(id),
      expires_at: expiresAt.toISOString(),
      consumed_at: null,
      created_at: at,
    })
    .execute();
}

export async function findLiveChallenge(db: Db, phoneHash: string, now: Date) {
  return db
    .selectFrom('otp_challenge')
    .select(['id', 'code_hash', 'attempts'])
    .where('phone_hash', '=', phoneHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Counts a guess at a live challenge before the code is compared: true when the guess may be
 * compared, false when the challenge has no guesses left. One atomic update, so parallel guesses
 * get at most `maxAttempts` comparisons between them.
 */
export async function reserveGuess(db: Db, id: string, maxAttempts: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('otp_challenge')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** After a wrong guess: a challenge with no guesses left is used up. */
export async function burnIfSpent(db: Db, id: string, maxAttempts: number, now: Date): Promise<void> {
  await db
    .updateTable('otp_challenge')
    .set({ consumed_at: now.toISOString() })
    .where('id', '=', id)
    .where('attempts', '>=', maxAttempts)
    .where('consumed_at', 'is', null)
    .execute();
}

/** Uses the challenge up; true only for the one caller that did (a code works once). */
export async function consumeChallenge(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('otp_challenge')
    .set({ consumed_at: now.toISOString() })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Housekeeping: challenges used up or expired before `before` (kept a while for the audit trail). */
export async function purgeOtpChallengesBefore(db: Db, before: Date): Promise<number> {
  const at = before.toISOString();
  const result = await db
    .deleteFrom('otp_challenge')
    .where((eb) => eb.or([eb('expires_at', '<', at), eb('consumed_at', '<', at)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
