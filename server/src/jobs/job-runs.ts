import { type Kysely, sql } from 'kysely';
import { insertUnlessExists } from '../db/dialect';
import type { DB } from '../db/schema';

/**
 * The claims that make each background job run once per period across all instances. A claim is
 * the `job_run` row of (job, period): whoever inserts it runs the job, everyone else skips it. The
 * claim is a lease: the holder renews it while running and marks the run finished; a run left
 * unfinished past its lease (its instance died, or the run failed) is taken over by the next
 * instance that looks, so a period's work is never lost, only delayed by one lease.
 */
export interface RunClaim {
  job: string;
  /** The period's start (see `periodOf`). */
  period: string;
  holder: string;
  now: Date;
  leaseMs: number;
}

/** The start of the period of length `periodMs` that `now` falls in (periods count from the epoch, UTC). */
export function periodOf(now: Date, periodMs: number): string {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
}

/** Claims the job's period for `holder`: true when this instance is to run it now. */
export async function claimRun(db: Kysely<DB>, claim: RunClaim): Promise<boolean> {
  const now = claim.now.toISOString();
  const expires_at = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  const inserted = await insertUnlessExists(
    db,
    db.insertInto('job_run').values({
      job: claim.job,
      period: claim.period,
      holder: claim.holder,
      expires_at,
      attempts: 1,
      started_at: now,
      finished_at: null,
    }),
  ).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  const taken = await db
    .updateTable('job_run')
    .set({ holder: claim.holder, expires_at, attempts: sql<number>`attempts + 1`, started_at: now })
    .where('job', '=', claim.job)
    .where('period', '=', claim.period)
    .where('finished_at', 'is', null)
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Extends a running claim; false when it was taken over (the holder should stop soon). */
export async function renewRun(db: Kysely<DB>, claim: RunClaim): Promise<boolean> {
  const result = await db
    .updateTable('job_run')
    .set({ expires_at: new Date(claim.now.getTime() + claim.leaseMs).toISOString() })
    .where('job', '=', claim.job)
    .where('period', '=', claim.period)
    .where('holder', '=', claim.holder)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the run done, if this holder still holds it. */
export async function finishRun(db: Kysely<DB>, claim: RunClaim, at: Date): Promise<void> {
  await db
    .updateTable('job_run')
    .set({ finished_at: at.toISOString(), expires_at: at.toISOString() })
    .where('job', '=', claim.job)
    .where('period', '=', claim.period)
    .where('holder', '=', claim.holder)
    .where('finished_at', 'is', null)
    .execute();
}

/** Runs older than `before`: history past any use (housekeeping deletes them). */
export async function purgeJobRunsBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('job_run').where('period', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
