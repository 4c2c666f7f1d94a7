import { beijingDate, missingCalendarYear } from '@xinfang/shared/clocks';
import type { AdminHealth } from '@xinfang/shared/schemas/admin';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { sqliteFileOf, unwritableSqliteFiles } from '../../db/sqlite-files';
import { LogSmsSender } from '../../integrations/sms/log-sms-sender';
import { DevWechatAuth } from '../../integrations/wechat/dev-wechat-auth';
import { lastJobRuns } from '../../jobs/job-last-run';
import { outboxBacklog } from '../notifications/outbox.repository';
import { databaseAdvice } from './database-advice';

/**
 * The service's health in detail, for administrators: can the database be reached and does it
 * take writes, when did each background job last run and how did it end, and is each provider
 * the real one or the development stand-in (which only logs), and how many notifications wait or
 * could not be delivered. The public `GET /api/health` says only whether the service and its
 * database work; which database and its version are said here alone.
 */
export async function adminHealth(app: FastifyInstance, now: Date): Promise<AdminHealth> {
  // A bounded probe (DB_PROBE_TIMEOUT_MS), so a frozen database cannot hold this page.
  const version = await app.dbMonitor.check();
  // A SQLite file made read-only while the server runs (a read-only mount, an immutable file)
  // still takes the write lock, and a write rolled back never reaches it: its files are asked too.
  const file = sqliteFileOf(app.config.databaseUrl);
  const unwritable = file ? unwritableSqliteFiles(file) : [];
  // Writes are probed now; the monitor says since when (and why) the database has been in trouble.
  const writable = version !== null && unwritable.length === 0 && (await takesWrites(app.db, app));
  const { problem } = app.dbMonitor.status();
  const kind = unwritable.length > 0 ? 'read_only' : (problem?.kind ?? null);
  const runs = version === null ? [] : await lastJobRuns(app.db).catch(() => []);
  const outbox = version === null ? null : await outboxBacklog(app.db).catch(() => null);
  return {
    database: {
      dialect: app.dialect,
      reachable: version !== null,
      writable,
      version,
      problem: writable || !kind ? null : { kind, since: (problem?.since ?? now).toISOString() },
      advice: writable ? null : databaseAdvice(kind, app.dialect, unwritable),
    },
    outbox,
    jobs: runs.map((run) => ({
      name: run.name,
      scheduledHere: app.config.runJobs,
      lastStartedAt: run.started_at,
      lastFinishedAt: run.finished_at,
      outcome: run.outcome,
      error: run.error,
    })),
    providers: [
      { name: 'wechat', state: app.wechatAuth instanceof DevWechatAuth ? 'stand_in' : 'configured' },
      { name: 'sms', state: app.smsSender instanceof LogSmsSender ? 'stand_in' : 'configured' },
      { name: 'storage', state: 'configured' },
    ],
    calendar: {
      years: [...app.calendar.years],
      missingYear: missingCalendarYear(app.calendar, beijingDate(now.toISOString())),
    },
  };
}

/**
 * Whether the database takes writes: a write that changes nothing, rolled back. It needs the
 * write lock (SQLite) or a writable server (MySQL's read_only refuses it) as any real write does.
 */
async function takesWrites(db: Kysely<DB>, app: FastifyInstance): Promise<boolean> {
  const probe = new Error('probe: rolled back on purpose');
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('job_last_run')
        .set({ name: 'probe' })
        .where('name', '=', '')
        .where('name', '<>', '')
        .execute();
      throw probe;
    });
    return true;
  } catch (error) {
    if (error === probe) return true;
    app.log.error({ err: error }, 'health: the database refuses writes');
    return false;
  }
}
