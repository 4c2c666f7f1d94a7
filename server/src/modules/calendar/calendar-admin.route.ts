import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminCalendarSchema,
  CalendarPreviewSchema,
  CalendarUploadBodySchema,
} from '@xinfang/shared/schemas/admin';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
import { createCalendarAdmin } from './calendar-admin.service';

/** The working-day calendar's years, for administrators (the public calendar: calendar.route.ts). */
const calendarAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const calendar = createCalendarAdmin({
    db: app.db,
    calendar: app.calendar,
    calendarYears: app.calendarYears,
    extraYears: () => app.extraCalendarYears,
    writer: petitionDeps(app).writer,
  });
  const admin = rolesWith('administer');
  const tags = ['system'];

  app.get(
    '/admin/calendar',
    {
      config: { access: { staff: admin } },
      schema: {
        tags,
        summary: 'The calendar years in use, where each comes from, and the year that is missing',
        response: answers({ 200: AdminCalendarSchema }),
      },
    },
    async (request) => calendar.view(staffOf(request), new Date()),
  );

  app.post(
    '/admin/calendar/preview',
    {
      config: { access: { staff: admin } },
      schema: {
        tags,
        summary:
          "A year's notice read, and the days it changes against the calendar in use (nothing is saved)",
        body: CalendarUploadBodySchema,
        response: answers({ 200: CalendarPreviewSchema }),
      },
    },
    async (request) => calendar.preview(request.body, new Date()),
  );

  app.put(
    '/admin/calendar/years',
    {
      config: { access: { staff: admin } },
      schema: {
        tags,
        summary: "Upload a year's schedule (an admin at the top only); every clock counts with it at once",
        body: CalendarUploadBodySchema,
        response: answers({ 200: AdminCalendarSchema }),
      },
    },
    async (request) => {
      const context = contextOf(request);
      return calendar.upload({ ...context, principal: staffOf(request) }, request.body);
    },
  );
};

export default calendarAdminRoutes;
