import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreatedStaffSchema, InvitedStaffSchema, StaffHoldingsSchema } from '@xinfang/shared/schemas/admin';
import {
  CreateStaffBodySchema,
  StaffAccountSchema,
  StaffListQuerySchema,
  TemporaryPasswordSchema,
  UpdateStaffBodySchema,
} from '@xinfang/shared/schemas/identity';
import { type Static, type TSchema, Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { optionalIdempotencyRequest, sendAnswer } from '../../http/idempotency';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import handOverRoutes from '../hand-over/hand-over.route';
import { staffDeps } from './staff.deps';
import { findStaffUnitRef } from './staff.repository';
import { createStaffService, type StaffContext } from './staff.service';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

/** Staff accounts, managed by admins inside their subtree; listed for those who assign work. */
const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = createStaffService(staffDeps(app));
  const tags = ['staff'];
  const admin = rolesWith('administer');
  const staffTarget = { type: 'staff', from: { param: 'id' } } as const;

  app.access.registerTarget('staff', async (id) => {
    const unit = await findStaffUnitRef(app.db, id);
    return unit ? { units: [unit] } : null;
  });
  // 一键移交 (Art 24): a unit head's action on an account of his subtree.
  await app.register(handOverRoutes);

  app.get(
    '/staff',
    {
      config: { access: { staff: rolesWith('list_staff') } },
      schema: {
        tags,
        summary: 'Staff accounts in my subtree; `q` finds part of a username or name',
        querystring: StaffListQuerySchema,
        response: answers({ 200: Type.Array(StaffAccountSchema) }),
      },
    },
    async (request) => staff.list(contextOf(request), request.query),
  );

  app.get(
    '/staff/:id',
    {
      config: { access: { staff: admin, target: staffTarget } },
      schema: {
        tags,
        summary: 'One staff account',
        params: IdParams,
        response: answers({ 200: StaffAccountSchema }),
      },
    },
    async (request) => staff.get(request.params.id),
  );

  app.get(
    '/staff/:id/holdings',
    {
      config: { access: { staff: admin, target: staffTarget } },
      schema: {
        tags,
        summary:
          'What an account holds: the open cases it answers for (承办人) or owns (包案领导), numbers and states only, and the petition office whose only reception it is',
        params: IdParams,
        response: answers({ 200: StaffHoldingsSchema }),
      },
    },
    async (request) => staff.holdings(request.params.id),
  );

  app.post(
    '/staff',
    {
      config: { access: { staff: admin, target: { type: 'unit', from: { body: 'unitId' } } } },
      schema: {
        tags,
        summary: 'Create a staff account; its temporary password or invitation code is shown once',
        description:
          'Send an Idempotency-Key: a retry is answered with the same account and a fresh temporary password or invitation (the first stops working), while nobody has signed in to it.',
        body: CreateStaffBodySchema,
        response: answers({ 201: CreatedStaffSchema }),
      },
    },
    async (request, reply) => {
      const idem = optionalIdempotencyRequest(request, `staff:${staffOf(request).id}`);
      return sendAnswer(reply, await staff.create(contextOf(request), request.body, idem));
    },
  );

  app.patch(
    '/staff/:id',
    {
      config: { access: { staff: admin, target: staffTarget } },
      schema: {
        tags,
        summary: 'Change roles, unit, name or phone; disable or enable (disabling signs out everywhere)',
        description:
          "Disabling releases the open cases the account answers for (承办人): the unit head names another. A move or a role taken away that would leave its cases with someone who may no longer act on them is refused (IN_USE, `reason: 'holds_cases'`, with the numbers); one that would leave a petition office without an active reception is refused (IN_USE, `reason: 'last_reception'`) unless `leaveDeskEmpty` confirms it.",
        params: IdParams,
        body: UpdateStaffBodySchema,
        response: answers({ 200: StaffAccountSchema }),
      },
    },
    async (request) => staff.update(contextOf(request), request.params.id, request.body),
  );

  /**
   * An action on one account (POST /staff/:id/<path>), by an administrator whose subtree holds the
   * account's unit: what it answers is the account as it now is, with what is shown once.
   */
  function accountAction<T extends TSchema>(
    path: string,
    summary: string,
    response: T,
    act: (context: StaffContext, id: string) => Promise<Static<T>>,
  ): void {
    // `act` answers what `response` describes (Static<T>, checked by the compiler here); the
    // type provider cannot resolve a generic schema, so the route is declared over any schema.
    const schema: { 200: TSchema } = { 200: response };
    app.post(
      `/staff/:id/${path}`,
      {
        config: { access: { staff: admin, target: staffTarget } },
        schema: { tags, summary, params: IdParams, response: answers(schema) },
      },
      async (request) => act(contextOf(request), request.params.id),
    );
  }

  accountAction(
    'password-reset',
    'Reset a password to a temporary one, shown once, to be changed at the next sign-in',
    TemporaryPasswordSchema,
    staff.resetPassword,
  );
  accountAction(
    'invitation',
    'A new invitation for an account nobody has signed in to yet (the old code stops working)',
    InvitedStaffSchema,
    staff.invite,
  );
  accountAction(
    'sessions/end',
    'Sign the account out everywhere, now',
    StaffAccountSchema,
    staff.endSessions,
  );
};

export default staffRoutes;
