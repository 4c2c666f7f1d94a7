import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseUnavailable } from '../db/failures';
import { newHolderName } from '../db/holder';
import { recordedRun } from '../jobs/job-last-run';
import { claimRun, finishRun, periodOf, type RunClaim, renewRun } from '../jobs/job-runs';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /**
       * Background work: once per period of `everyMs` across all instances (with `RUN_JOBS`),
       * whichever claims the period first. `work` answers a report for the log.
       */
      schedule(name: string, everyMs: number, work: () => Promise<object>): void;
      /**
       * Work that runs all along (with `RUN_JOBS`): a round after another while `round` says there
       * is more, a pause of `idleMs` when there is none.
       */
      continually(name: string, idleMs: number, round: () => Promise<boolean>): void;
      /** Runs a scheduled job now, here, unclaimed; resolves when it is done. */
      run(name: string): Promise<void>;
      /**
       * Runs, under their claims, the scheduled jobs whose period (as of `now`) no instance has run
       * yet — what the timer does every minute. Resolves with the jobs this instance ran.
       */
      runDue(now?: Date): Promise<string[]>;
    };
  }
}

/** How often an instance looks for a job due; a dead instance's run is taken over within a lease and a tick. */
const TICK_MS = 60 * 1000;
/** How long a job's claim stands unrenewed (renewed every third of it while the job runs). */
const JOB_LEASE_MS = 5 * 60 * 1000;

/**
 * Background work inside the server process, whatever it is: each scheduled job runs once per
 * period across all instances — the first to claim the period (jobs/job-runs.ts) runs it; every
 * instance looks when the app is ready and every minute after — and continual work loops until the
 * app closes (safe on several instances: the outbox claims each message). Timers are unref'd (they
 * never keep the process alive) and stopped on close, which also waits for runs in progress. A job
 * never runs twice at once. `RUN_JOBS=false` (the test config) starts nothing; `app.jobs.run`
 * still runs a job on demand. What runs is decided elsewhere (src/jobs/schedule.ts): this plugin
 * knows no module.
 */
export default fp(
  async function jobs(app: FastifyInstance) {
    const timers: NodeJS.Timeout[] = [];
    const running = new Map<string, Promise<boolean>>();
    const scheduled = new Map<string, { periodMs: number; run: () => Promise<boolean> }>();
    const continual = new Map<string, { idleMs: number; round: () => Promise<boolean> }>();
    const holder = newHolderName();

    const failed = (name: string, err: unknown) =>
      // The database's outage is logged once by its monitor; a job that met it says so briefly.
      err instanceof DatabaseUnavailable
        ? app.log.warn({ job: name, problem: err.kind }, `${name} skipped: the database is unavailable`)
        : app.log.error({ err, job: name }, `${name} failed`);

    /** Runs the job unless it is running here already; resolves true when it succeeded. */
    const single = (name: string, work: () => Promise<object>) => (): Promise<boolean> => {
      const current = running.get(name);
      if (current) return current;
      // Each run is noted (job_last_run), for the administrators' health page.
      const run = recordedRun(app.db, app.log, name, work)
        .then((report) => {
          app.log.info({ job: name, holder, ...report }, `${name} done`);
          return true;
        })
        .catch((err: unknown) => {
          failed(name, err);
          return false;
        })
        .finally(() => running.delete(name));
      running.set(name, run);
      return run;
    };

    const runClaimed = async (
      claim: RunClaim,
      clock: () => Date,
      run: () => Promise<boolean>,
    ): Promise<void> => {
      const renewal = setInterval(() => {
        void renewRun(app.db, { ...claim, now: clock() }).catch(() => {});
      }, JOB_LEASE_MS / 3);
      try {
        // A failed run stays unfinished: its lease runs out and the next look tries it again.
        if (await run()) await finishRun(app.db, claim, clock());
      } finally {
        clearInterval(renewal);
      }
    };
    const runDue = async (now = new Date()): Promise<string[]> => {
      const ran: string[] = [];
      // The tick's `now` picks the periods; each claim and renewal is stamped with the time it is
      // made (`now` plus the time the tick has taken so far), so a job claimed late in a long tick
      // holds its full lease, not one that began with the tick and may have run out already.
      const started = Date.now();
      const clock = () => new Date(now.getTime() + (Date.now() - started));
      for (const [job, { periodMs, run }] of scheduled) {
        const period = periodOf(now, periodMs);
        const claim = { job, period, holder, now: clock(), leaseMs: JOB_LEASE_MS };
        try {
          if (!(await claimRun(app.db, claim))) continue;
          await runClaimed(claim, clock, run);
          ran.push(job);
        } catch (err) {
          failed(job, err);
        }
      }
      return ran;
    };

    app.decorate('jobs', {
      schedule(name, everyMs, work) {
        scheduled.set(name, { periodMs: everyMs, run: single(name, work) });
      },
      continually(name, idleMs, round) {
        continual.set(name, { idleMs, round });
      },
      async run(name) {
        const job = scheduled.get(name);
        if (!job) throw new Error(`no job named ${name}`);
        await job.run();
      },
      runDue,
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
    let looking: Promise<unknown> | null = null;
    const look = () => {
      if (stopping) return;
      looking ??= runDue().finally(() => {
        looking = null;
      });
    };
    app.addHook('onReady', async () => {
      look();
      timers.push(setInterval(look, TICK_MS));
      for (const timer of timers) timer.unref();
      for (const [name, { idleMs, round }] of continual) loops.push(loop(name, idleMs, round));
    });
    app.addHook('onClose', async () => {
      stopping = true;
      for (const wake of pauses) wake();
      for (const timer of timers) clearInterval(timer);
      await Promise.all([looking, ...running.values(), ...loops]);
    });
  },
  { name: 'jobs', dependencies: ['config', 'database'] },
);
