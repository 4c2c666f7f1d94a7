import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { purgeIdempotencyRecordsBefore } from '../http/idempotency';
import { purgeAuditBefore } from '../modules/audit/audit.query';
import { purgeOtpChallengesBefore } from '../modules/auth/otp.repository';
import { purgeRefreshTokensBefore } from '../modules/auth/sessions';
import { LONGEST_THROTTLE_SECONDS, purgeThrottlesBefore } from '../security/throttle';
import { purgeJobRunsBefore } from './job-runs';

/**
 * Deletes what the identity tables no longer need (PIPL Art 19: keep personal data no longer than
 * the purpose requires; MLPS 2.0 level 3 keeps audit records for the configured period):
 * - audit entries older than the retention period (`AUDIT_RETENTION_DAYS`, default 3 years);
 * - one-time-code challenges used up or expired more than a day ago;
 * - throttle buckets whose window and block ended long ago (a day past the longest rule);
 * - refresh tokens of sessions whose absolute lifetime ended more than a day ago;
 * - Idempotency-Key records past their lifetime (their answers hold query codes);
 * - the record of background jobs' runs older than 90 days.
 * Each deletion stands alone and is safe to repeat, so several servers may run it at once.
 */
export interface HousekeepingReport {
  auditEntries: number;
  otpChallenges: number;
  throttles: number;
  refreshTokens: number;
  idempotencyRecords: number;
  jobRuns: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const JOB_RUN_RETENTION_DAYS = 90;

export async function runHousekeeping(
  db: Kysely<DB>,
  options: { now: Date; auditRetentionDays: number },
): Promise<HousekeepingReport> {
  const now = options.now.getTime();
  const dayAgo = new Date(now - DAY_MS);
  return {
    auditEntries: await purgeAuditBefore(db, new Date(now - options.auditRetentionDays * DAY_MS)),
    otpChallenges: await purgeOtpChallengesBefore(db, dayAgo),
    throttles: await purgeThrottlesBefore(db, new Date(now - LONGEST_THROTTLE_SECONDS * 1000 - DAY_MS)),
    refreshTokens: await purgeRefreshTokensBefore(db, dayAgo),
    idempotencyRecords: await purgeIdempotencyRecordsBefore(db, options.now),
    jobRuns: await purgeJobRunsBefore(db, new Date(now - JOB_RUN_RETENTION_DAYS * DAY_MS)),
  };
}
