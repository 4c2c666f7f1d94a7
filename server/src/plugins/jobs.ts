import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /**
       * Background work: run once when the app is ready, then every `everyMs` (with `RUN_JOBS`).
       * `work` answers a report for the log.
       */
      schedule(name: string, everyMs: number, work: () => Promise<object>): void;
      /** Runs a scheduled job now (also what its timer does); resolves when it is done. */
      run(name: string): Promise<void>;
    };
  }
}

/**
 * Background work inside the server process, whatever it is: each job runs once when the app is
 * ready and then on its timer. Timers are unref'd (they never keep the process alive) and stopped
 * on close, which also waits for runs in progress. A job never runs twice at once.
 * `RUN_JOBS=false` (the test config) starts nothing; `app.jobs.run` still runs a job on demand.
 * What runs is decided elsewhere (src/jobs/schedule.ts): this plugin knows no module.
 */
export default fp(
  async function jobs(app: FastifyInstance) {
    const timers: NodeJS.Timeout[] = [];
    const running = new Map<string, Promise<void>>();
    const scheduled = new Map<string, { everyMs: number; run: () => Promise<void> }>();

    const single = (name: string, work: () => Promise<object>) => (): Promise<void> => {
      const current = running.get(name);
      if (current) return current;
      const run = work()
        .then((report) => app.log.info({ job: name, ...report }, `${name} done`))
        .catch((err: unknown) => app.log.error({ err, job: name }, `${name} failed`))
        .finally(() => running.delete(name));
      running.set(name, run);
      return run;
    };

    app.decorate('jobs', {
      schedule(name, everyMs, work) {
        scheduled.set(name, { everyMs, run: single(name, work) });
      },
      run(name) {
        const job = scheduled.get(name);
        if (!job) throw new Error(`no job named ${name}`);
        return job.run();
      },
    });

    if (!app.config.runJobs) return;
    app.addHook('onReady', async () => {
      for (const job of scheduled.values()) {
        void job.run();
        timers.push(setInterval(() => void job.run(), job.everyMs));
      }
      for (const timer of timers) timer.unref();
    });
    app.addHook('onClose', async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    });
  },
  { name: 'jobs', dependencies: ['config'] },
);
