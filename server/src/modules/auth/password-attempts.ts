import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import {
  clear,
  clearStartingWith,
  rateLimited,
  reserve,
  retryAfterSeconds,
  whenToRetry,
} from '../../security/throttle';
import { findStaffCredentials } from '../staff/staff.repository';
import { LOGIN_RULES, loginBuckets } from './throttle-rules';

/**
 * One password check for a staff account — at sign-in or at a password change — reserved in the
 * sign-in throttle before the hash is computed (throttle.ts `reserve`), so parallel guesses
 * cannot outrun the count. A refusal is audited by `refused` and answered 429; when this attempt
 * is the one that locks the whole account, an `auth.account_locked` entry about the account is
 * written, which its holder is told about at their next sign-in.
 *
 * Returns what to call when the password was right: the attempt is handed back and this address
 * starts counting afresh for the account.
 */
export async function reservePasswordCheck(
  db: Kysely<DB>,
  attempt: { username: string; ip: string; actor: AuditActor; now: Date },
  refused: () => Promise<void>,
): Promise<{ succeeded(): Promise<void> }> {
  const buckets = loginBuckets(attempt.username, attempt.ip);
  const reservation = await reserve(db, Object.values(buckets), attempt.now);
  if (!reservation.granted) {
    if (reservation.newlyBlocked.includes(buckets.account.key)) await accountLocked(db, attempt);
    await refused();
    if (reservation.refusedBy === buckets.account.key)
      throw accountLockedError(reservation.until, attempt.now);
    throw rateLimited(reservation.until, attempt.now);
  }
  return {
    async succeeded() {
      await reservation.release();
      await clear(db, buckets.accountFromAddress.key);
    },
  };
}

/**
 * The 429 of a locked account. Its holder may have tried once, so "too many tries" would mislead:
 * say the account is locked by wrong passwords, and that an administrator's reset lifts it. An
 * unknown username locks the same way (its buckets count too), so this tells a stranger nothing.
 */
function accountLockedError(until: Date, now: Date): AppError {
  return new AppError(
    'RATE_LIMITED',
    `该账号因多次输错密码已被暂时锁定，请${whenToRetry(until, now)}再试，或请管理员重置密码`,
    { retryAfterSeconds: retryAfterSeconds(until, now) },
  );
}

/**
 * Lifts every sign-in hold on the account — the lock for everyone and each address's — when an
 * administrator gives it a fresh credential: the guesses were at a password that no longer works,
 * and otherwise whoever keeps guessing keeps the holder out for good.
 */
export async function releaseAccountLock(db: Kysely<DB>, username: string): Promise<void> {
  const buckets = loginBuckets(username, '');
  await clear(db, buckets.account.key);
  await clearStartingWith(db, buckets.accountFromAddress.key);
}

async function accountLocked(
  db: Kysely<DB>,
  attempt: { username: string; actor: AuditActor; now: Date },
): Promise<void> {
  const account = await findStaffCredentials(db, attempt.username.trim());
  if (!account) return;
  await recordAudit(
    db,
    attempt.actor,
    {
      action: 'auth.account_locked',
      outcome: 'denied',
      target: { type: 'staff', id: account.id },
      details: { minutes: LOGIN_RULES.account.blockSeconds / 60 },
      unitPath: account.unit_path,
    },
    attempt.now,
  );
}
