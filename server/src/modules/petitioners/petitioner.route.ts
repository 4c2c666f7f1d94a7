import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EmployeeBindingBodySchema,
  PetitionerMeSchema,
  PetitionerProfileBodySchema,
  PhoneSchema,
} from '@xinfang/shared/schemas/identity';
import { PetitionerMatchSchema } from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { contextOf, petitionerIdOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createPetitionerService } from './petitioner.service';

/** A petitioner's own profile and their worker status; reception finding a petitioner by phone. */
const petitionerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const petitioners = createPetitionerService(app);
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
    '/petitioners/search',
    {
      config: { access: { staff: ['reception'] } },
      schema: {
        tags,
        summary: 'Find a petitioner by phone before registering for them (masked; audited)',
        querystring: Type.Object({ phone: PhoneSchema }),
        response: answers({ 200: Type.Array(PetitionerMatchSchema) }),
      },
    },
    async (request) => petitioners.findByPhone(contextOf(request), request.query.phone),
  );
};

export default petitionerRoutes;
