import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type Answer, findKept, type IdempotencyRequest } from '../../http/idempotency';
import type { PiiCipher } from '../../security/pii';
import { reserve, type ThrottleRule } from '../../security/throttle';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * A generous bound on online submissions per petitioner (`SUBMISSIONS_PER_DAY`, 20 by default):
 * far beyond what one person brings — the statute wants every petition registered, Art 21, so the
 * bound only stops a script filling the petition office's queue from one account. The place is
 * reserved before the submission's transaction, so parallel submissions cannot pass the bound
 * together; a submission that fails, or one that only replayed an answer, hands its place back. A
 * retry under an Idempotency-Key already answered gets that answer and takes no place at all, so
 * `submit` runs only when no answer was kept (`onceUnkept`).
 */
export async function withinSubmissionLimit<T>(
  submission: {
    db: Kysely<DB>;
    pii: PiiCipher;
    idem: IdempotencyRequest;
    petitionerId: string;
    now: Date;
    perDay: number;
  },
  submit: () => Promise<Answer<T> & { replayed: boolean }>,
): Promise<Answer<T> & { replayed: boolean }> {
  const { db, petitionerId, now, perDay } = submission;
  const kept = await findKept<T>(db, submission.pii, submission.idem);
  if (kept) return kept;
  const rule: ThrottleRule = { limit: perDay, windowSeconds: DAY_SECONDS, blockSeconds: DAY_SECONDS };
  const place = await reserve(db, [{ key: `submit:${petitionerId}`, rule }], now);
  if (!place.granted) {
    const retryAfterSeconds = Math.max(1, Math.ceil((place.until.getTime() - now.getTime()) / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `您在一天内已提交 ${perDay} 件信访事项，请明天再提交。有紧急情况，请到信访接待窗口或拨打信访电话。`,
      { retryAfterSeconds, limit: perDay },
    );
  }
  let answer: Answer<T> & { replayed: boolean };
  try {
    answer = await submit();
  } catch (error) {
    await place.release();
    throw error;
  }
  if (answer.replayed) await place.release();
  return answer;
}
