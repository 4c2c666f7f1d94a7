import { readFileSync } from 'node:fs';
import {
  type Calendar,
  type CalendarYear,
  calendarExceptions,
  createCalendar,
  liveCalendar,
} from '@xinfang/shared/clocks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { loadUploadedYears, uploadStamp } from '../modules/calendar/calendar.repository';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The working-day calendar every clock is counted with: the shipped years, the configured extra
     * ones and those administrators uploaded. Always the current one: an upload applies at once.
     */
    calendar: Calendar;
    /** The extra years (CALENDAR_FILE's, then the uploaded ones), served to the app so both count the same days. */
    extraCalendarYears: readonly CalendarYear[];
    calendarYears: {
      /** The years from CALENDAR_FILE and from the database, by where they come from. */
      fromFile: readonly CalendarYear[];
      uploaded(): readonly CalendarYear[];
      /** Reads the uploaded years again (after an upload here, or when `check` finds one). */
      reload(): Promise<void>;
      /** Reads again when another instance has uploaded a year since (one small read). */
      check(): Promise<void>;
      /**
       * `work`, counted with the calendar as it is after `check`: a change found later waits for it
       * to end before the cases it may have counted are counted again (every write request and
       * every job that counts days runs so).
       */
      counting<T>(work: () => Promise<T>): Promise<T>;
      /**
       * What to do when the calendar this instance counts with changes: `previous` is the one it
       * counted with, `changedSince` the earliest time a case may have been written with it after
       * the change was saved. Run in the background, once the work counted with `previous` ended.
       */
      onChange(listener: (previous: Calendar, changedSince: Date) => Promise<unknown>): void;
      /** Resolves when the listeners of the changes found so far are done. */
      settled(): Promise<void>;
    };
  }
}

/** How often an idle instance looks for a year another instance's administrator uploaded. */
const CHECK_MS = 60 * 1000;
/** Before the first write of a change: a request's own `now` is taken a little before it counts. */
const WRITE_MARGIN_MS = 60 * 1000;
const COUNTING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export default fp(
  async function calendar(app: FastifyInstance) {
    const file = app.config.calendarFile;
    let fromFile: CalendarYear[] = [];
    if (file) {
      try {
        fromFile = JSON.parse(readFileSync(file, 'utf8')) as CalendarYear[];
        if (!Array.isArray(fromFile)) throw new Error('the file must hold an array of calendar years');
      } catch (error) {
        throw new Error(`CALENDAR_FILE ${file} cannot be read: ${(error as Error).message}`);
      }
    }
    // createCalendar checks every date and refuses a malformed year at boot.
    let current = createCalendar(fromFile);
    let uploaded: CalendarYear[] = [];
    /** The uploads' stamp the calendar in use was read with. */
    let stamp: string | null = null;

    const live = liveCalendar(() => current);

    // Work counting with the calendar, by the generation of the calendar it started with: a change
    // of calendar waits for the work of the generations before it, then its listeners count again
    // what was written since `windowStart` (the earliest start of work that may have used the old).
    let generation = 0;
    const counting = new Set<{ generation: number; start: number; done: Promise<void> }>();
    let windowStart = Date.now();
    const listeners: ((previous: Calendar, changedSince: Date) => Promise<unknown>)[] = [];
    let changes: Promise<void> = Promise.resolve();

    function enter(): () => void {
      let leave = () => {};
      const ticket = {
        generation,
        start: Date.now(),
        done: new Promise<void>((resolve) => {
          leave = resolve;
        }),
      };
      counting.add(ticket);
      return () => {
        counting.delete(ticket);
        leave();
      };
    }

    function changed(previous: Calendar, next: Calendar): boolean {
      const before = calendarExceptions(previous);
      const after = calendarExceptions(next);
      return before.size !== after.size || [...after].some(([year, days]) => before.get(year) !== days);
    }

    let reading: Promise<void> = Promise.resolve();
    function reload(): Promise<void> {
      reading = reading
        .catch(() => {})
        .then(async () => {
          const stampRead = await uploadStamp(app.db);
          const years: CalendarYear[] = [];
          for (const year of await loadUploadedYears(app.db)) {
            try {
              createCalendar([year]);
              years.push(year);
            } catch (error) {
              app.log.error(
                { err: error, year: year.year },
                'an uploaded calendar year is malformed: ignored',
              );
            }
          }
          const previous = current;
          uploaded = years;
          current = createCalendar([...fromFile, ...uploaded]);
          const first = stamp === null;
          stamp = stampRead;
          if (first || !changed(previous, current)) return;
          generation += 1;
          const older = [...counting].filter((t) => t.generation < generation);
          const since = new Date(Math.min(windowStart, ...older.map((t) => t.start)) - WRITE_MARGIN_MS);
          windowStart = Date.now();
          changes = changes.then(async () => {
            await Promise.all(older.map((t) => t.done));
            for (const listener of listeners)
              await listener(previous, since).catch((err: unknown) =>
                app.log.error({ err }, 'counting again with the changed calendar failed'),
              );
          });
        });
      return reading;
    }

    async function check(): Promise<void> {
      const now = Date.now();
      try {
        if ((await uploadStamp(app.db)) !== stamp) await reload();
        else windowStart = Math.min(now, ...[...counting].map((t) => t.start));
      } catch (error) {
        // The work goes on with the calendar in hand; a change found later counts it again.
        app.log.warn({ err: error }, 'uploaded calendar years cannot be checked');
      }
    }

    async function countingWith<T>(work: () => Promise<T>): Promise<T> {
      await check();
      const leave = enter();
      try {
        return await work();
      } finally {
        leave();
      }
    }

    app.decorate('calendar', live);
    app.decorate('extraCalendarYears', { getter: () => [...fromFile, ...uploaded] });
    app.decorate('calendarYears', {
      fromFile,
      uploaded: () => uploaded,
      reload,
      check,
      counting: countingWith,
      onChange: (listener) => void listeners.push(listener),
      settled: () => changes,
    });
    if (fromFile.length > 0)
      app.log.info({ years: fromFile.map((y) => y.year) }, 'extra calendar years loaded');

    // Every request that may write counts with the calendar as the database has it, checked first
    // (one read), so a year another instance uploaded applies here before the next count. Public
    // routes (signing in, the lookup by number) store no count of days.
    const leaving = new WeakMap<FastifyRequest, () => void>();
    app.addHook('preHandler', async (request) => {
      if (!COUNTING_METHODS.has(request.method)) return;
      const access = request.routeOptions.config.access;
      if (access && 'public' in access) return;
      await check();
      leaving.set(request, enter());
    });
    const leave = async (request: FastifyRequest) => {
      leaving.get(request)?.();
      leaving.delete(request);
    };
    app.addHook('onResponse', leave);
    app.addHook('onRequestAbort', leave);

    // The database is migrated by the time the app is ready; a failure leaves the shipped years in use.
    const refresh = () =>
      reload().catch((error: unknown) =>
        app.log.error({ err: error }, 'uploaded calendar years cannot be read'),
      );
    const timer = setInterval(() => void check(), CHECK_MS);
    timer.unref();
    app.addHook('onReady', refresh);
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await changes;
    });
  },
  { name: 'calendar', dependencies: ['config', 'database'] },
);
