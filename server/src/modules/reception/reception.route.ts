import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SubmitPetitionBodySchema, SubmittedSchema } from '@xinfang/shared/schemas/petitions';
import {
  AttendanceSchema,
  BookingListSchema,
  BookingSchema,
  CancelReceptionDaySchema,
  ChangeReceptionDaySchema,
  MoveAnswerSchema,
  NewBookingSchema,
  NewReceptionDaySchema,
  ReceptionDayListSchema,
  ReceptionDaySchema,
} from '@xinfang/shared/schemas/reception';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { idempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, petitionerIdOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { receptionDeps } from './reception.deps';
import { createReceptionService } from './reception.service';

const Id = Type.String({ minLength: 1, maxLength: 26 });

/** Leaders' reception days (Art 18): published, booked by petitioners, attendance recorded. */
const receptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createReceptionService(receptionDeps(app));
  const tags = ['reception-days'];
  const desk = { staff: rolesWith('keep_reception_days') };

  app.get(
    '/reception-days',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'Leaders’ reception days from today on: who, where, on what, and the places left per slot (a day whose leader can no longer receive is left out)',
        response: answers({ 200: ReceptionDayListSchema }),
      },
    },
    async () => ({ items: await service.upcoming(new Date()) }),
  );

  app.get(
    '/reception-days/desk',
    {
      config: { access: desk },
      schema: {
        tags,
        summary:
          'The desk’s reception days from a week back on, in its subtree (a day gone by can still be closed): a day whose leader can no longer receive is flagged (leaderActive: false)',
        response: answers({ 200: ReceptionDayListSchema }),
      },
    },
    async (request) => ({ items: await service.upcomingForDesk(staffOf(request), new Date()) }),
  );

  app.post(
    '/reception-days',
    {
      config: { access: desk },
      schema: {
        tags,
        summary: 'Publish a leader’s reception day with its place, topics and time slots',
        description: 'Send an Idempotency-Key: a retried publication is answered with the first day.',
        body: NewReceptionDaySchema,
        response: answers({ 201: ReceptionDaySchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.publish(
        contextOf(request),
        staff,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.post(
    '/reception-days/:id/cancel',
    {
      config: { access: desk },
      schema: {
        tags,
        summary:
          'Cancel a reception day of my subtree, with a reason: its active bookings end and their petitioners are told',
        description: 'Cancelling a cancelled day again changes nothing and answers the day.',
        params: Type.Object({ id: Id }),
        body: CancelReceptionDaySchema,
        response: answers({ 200: ReceptionDaySchema }),
      },
    },
    async (request) =>
      service.cancelDay(contextOf(request), staffOf(request), request.params.id, request.body),
  );

  app.post(
    '/reception-days/:id/change',
    {
      config: { access: desk },
      schema: {
        tags,
        summary:
          'Change a reception day of my subtree not yet begun (改期/调整): date, times, place, topics or leader, with a reason; its petitioners are told',
        description:
          'Send the version last read (409 if the day was changed meanwhile) and an Idempotency-Key: a retry is answered with the first answer. Each booking keeps its time (a slot of the same from–to, else of the same start) while it has room, earliest first; one whose time is gone or full moves to the nearest slot with places, and ends only when none has any. Everyone booked is told the time they now have.',
        params: Type.Object({ id: Id }),
        body: ChangeReceptionDaySchema,
        response: answers({ 200: ReceptionDaySchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.change(
        contextOf(request),
        staff,
        request.params.id,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.post(
    '/reception-days/:id/bookings',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary:
          'Book a slot of a reception day (one active booking per person; three bookings of one day a day, else 429)',
        description:
          'Send the day’s version read with the slot: a day the desk changed meanwhile (its times, date, place, leader or topics) is refused with 409 VERSION_CONFLICT, and nothing is booked.',
        params: Type.Object({ id: Id }),
        body: NewBookingSchema,
        response: answers({ 201: BookingSchema }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return service.book(contextOf(request), petitionerIdOf(request), request.params.id, request.body);
    },
  );

  app.post(
    '/reception-days/:id/bookings/:bookingId/attendance',
    {
      config: { access: desk },
      schema: {
        tags,
        summary: 'Record whether the person came to the booked slot (came, or a no-show)',
        params: Type.Object({ id: Id, bookingId: Id }),
        body: AttendanceSchema,
        response: answers({ 200: BookingSchema }),
      },
    },
    async (request) =>
      service.attend(
        contextOf(request),
        staffOf(request),
        request.params.id,
        request.params.bookingId,
        request.body.attended,
      ),
  );

  app.get(
    '/reception-days/:id/bookings',
    {
      config: { access: desk },
      schema: {
        tags,
        summary:
          'A reception day’s bookings for the desk, those holding a place first: slot, topic and status; from the day itself each holding booking with the person’s name and masked phone, before it only those a change moved who have not answered (each read audited)',
        params: Type.Object({ id: Id }),
        response: answers({ 200: BookingListSchema }),
      },
    },
    async (request) => ({
      items: await service.bookingsOfDay(contextOf(request), staffOf(request), request.params.id),
    }),
  );

  app.post(
    '/reception-days/:id/bookings/:bookingId/phone',
    {
      config: { access: desk },
      schema: {
        tags,
        summary:
          'The full phone of a person a change moved who has not answered, to call and ask whether they come (audited)',
        description: 'Refused (400) once the person has answered: there is nobody left to call.',
        params: Type.Object({ id: Id, bookingId: Id }),
        response: answers({ 200: Type.Object({ phone: Type.Union([Type.String(), Type.Null()]) }) }),
      },
    },
    async (request) =>
      service.phoneToAsk(contextOf(request), staffOf(request), request.params.id, request.params.bookingId),
  );

  app.post(
    '/reception-days/:id/bookings/:bookingId/visit',
    {
      config: { access: { staff: rolesWith('register_cases') } },
      schema: {
        tags,
        summary:
          'The leader received the person who booked: register the visit as a case, and the booking ends as received',
        description: 'Send an Idempotency-Key: a retried registration is answered with the first one.',
        params: Type.Object({ id: Id, bookingId: Id }),
        body: SubmitPetitionBodySchema,
        response: answers({ 201: SubmittedSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const answer = await service.receive(
        contextOf(request),
        staff,
        request.params.id,
        request.params.bookingId,
        request.body,
        idempotencyRequest(request, `staff:${staff.id}`),
      );
      return sendAnswer(reply, answer);
    },
  );

  app.get(
    '/me/bookings',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary: 'My reception bookings, newest first',
        response: answers({ 200: BookingListSchema }),
      },
    },
    async (request) => ({ items: await service.mine(petitionerIdOf(request), new Date()) }),
  );

  app.post(
    '/me/bookings/:id/answer',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary:
          'Answer a booking a change of its day moved: I come at the new time, or not (the booking is cancelled)',
        description:
          'Send the day’s version read: a day changed again since is refused with 409 VERSION_CONFLICT. The same answer again answers the booking as it is.',
        params: Type.Object({ id: Id }),
        body: MoveAnswerSchema,
        response: answers({ 200: BookingSchema }),
      },
    },
    async (request) =>
      service.answerMove(contextOf(request), petitionerIdOf(request), request.params.id, request.body),
  );

  app.post(
    '/me/bookings/:id/cancel',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary: 'Cancel my booking',
        params: Type.Object({ id: Id }),
        response: answers({ 200: BookingSchema }),
      },
    },
    async (request) =>
      service.cancel(contextOf(request), request.params.id, 'cancelled', {
        petitionerId: petitionerIdOf(request),
      }),
  );
};

export default receptionRoutes;
