import { loadConfig } from '@xinfang/server/config';
import { runHousekeeping } from '@xinfang/server/jobs/housekeeping';
import { buildTestApp, type TestApp, UNTIL_DONE } from '@xinfang/server/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogCapture } from './support';

/**
 * The housekeeping job (retention): run directly against the database of the project's dialect,
 * on rows placed on either side of every boundary; and run by the server at start when jobs are on.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2027-06-15T08:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

let ids = 0;
const id = (label: string) => {
  ids += 1;
  return `01HK${label.toUpperCase().padEnd(10, '0').slice(0, 10)}${String(ids).padStart(12, '0')}`;
};

async function addAudit(app: FastifyInstance, at: string, action: string) {
  await app.db
    .insertInto('audit_log')
    .values({
      id: id('audit'),
      at,
      actor_type: 'system',
      actor_id: null,
      action,
      target_type: null,
      target_id: null,
      outcome: 'success',
      unit_path: null,
      ip: null,
      request_id: null,
      details: null,
    })
    .execute();
}

async function addChallenge(
  app: FastifyInstance,
  label: string,
  expiresAt: string,
  consumedAt: string | null,
) {
  await app.db
    .insertInto('otp_challenge')
    .values({
      id: id(label),
      phone_hash: label,
      code_hash: 'f'.repeat(64),
      expires_at: expiresAt,
      consumed_at: consumedAt,
      created_at: new Date(Date.parse(expiresAt) - 5 * 60_000).toISOString(),
    })
    .execute();
}

async function addThrottle(
  app: FastifyInstance,
  bucket: string,
  windowStartedAt: string,
  blockedUntil: string | null,
) {
  await app.db
    .insertInto('throttle')
    .values({ bucket, hits: 3, window_started_at: windowStartedAt, blocked_until: blockedUntil })
    .execute();
}

async function addRefreshTokens(
  app: FastifyInstance,
  family: string,
  familyExpiresAt: string,
  count: number,
) {
  for (let i = 0; i < count; i += 1) {
    await app.db
      .insertInto('refresh_token')
      .values({
        id: id(`rt${family}`),
        family_id: family,
        subject_type: 'petitioner',
        subject_id: '01HKSUBJECT000000000000000',
        token_hash: `${family}-${i}`.padEnd(64, '0'),
        created_at: ago(30 * DAY),
        expires_at: familyExpiresAt,
        family_expires_at: familyExpiresAt,
        used_at: i < count - 1 ? ago(2 * DAY) : null,
        revoked_at: null,
      })
      .execute();
  }
}

describe('the housekeeping job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  it('deletes what is past its time and keeps everything else', async () => {
    const app = t.app;
    await addAudit(app, ago(366 * DAY), 'test.too_old');
    await addAudit(app, ago(364 * DAY), 'test.kept');
    await addAudit(app, ago(HOUR), 'test.recent');

    await addChallenge(app, 'expiredlong', ago(25 * HOUR), null);
    await addChallenge(app, 'usedlong', ago(25 * HOUR - 60_000), ago(25 * HOUR));
    await addChallenge(app, 'expiredrecent', ago(23 * HOUR), null);
    await addChallenge(app, 'usedrecent', new Date(NOW.getTime() + 4 * 60_000).toISOString(), ago(60_000));
    await addChallenge(app, 'live', new Date(NOW.getTime() + 4 * 60_000).toISOString(), null);

    await addThrottle(app, 'stale', ago(3 * DAY), null);
    await addThrottle(app, 'stale-block-over', ago(4 * DAY), ago(3 * DAY));
    await addThrottle(app, 'day-window-recent', ago(47 * HOUR), null);
    await addThrottle(app, 'block-ended-recently', ago(3 * DAY), ago(DAY + HOUR));
    await addThrottle(app, 'still-blocked', ago(3 * DAY), new Date(NOW.getTime() + HOUR).toISOString());

    await addRefreshTokens(app, 'FAMILYGONE', ago(25 * HOUR), 3);
    await addRefreshTokens(app, 'FAMILYRECENT', ago(23 * HOUR), 2);
    await addRefreshTokens(app, 'FAMILYLIVE', new Date(NOW.getTime() + 5 * DAY).toISOString(), 2);

    for (const [key, expiresAt] of [
      ['expired-key', ago(HOUR)],
      ['live-key', new Date(NOW.getTime() + HOUR).toISOString()],
    ] as const) {
      await app.db
        .insertInto('idempotency_record')
        .values({
          scope: 'petitioner:01HKSUBJECT000000000000000',
          idem_key: key,
          request_hash: 'x'.repeat(64),
          response_status: 201,
          response_cipher: 'sealed',
          created_at: ago(2 * DAY),
          expires_at: expiresAt,
        })
        .execute();
    }

    const report = await runHousekeeping(app.db, { now: NOW, auditRetentionDays: 365 });
    expect(report).toEqual({
      auditEntries: 1,
      otpChallenges: 2,
      throttles: 2,
      refreshTokens: 3,
      idempotencyRecords: 1,
      jobRuns: 0,
    });
    const keys = await app.db.selectFrom('idempotency_record').select('idem_key').execute();
    expect(keys.map((k) => k.idem_key)).toEqual(['live-key']);

    const actions = (await app.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions.sort()).toEqual(['test.kept', 'test.recent']);
    const challenges = (await app.db.selectFrom('otp_challenge').select('phone_hash').execute()).map(
      (r) => r.phone_hash,
    );
    expect(challenges.sort()).toEqual(['expiredrecent', 'live', 'usedrecent']);
    const buckets = (await app.db.selectFrom('throttle').select('bucket').execute()).map((r) => r.bucket);
    expect(buckets.sort()).toEqual(['block-ended-recently', 'day-window-recent', 'still-blocked']);
    const families = await app.db.selectFrom('refresh_token').select('family_id').execute();
    expect(families.map((r) => r.family_id).sort()).toEqual([
      'FAMILYLIVE',
      'FAMILYLIVE',
      'FAMILYRECENT',
      'FAMILYRECENT',
    ]);

    // Running again finds nothing more: it is safe to repeat, and several servers may run it.
    expect(await runHousekeeping(app.db, { now: NOW, auditRetentionDays: 365 })).toEqual({
      auditEntries: 0,
      otpChallenges: 0,
      throttles: 0,
      refreshTokens: 0,
      idempotencyRecords: 0,
      jobRuns: 0,
    });
  });

  it('keeps audit entries for the configured period (three years by default)', async () => {
    expect(loadConfig({}).auditRetentionDays).toBe(3 * 365);
    await addAudit(t.app, ago(3 * 365 * DAY - DAY), 'test.three_years_less_a_day');
    await addAudit(t.app, ago(3 * 365 * DAY + DAY), 'test.three_years_and_a_day');
    const report = await runHousekeeping(t.app.db, { now: NOW, auditRetentionDays: 3 * 365 });
    expect(report.auditEntries).toBe(1);
    const actions = (await t.app.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions).toContain('test.three_years_less_a_day');
    expect(actions).not.toContain('test.three_years_and_a_day');
  });

  it('is not scheduled when jobs are off (as in tests), though it still runs on demand', async () => {
    expect(loadConfig({}).runJobs).toBe(true);
    expect(loadConfig({ RUN_JOBS: 'false' }).runJobs).toBe(false);
    expect(() => loadConfig({ RUN_JOBS: 'sometimes' })).toThrow(/RUN_JOBS/);

    expect(t.config.runJobs).toBe(false);
    await addAudit(t.app, new Date(Date.now() - 4 * 365 * DAY).toISOString(), 'test.ancient');
    await t.app.ready();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const actions = async () =>
      (await t.app.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(await actions()).toContain('test.ancient');
    await t.app.jobs.run('housekeeping');
    expect(await actions()).not.toContain('test.ancient');
  });
});

describe('the server runs its jobs', () => {
  it('every job once it is ready, each under its period’s claim, looked for again every minute; stops on close', async () => {
    const logs = new LogCapture();
    const t = await buildTestApp({ runJobs: true, logLevel: 'info' }, { logDestination: logs.stream });
    try {
      await addAudit(t.app, new Date(Date.now() - 4 * 365 * DAY).toISOString(), 'test.ancient');
      const setInterval = vi.spyOn(globalThis, 'setInterval');
      await t.app.ready();
      await vi.waitFor(async () => {
        expect(await t.app.db.selectFrom('audit_log').select('id').execute()).toEqual([]);
      }, UNTIL_DONE);
      await vi.waitFor(
        () => expect(logs.lines.some((l) => l.includes('housekeeping done'))).toBe(true),
        UNTIL_DONE,
      );
      await vi.waitFor(
        () => expect(logs.lines.some((l) => l.includes('deadlines done'))).toBe(true),
        UNTIL_DONE,
      );
      const everyMinute = setInterval.mock.calls.find(([, ms]) => ms === 60_000);
      setInterval.mockRestore();
      expect(everyMinute).toBeDefined();
      // Each job claimed its period (hour or day) and finished it: another instance would skip it.
      await vi.waitFor(async () => {
        const runs = await t.app.db.selectFrom('job_run').select(['job', 'finished_at']).execute();
        expect(
          runs
            .filter((r) => r.finished_at !== null)
            .map((r) => r.job)
            .sort(),
        ).toEqual([
          'aftercare',
          'assistReminders',
          'deadlines',
          'deliveryReminders',
          'escalations',
          'housekeeping',
          'reminders',
          'screeningEscalations',
          'screeningReminders',
          'statistics',
          'suggestionReminders',
        ]);
      }, UNTIL_DONE);
      expect(JSON.parse(logs.lines.find((l) => l.includes('housekeeping done')) ?? '{}')).toMatchObject({
        job: 'housekeeping',
        auditEntries: 1,
      });
    } finally {
      await t.close();
    }
  });
});
