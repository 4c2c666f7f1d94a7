import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { onConflictUpdate } from '../db/dialect';
import type { DB, JobLastRunTable } from '../db/schema';

/**
 * Each background job's last run, kept in the database so that administrators see when every job
 * last ran and how it ended, whichever instance ran it. Writing it never stops the job: a
 * database that cannot take the note is logged, and the job goes on (or fails on its own).
 */
export async function recordedRun(
  db: Kysely<DB>,
  log: FastifyBaseLogger,
  name: string,
  work: () => Promise<object>,
): Promise<object> {
  const started = new Date().toISOString();
  await note(db, log, { name, started_at: started, finished_at: null, outcome: 'running', error: null });
  try {
    const report = await work();
    await note(db, log, {
      name,
      started_at: started,
      finished_at: new Date().toISOString(),
      outcome: 'success',
      error: null,
    });
    return report;
  } catch (error) {
    const { name: kind, message } = error instanceof Error ? error : new Error(String(error));
    await note(db, log, {
      name,
      started_at: started,
      finished_at: new Date().toISOString(),
      outcome: 'failure',
      error: `${kind}: ${message}`.slice(0, 500),
    });
    throw error;
  }
}

async function note(db: Kysely<DB>, log: FastifyBaseLogger, run: JobLastRunTable): Promise<void> {
  const { name, ...rest } = run;
  try {
    await onConflictUpdate(db, db.insertInto('job_last_run').values(run), ['name'], rest).execute();
  } catch (error) {
    log.warn({ err: error, job: name }, 'the job run could not be noted');
  }
}

export async function lastJobRuns(db: Kysely<DB>): Promise<JobLastRunTable[]> {
  return db.selectFrom('job_last_run').selectAll().orderBy('name').execute();
}
