import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AcceptInvitationBodySchema } from '@xinfang/shared/schemas/admin';
import { SignInAnswerSchema } from '@xinfang/shared/schemas/identity';
import { contextOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createInvitations } from './invitations';
import { staffDeps } from './staff.deps';
import { createStaffService } from './staff.service';

/** `POST /api/auth/staff/invitation`: a new member of staff chooses their password with the code they were given. */
const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = staffDeps(app);
  const invitations = createInvitations(deps);
  const staff = createStaffService(deps);

  app.post(
    '/auth/staff/invitation',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: username, code and a new password; answers signed in',
        body: AcceptInvitationBodySchema,
        response: answers({ 200: SignInAnswerSchema }),
      },
    },
    async (request) => {
      const { subject, tokens } = await invitations.accept(contextOf(request), request.body);
      return { tokens, me: await staff.describe(subject.id) };
    },
  );
};

export default invitationRoutes;
