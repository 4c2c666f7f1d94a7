import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
import { contextOf, petitionerIdOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { petitionDeps } from '../petitions/petition.deps';
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
  const tags = ['petitioners'];
  const access = { petitioner: true } as const;

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
