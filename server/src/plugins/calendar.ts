import { readFileSync } from 'node:fs';
import { type Calendar, type CalendarYear, createCalendar } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The working-day calendar every clock is counted with: shipped years plus the configured extra ones. */
    calendar: Calendar;
    /** The extra years from CALENDAR_FILE, served to the app so both count the same days. */
    extraCalendarYears: readonly CalendarYear[];
  }
}

export default fp(
  async function calendar(app: FastifyInstance) {
    const file = app.config.calendarFile;
    let extra: CalendarYear[] = [];
    if (file) {
      try {
        extra = JSON.parse(readFileSync(file, 'utf8')) as CalendarYear[];
        if (!Array.isArray(extra)) throw new Error('the file must hold an array of calendar years');
      } catch (error) {
        throw new Error(`CALENDAR_FILE ${file} cannot be read: ${(error as Error).message}`);
      }
    }
    // createCalendar checks every date and refuses a malformed year at boot.
    app.decorate('calendar', createCalendar(extra));
    app.decorate('extraCalendarYears', extra);
    if (extra.length > 0) app.log.info({ years: extra.map((y) => y.year) }, 'extra calendar years loaded');
  },
  { name: 'calendar', dependencies: ['config'] },
);
