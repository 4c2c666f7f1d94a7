import { readFileSync } from 'node:fs';
import { type Calendar, type CalendarYear, createCalendar, liveCalendar } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { loadUploadedYears } from '../modules/calendar/calendar.repository';

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
      /** Reads the uploaded years again (after an upload here, and every few minutes for other instances). */
      reload(): Promise<void>;
    };
  }
}

/** How often an instance picks up a year another instance's administrator uploaded. */
const RELOAD_MS = 10 * 60 * 1000;

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

    const live = liveCalendar(() => current);

    async function reload(): Promise<void> {
      const years: CalendarYear[] = [];
      for (const year of await loadUploadedYears(app.db)) {
        try {
          createCalendar([year]);
          years.push(year);
        } catch (error) {
          app.log.error({ err: error, year: year.year }, 'an uploaded calendar year is malformed: ignored');
        }
      }
      uploaded = years;
      current = createCalendar([...fromFile, ...uploaded]);
    }

    app.decorate('calendar', live);
    app.decorate('extraCalendarYears', { getter: () => [...fromFile, ...uploaded] });
    app.decorate('calendarYears', { fromFile, uploaded: () => uploaded, reload });
    if (fromFile.length > 0)
      app.log.info({ years: fromFile.map((y) => y.year) }, 'extra calendar years loaded');

    // The database is migrated by the time the app is ready; a failure leaves the shipped years in use.
    const refresh = () =>
      reload().catch((error: unknown) =>
        app.log.error({ err: error }, 'uploaded calendar years cannot be read'),
      );
    const timer = setInterval(() => void refresh(), RELOAD_MS);
    timer.unref();
    app.addHook('onReady', refresh);
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'calendar', dependencies: ['config', 'database'] },
);
