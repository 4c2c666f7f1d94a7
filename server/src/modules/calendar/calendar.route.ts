import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { answers } from '../../http/responses';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The calendar years added at runtime, so the app counts statutory days exactly as the server does. */
const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/calendar',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary:
          'Working-day calendar: the years covered, and the extra years to merge into the shipped ones',
        response: answers({
          200: Type.Object({
            years: Type.Array(Type.Integer()),
            extraYears: Type.Array(
              Type.Object({
                year: Type.Integer(),
                holidays: Type.Array(Type.Object({ name: Type.String(), from: DateString, to: DateString })),
                makeUpWorkdays: Type.Array(DateString),
              }),
            ),
          }),
        }),
      },
    },
    async () => ({
      years: [...app.calendar.years],
      extraYears: app.extraCalendarYears.map((y) => ({
        ...y,
        holidays: [...y.holidays],
        makeUpWorkdays: [...y.makeUpWorkdays],
      })),
    }),
  );
};

export default calendarRoutes;
