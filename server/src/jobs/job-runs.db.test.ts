import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import { buildInstancesOnOneDatabase } from '../testing/shared-database';
import { UNTIL_DONE } from '../testing/test-app';
import { claimRun, finishRun, periodOf, purgeJobRunsBefore } from './job-runs';

/**
 * Two server instances on one database (SQLite file / MySQL): they migrate at once without
 * clashing, and each background job runs once per period between them; a run whose instance died
 * is taken over once its lease has run out.
 */
const HOUR = 3600_000;
const ALL_JOBS = [
  'deadlines',
  'reminders',
  'escalations',
  'aftercare',
  'assistReminders',
  'housekeeping',
  'deliveryReminders',
  'screeningReminders',
  'screeningEscalations',
  'suggestionReminders',
  'statistics',
];
let a: FastifyInstance;
let b: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  const instances = await buildInstancesOnOneDatabase(2);
  [a, b] = instances.apps as [FastifyInstance, FastifyInstance];
  close = instances.close;
});
afterAll(() => close?.());

async function runs(job: string) {
  return a.db.selectFrom('job_run').selectAll().where('job', '=', job).orderBy('period').execute();
}

describe('two instances on one database', () => {
  it('migrate at the same moment: one applies every migration, the other waits and finds none left', async () => {
    const [first, second] = await Promise.all([
      migrateToLatest(a.db, a.dialect),
      migrateToLatest(b.db, b.dialect),
    ]);
    const applied = [first.applied, second.applied].sort((x, y) => y.length - x.length);
    expect(applied[0]?.length).toBeGreaterThan(5);
    expect(applied[1]).toEqual([]);
    expect(await a.db.selectFrom('migration_lease').selectAll().execute()).toEqual([]);
  });

  it('run each job once per period between them, whoever looks first', async () => {
    const t0 = new Date('2031-05-06T01:10:00.000Z');
    const [ranA, ranB] = await Promise.all([a.jobs.runDue(t0), b.jobs.runDue(t0)]);
    expect([...ranA, ...ranB].sort()).toEqual([...ALL_JOBS].sort());

    // Later in the same hour nothing is due on either.
    const later = new Date(t0.getTime() + 40 * 60_000);
    expect([...(await a.jobs.runDue(later)), ...(await b.jobs.runDue(later))]).toEqual([]);

    // The next hour: the hourly jobs once more, the daily ones not.
    const next = new Date(t0.getTime() + HOUR);
    const [nextA, nextB] = await Promise.all([b.jobs.runDue(next), a.jobs.runDue(next)]);
    expect([...nextA, ...nextB].sort()).toEqual([
      'aftercare',
      'assistReminders',
      'deadlines',
      'escalations',
      'reminders',
      'screeningEscalations',
    ]);

    const deadlines = await runs('deadlines');
    expect(deadlines.map((r) => r.period)).toEqual([periodOf(t0, HOUR), periodOf(next, HOUR)]);
    expect(deadlines.every((r) => r.finished_at !== null && r.attempts === 1)).toBe(true);
    expect((await runs('housekeeping')).length).toBe(1);
  });

  it('take over a run whose instance died, once its lease has run out, and only then', async () => {
    const t0 = new Date('2031-05-07T03:00:00.000Z');
    const period = periodOf(t0, HOUR);
    // A third instance claimed the hour's deadline run and died before finishing it.
    expect(
      await claimRun(a.db, { job: 'deadlines', period, holder: 'dead:1', now: t0, leaseMs: 5 * 60_000 }),
    ).toBe(true);
    const during = new Date(t0.getTime() + 60_000);
    expect(await a.jobs.runDue(during)).not.toContain('deadlines');
    expect(await b.jobs.runDue(during)).not.toContain('deadlines');

    const after = new Date(t0.getTime() + 6 * 60_000);
    const [ranA, ranB] = await Promise.all([a.jobs.runDue(after), b.jobs.runDue(after)]);
    expect([...ranA, ...ranB].filter((job) => job === 'deadlines')).toEqual(['deadlines']);
    const [run] = (await runs('deadlines')).filter((r) => r.period === period);
    expect(run).toMatchObject({ attempts: 2, finished_at: expect.any(String) });
    expect(run?.holder).not.toBe('dead:1');

    // The dead instance's late word changes nothing.
    await finishRun(
      a.db,
      { job: 'deadlines', period, holder: 'dead:1', now: after, leaseMs: 1 },
      new Date(0),
    );
    const [still] = (await runs('deadlines')).filter((r) => r.period === period);
    expect(still?.finished_at).toBe(run?.finished_at);
  });

  it('forgets runs older than the retention period', async () => {
    const periods = async () =>
      (await a.db.selectFrom('job_run').select('period').execute()).map((r) => r.period);
    const cutoff = '2031-05-07T00:00:00.000Z';
    const old = (await periods()).filter((p) => p < cutoff);
    expect(old.length).toBeGreaterThan(0);
    expect(await purgeJobRunsBefore(a.db, new Date(cutoff))).toBe(old.length);
    const left = await periods();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((p) => p >= cutoff)).toBe(true);
  });

  it('hold each claim a full lease from when it is made, however long the tick has run', async () => {
    // A tick whose jobs run one after another: a slow one takes six minutes, more than a lease;
    // the job after it is claimed then, and must not be free for the other instance to run too.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const t0 = new Date('2031-05-08T01:00:00.000Z');
      vi.setSystemTime(t0);
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let lateRuns = 0;
      for (const app of [a, b]) {
        app.jobs.schedule('slow', 24 * HOUR, async () => {
          vi.setSystemTime(new Date(Date.now() + 6 * 60_000));
          return {};
        });
        app.jobs.schedule('late', 24 * HOUR, async () => {
          lateRuns += 1;
          if (lateRuns === 1) await gate;
          return {};
        });
      }
      const tick = a.jobs.runDue(t0);
      await vi.waitFor(() => expect(lateRuns).toBe(1), UNTIL_DONE);
      // Seven minutes after the tick began, two after 'late' was claimed: still held.
      expect(await b.jobs.runDue(new Date(t0.getTime() + 7 * 60_000))).toEqual([]);
      release();
      expect(await tick).toEqual(expect.arrayContaining(['slow', 'late']));
      expect(lateRuns).toBe(1);
      const [late] = await runs('late');
      expect(late).toMatchObject({ attempts: 1, finished_at: expect.any(String) });
    } finally {
      vi.useRealTimers();
    }
  });
});
