import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClaimStateSchema, ClaimUndoneSchema, UndoClaimBodySchema } from '@xinfang/shared/schemas/claims';
import {
  EmployeeBindingBodySchema,
  PetitionerMeSchema,
  PetitionerProfileBodySchema,
} from '@xinfang/shared/schemas/identity';
import {
  ClaimRegistrationBodySchema,
  PendingRegistrationSchema,
  PetitionerMatchSchema,
  PetitionerSearchBodySchema,
} from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { optionalIdempotencyRequest } from '../../http/idempotency';
import { contextOf, petitionerIdOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
import { createClaimUndo } from './claim-undo';
import { createPetitionerService } from './petitioner.service';
import { createRegistrationClaims } from './registration-claims';

/**
 * A petitioner's own profile, their worker status and the registrations waiting for them to claim;
 * reception finding a person by phone.
 */
const petitionerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const petitioners = createPetitionerService({ db: app.db, pii: app.pii });
  const claims = createRegistrationClaims({
    db: app.db,
    writer: petitionDeps(app).writer,
    notifier: app.notifications.notifier,
    hashKey: app.config.pii.hashKey,
  });
  const claimUndo = createClaimUndo({
    db: app.db,
    pii: app.pii,
    writer: petitionDeps(app).writer,
    notifier: app.notifications.notifier,
    hashKey: app.config.pii.hashKey,
  });
  const tags = ['petitioners'];
  const access = { petitioner: true } as const;
  const petitionTarget = { type: 'petition', from: { param: 'id' } } as const;
  const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

  app.patch(
    '/me/profile',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Update my name, ID number or address',
        body: PetitionerProfileBodySchema,
        response: answers({ 200: PetitionerMeSchema }),
      },
    },
    async (request) => {
      const petitionerId = petitionerIdOf(request);
      return petitioners.updateProfile({ ...contextOf(request), petitionerId }, request.body);
    },
  );

  app.post(
    '/me/employee-binding',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Prove I am a worker: employee number and name checked against the roster with my phone',
        body: EmployeeBindingBodySchema,
        response: answers({ 200: PetitionerMeSchema }),
      },
    },
    async (request) => {
      const petitionerId = petitionerIdOf(request);
      return petitioners.bindEmployee(
        { ...contextOf(request), petitionerId },
        request.body.employeeNumber,
        request.body.realName,
      );
    },
  );

  app.get(
    '/me/registrations',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Petitions registered at a desk for my proven phone, waiting for me to say whether they are mine',
        response: answers({ 200: Type.Array(PendingRegistrationSchema) }),
      },
    },
    async (request) => claims.pending(petitionerIdOf(request)),
  );

  app.post(
    '/me/registrations/:petitionId',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Mine, with the query code from the desk’s receipt (it joins my account), or not mine; answers what is still waiting',
        description:
          'A wrong code is refused (400) and counted: a few a day per registration, then 429 until the next day.',
        params: Type.Object({ petitionId: Type.String({ minLength: 1, maxLength: 26 }) }),
        body: ClaimRegistrationBodySchema,
        response: answers({ 200: Type.Array(PendingRegistrationSchema) }),
      },
    },
    async (request) =>
      claims.resolve(contextOf(request), petitionerIdOf(request), request.params.petitionId, request.body),
  );

  app.get(
    '/petitions/:id/claim',
    {
      config: { access: { staff: rolesWith('read_cases'), target: petitionTarget } },
      schema: {
        tags,
        summary:
          'Whether the holder of the registered phone confirmed this desk registration, and whether I may undo it',
        params: IdParams,
        response: answers({ 200: ClaimStateSchema }),
      },
    },
    async (request) => claimUndo.state(staffOf(request), request.params.id),
  );

  app.post(
    '/petitions/:id/claim/undo',
    {
      // The desk that registered it and the heads above it (claim-undo.ts `mayUndoClaim`).
      config: { access: { staff: ['reception', 'unit_head'], target: petitionTarget } },
      schema: {
        tags,
        summary:
          '认领有误: the petition goes back to the desk’s record, with the version I saw and a reason; answers a new query code for a new receipt',
        description:
          'Refused (404) when nobody confirmed it; 409 when the version is not the current one. With an Idempotency-Key, a resend gets the first answer.',
        params: IdParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: UndoClaimBodySchema,
        response: answers({ 200: ClaimUndoneSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const idem = optionalIdempotencyRequest(request, `staff:${staff.id}`);
      const done = await claimUndo.undo(contextOf(request), staff, request.params.id, request.body, idem);
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return done.answer;
    },
  );

  app.post(
    '/petitioners/search',
    {
      config: { access: { staff: rolesWith('register_cases') } },
      schema: {
        tags,
        summary:
          'Find, by the phone in the body, the people who brought a petition I may see, before registering for them (masked; audited)',
        body: PetitionerSearchBodySchema,
        response: answers({ 200: Type.Array(PetitionerMatchSchema) }),
      },
    },
    async (request) => petitioners.findByPhone(contextOf(request), staffOf(request), request.body.phone),
  );
};

export default petitionerRoutes;
