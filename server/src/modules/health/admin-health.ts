import type { Calendar } from '@xinfang/shared/clocks';
import { beijingDate, missingCalendarYear } from '@xinfang/shared/clocks';
import type { AdminHealth } from '@xinfang/shared/schemas/admin';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database';
import type { DatabaseMonitor } from '../../db/monitor';
import type { DB } from '../../db/schema';
import { sqliteFileOf, unwritableSqliteFiles } from '../../db/sqlite-files';
import { lastJobRuns } from '../../jobs/job-last-run';
import { outboxBacklog } from '../notifications/outbox.repository';
import { databaseAdvice } from './database-advice';

/** What the health page reads: the database and its monitor, a few settings, the providers. */
export interface AdminHealthDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  monitor: Pick<DatabaseMonitor, 'check' | 'status'>;
  /** DATABASE_URL: a SQLite file's own permissions are asked too. */
  databaseUrl: string;
  /** RUN_JOBS: whether this instance schedules the jobs it lists. */
  runJobs: boolean;
  /** Whether WeChat sign-in and SMS are the development stand-ins (which only log). */
  standIns: { wechat: boolean; sms: boolean };
  calendar: Calendar;
  log: Pick<FastifyBaseLogger, 'error'>;
}

/**
 * The service's health in detail, for administrators: can the database be reached and does it
 * take writes, when did each background job last run and how did it end, and is each provider
 * the real one or the development stand-in (which only logs), and how many notifications wait or
 * could not be delivered. The public `GET /api/health` says only whether the service and its
 * database work; which database and its version are said here alone.
 */
export async function adminHealth(deps: AdminHealthDeps, now: Date): Promise<AdminHealth> {
  const { db, dialect, monitor, calendar } = deps;
  // A bounded probe (DB_PROBE_TIMEOUT_MS), so a frozen database cannot hold this page.
  const version = await monitor.check();
  // A SQLite file made read-only while the server runs (a read-only mount, an immutable file)
  // still takes the write lock, and a write rolled back never reaches it: its files are asked too.
  const file = sqliteFileOf(deps.databaseUrl);
  const unwritable = file ? unwritableSqliteFiles(file) : [];
  // Writes are probed now; the monitor says since when (and why) the database has been in trouble.
  const writable = version !== null && unwritable.length === 0 && (await takesWrites(db, deps.log));
  const { problem } = monitor.status();
  const kind = unwritable.length > 0 ? 'read_only' : (problem?.kind ?? null);
  const runs = version === null ? [] : await lastJobRuns(db).catch(() => []);
  const outbox = version === null ? null : await outboxBacklog(db).catch(() => null);
  const state = (standIn: boolean) => (standIn ? 'stand_in' : 'configured');
  return {
    database: {
      dialect,
      reachable: version !== null,
      writable,
      version,
      problem: writable || !kind ? null : { kind, since: (problem?.since ?? now).toISOString() },
      advice: writable ? null : databaseAdvice(kind, dialect, unwritable),
    },
    outbox,
    jobs: runs.map((run) => ({
      name: run.name,
      scheduledHere: deps.runJobs,
      lastStartedAt: run.started_at,
      lastFinishedAt: run.finished_at,
      outcome: run.outcome,
      error: run.error,
    })),
    providers: [
      { name: 'wechat', state: state(deps.standIns.wechat) },
      { name: 'sms', state: state(deps.standIns.sms) },
      { name: 'storage', state: 'configured' },
    ],
    calendar: {
      years: [...calendar.years],
      missingYear: missingCalendarYear(calendar, beijingDate(now.toISOString())),
    },
  };
}

/**
 * Whether the database takes writes: a write that changes nothing, rolled back. It needs the
 * write lock (SQLite) or a writable server (MySQL's read_only refuses it) as any real write does.
 */
async function takesWrites(db: Kysely<DB>, log: AdminHealthDeps['log']): Promise<boolean> {
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
    log.error({ err: error }, 'health: the database refuses writes');
    return false;
  }
}
