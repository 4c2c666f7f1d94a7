import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EmployeeBindingBodySchema,
  PetitionerMeSchema,
  PetitionerProfileBodySchema,
} from '@xinfang/shared/schemas/identity';
import { contextOf, petitionerIdOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createPetitionerService } from './petitioner.service';

/** A petitioner's own profile and their worker status. */
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
};

export default petitionerRoutes;
