import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseUnavailable } from '../db/failures';
import { recordedRun } from '../jobs/job-runs';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /**
       * Background work: run once when the app is ready, then every `everyMs` (with `RUN_JOBS`).
       * `work` answers a report for the log.
       */
      schedule(name: string, everyMs: number, work: () => Promise<object>): void;
      /**
       * Work that runs all along (with `RUN_JOBS`): a round after another while `round` says there
       * is more, a pause of `idleMs` when there is none.
       */
      continually(name: string, idleMs: number, round: () => Promise<boolean>): void;
      /** Runs a scheduled job now (also what its timer does); resolves when it is done. */
      run(name: string): Promise<void>;
    };
  }
}

/**
 * Background work inside the server process, whatever it is: each job runs once when the app is
 * ready and then on its timer; continual work loops until the app closes. Timers are unref'd (they
 * never keep the process alive) and stopped on close, which also waits for runs in progress. A job
 * never runs twice at once. `RUN_JOBS=false` (the test config) starts nothing; `app.jobs.run`
 * still runs a job on demand. What runs is decided elsewhere (src/jobs/schedule.ts): this plugin
 * knows no module.
 */
export default fp(
  async function jobs(app: FastifyInstance) {
    const timers: NodeJS.Timeout[] = [];
    const running = new Map<string, Promise<void>>();
    const scheduled = new Map<string, { everyMs: number; run: () => Promise<void> }>();
    const continual = new Map<string, { idleMs: number; round: () => Promise<boolean> }>();

    const failed = (name: string, err: unknown) =>
      // The database's outage is logged once by its monitor; a job that met it says so briefly.
      err instanceof DatabaseUnavailable
        ? app.log.warn({ job: name, problem: err.kind }, `${name} skipped: the database is unavailable`)
        : app.log.error({ err, job: name }, `${name} failed`);

    const single = (name: string, work: () => Promise<object>) => (): Promise<void> => {
      const current = running.get(name);
      if (current) return current;
      // Each run is noted (job_run), for the administrators' health page.
      const run = recordedRun(app.db, app.log, name, work)
        .then((report) => app.log.info({ job: name, ...report }, `${name} done`))
        .catch((err: unknown) => failed(name, err))
        .finally(() => running.delete(name));
      running.set(name, run);
      return run;
    };

    app.decorate('jobs', {
      schedule(name, everyMs, work) {
        scheduled.set(name, { everyMs, run: single(name, work) });
      },
      continually(name, idleMs, round) {
        continual.set(name, { idleMs, round });
      },
      run(name) {
        const job = scheduled.get(name);
        if (!job) throw new Error(`no job named ${name}`);
        return job.run();
      },
    });

    if (!app.config.runJobs) return;
    let stopping = false;
    const pauses = new Set<() => void>();
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          pauses.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        pauses.add(wake);
      });
    const loop = async (name: string, idleMs: number, round: () => Promise<boolean>) => {
      while (!stopping) {
        const more = await round().catch((err: unknown) => {
          failed(name, err);
          return false;
        });
        if (!more) await pause(idleMs);
      }
    };
    const loops: Promise<void>[] = [];
    app.addHook('onReady', async () => {
      for (const job of scheduled.values()) {
        void job.run();
        timers.push(setInterval(() => void job.run(), job.everyMs));
      }
      for (const timer of timers) timer.unref();
      for (const [name, { idleMs, round }] of continual) loops.push(loop(name, idleMs, round));
    });
    app.addHook('onClose', async () => {
      stopping = true;
      for (const wake of pauses) wake();
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...running.values(), ...loops]);
    });
  },
  { name: 'jobs', dependencies: ['config'] },
);
