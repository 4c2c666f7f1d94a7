import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CloseScreeningItemSchema,
  MissingReportsQuerySchema,
  MissingReportsSchema,
  NewScreeningItemSchema,
  NewScreeningReportSchema,
  NewSensitivePeriodSchema,
  ScreeningItemListSchema,
  ScreeningItemQuerySchema,
  ScreeningItemSchema,
  ScreeningReportListSchema,
  ScreeningReportSchema,
  SensitivePeriodListSchema,
  SensitivePeriodSchema,
} from '@xinfang/shared/schemas/screening';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createScreeningService } from './screening.service';

/** Risk screening over HTTP: items, their closure, weekly reports and who has not reported. */
const screeningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createScreeningService({
    db: app.db,
    pii: app.pii,
    calendar: app.calendar,
    escalateUpAfterWorkingDays: app.config.escalateUpAfterWorkingDays,
  });
  const tags = ['screening'];
  const screens = rolesWith('screen');
  const readers = [...new Set([...screens, ...rolesWith('watch_screening')])];

  app.get(
    '/screening/items',
    {
      config: { access: { staff: readers } },
      schema: {
        tags,
        summary: 'Disputes found in screening, of a unit’s subtree (a liaison officer: only his own)',
        querystring: ScreeningItemQuerySchema,
        response: answers({ 200: ScreeningItemListSchema }),
      },
    },
    async (request) => ({ items: await service.list(staffOf(request), request.query, new Date()) }),
  );

  app.post(
    '/screening/items',
    {
      config: { access: { staff: screens } },
      schema: {
        tags,
        summary:
          'Register a dispute found in screening: subject, who is involved, grade, responsible, measures, deadline',
        description: 'Send an Idempotency-Key: a retried registration is answered with the first one.',
        body: NewScreeningItemSchema,
        response: answers({ 201: ScreeningItemSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.register(
        contextOf(request),
        staff,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return reply.code(answer.status).send(answer.body);
    },
  );

  app.post(
    '/screening/items/:id/close',
    {
      config: { access: { staff: rolesWith('watch_screening') } },
      schema: {
        tags,
        summary: 'Close a dispute as resolved (化解销号), with what was done (the unit’s head or the office)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) }),
        body: CloseScreeningItemSchema,
        response: answers({ 200: ScreeningItemSchema }),
      },
    },
    async (request) =>
      service.close(contextOf(request), staffOf(request), request.params.id, request.body.note),
  );

  app.post(
    '/screening/reports',
    {
      config: { access: { staff: screens } },
      schema: {
        tags,
        summary:
          'A unit’s report for a week: its registered items, or nothing to report (零报告); once per week',
        body: NewScreeningReportSchema,
        response: answers({ 201: ScreeningReportSchema }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return service.report(contextOf(request), staffOf(request), request.body);
    },
  );

  app.get(
    '/screening/reports',
    {
      config: { access: { staff: readers } },
      schema: {
        tags,
        summary: 'The reports sent for a week by the units of a subtree (default: the caller’s unit)',
        querystring: MissingReportsQuerySchema,
        response: answers({ 200: ScreeningReportListSchema }),
      },
    },
    async (request) => ({ items: await service.reports(staffOf(request), request.query) }),
  );

  app.get(
    '/screening/reports/missing',
    {
      config: { access: { staff: rolesWith('watch_screening') } },
      schema: {
        tags,
        summary: 'Who has not reported for a week (and who reported late), in a unit’s subtree',
        querystring: MissingReportsQuerySchema,
        response: answers({ 200: MissingReportsSchema }),
      },
    },
    async (request) => service.missing(staffOf(request), request.query, new Date()),
  );

  app.get(
    '/screening/sensitive-periods',
    {
      config: { access: { staff: readers } },
      schema: {
        tags,
        summary:
          'The sensitive periods declared (daily reports through them), and the period a report made now is for',
        response: answers({ 200: SensitivePeriodListSchema }),
      },
    },
    async () => service.sensitive(new Date()),
  );

  app.post(
    '/screening/sensitive-periods',
    {
      config: { access: { staff: rolesWith('declare_sensitive_periods') } },
      schema: {
        tags,
        summary:
          'Declare a sensitive period (e.g. 全国两会): every unit reports daily from its first to its last day',
        description:
          'From today or later, at most 60 days, overlapping no other. Units are reminded when a day’s report is late. Send an Idempotency-Key: a retried declaration is answered with the first one.',
        body: NewSensitivePeriodSchema,
        response: answers({ 201: SensitivePeriodSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.declare(
        contextOf(request),
        staff,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.post(
    '/screening/sensitive-periods/:id/withdraw',
    {
      config: { access: { staff: rolesWith('declare_sensitive_periods') } },
      schema: {
        tags,
        summary:
          'Withdraw a sensitive period, with the reason (the group’s office): not begun, it is gone; under way, it ends today',
        description: 'Answers the periods as they now stand. A period already over cannot be withdrawn.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) }),
        body: WithdrawSensitivePeriodSchema,
        response: answers({ 200: SensitivePeriodListSchema }),
      },
    },
    async (request) =>
      service.withdraw(contextOf(request), staffOf(request), request.params.id, request.body),
  );
};

/** Why the office withdraws a period; a blank one is refused by the service, after the scope. */
const WithdrawSensitivePeriodSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export default screeningRoutes;
