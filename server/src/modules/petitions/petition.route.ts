import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  LookupAnswerSchema,
  LookupBodySchema,
  PetitionActionBodySchema,
  PetitionDetailSchema,
  PetitionListQuerySchema,
  PetitionPageSchema,
  ReferralLeaderListSchema,
  RegisterPetitionBodySchema,
  SubmitPetitionBodySchema,
  SubmittedSchema,
} from '@xinfang/shared/schemas/petitions';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import { rolesWith } from '../../access/capabilities';
import { decideTarget } from '../../access/policy';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import {
  idempotencyRequest,
  optionalIdempotencyRequest,
  sendAnswer,
  sendDetail,
} from '../../http/idempotency';
import { contextOf, petitionerIdOf, principalOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createLookup } from './lookup';
import { petitionDeps } from './petition.deps';
import { createPetitionQueries, isPhoneSearch } from './petition.query';
import { detailOf } from './petition.read';
import { accuserFactsOf, findPetitionRow, hydrate, type PetitionRow } from './petition.repository';
import { petitionScope, scopeOf } from './petition.scope';
import { createPetitionService } from './petition.service';
import { actorOf } from './petition.support';
import { referralLeaders } from './referral';
import { createReveal } from './reveal';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });
const IdempotencyHeaders = Type.Object({
  // Optional in the schema so that a request without it gets 428 IDEMPOTENCY_KEY_REQUIRED, not 400.
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Required: a fresh random key per petition, reused on every retry of it' }),
  ),
});
const OptionalIdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description: 'Optional: one key per action as the person took it, reused on every resend',
    }),
  ),
});
const CASE_STAFF = rolesWith('read_cases');

/** Petitions over HTTP: submit, register, list, read, act, link, reveal, and look up without signing in. */
const petitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createPetitionService(petitionDeps(app));
  const queries = createPetitionQueries({ db: app.db, pii: app.pii, calendar: app.calendar });
  const lookup = createLookup({ db: app.db, calendar: app.calendar, hashKey: app.config.pii.hashKey });
  const reveal = createReveal({ db: app.db, pii: app.pii });
  const tags = ['petitions'];
  const petitionTarget = { type: 'petition', from: { param: 'id' } } as const;

  // The access check reads the whole row, and a request that shows the petition uses it rather
  // than reading it again (a detail ran the same primary-key read twice).
  const rowsChecked = new WeakMap<FastifyRequest, PetitionRow>();
  app.access.registerTarget('petition', async (id, request) => {
    const row = await findPetitionRow(app.db, { id });
    if (!row) return null;
    rowsChecked.set(request, row);
    return scopeOf(app.db, row, request.principal);
  });

  /**
   * The other end of a link must be a petition the caller may see (a link shows its number and
   * title), and a link says two petitions come from one person: nobody may say it who may not
   * know who made an accusation at either end (Art 30).
   */
  async function assertLinkable(staff: StaffPrincipal, id: string, otherId: string): Promise<void> {
    if (!decideTarget(staff, await petitionScope(app.db, otherId)).allow)
      throw new AppError('NOT_FOUND', '要关联的信访事项不存在');
    const ends = await accuserFactsOf(app.db, [id, otherId]);
    if (ends.some((end) => accuserHiddenFor(end, staff))) {
      throw new AppError(
        'FORBIDDEN',
        '依据《信访工作条例》第三十条，检举控告人的身份对您保密，不能将其信访事项与其他事项关联',
      );
    }
  }

  app.post(
    '/petitions',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary: 'Submit a petition online (Idempotency-Key required; a retry returns the first answer)',
        headers: IdempotencyHeaders,
        body: SubmitPetitionBodySchema,
        response: answers({ 201: SubmittedSchema }),
      },
    },
    async (request, reply) => {
      const petitionerId = petitionerIdOf(request);
      const idem = idempotencyRequest(request, `petitioner:${petitionerId}`);
      const answer = await service.submit(contextOf(request), petitionerId, request.body, idem);
      return sendAnswer(reply, answer);
    },
  );

  app.post(
    '/petitions/register',
    {
      config: { access: { staff: rolesWith('register_cases') } },
      schema: {
        tags,
        summary: 'Register a letter, visit, call, fax or e-mail for a petitioner (Idempotency-Key required)',
        headers: IdempotencyHeaders,
        body: RegisterPetitionBodySchema,
        response: answers({ 201: SubmittedSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const idem = idempotencyRequest(request, `staff:${staff.id}`);
      const answer = await service.registerOffline(contextOf(request), staff, request.body, idem);
      return sendAnswer(reply, answer);
    },
  );

  app.get(
    '/petitions',
    {
      config: { access: { signedIn: true, staffRoles: CASE_STAFF } },
      schema: {
        tags,
        summary: 'My petitions (petitioner) or my inbox (staff: my subtree), keyset-paginated',
        description:
          'A phone number is never searched here: it would stay in logs as part of the URL. Use POST /api/petitions/search.',
        querystring: PetitionListQuerySchema,
        response: answers({ 200: PetitionPageSchema }),
      },
    },
    async (request) => {
      if (isPhoneSearch(request.query.search)) {
        throw new AppError(
          'VALIDATION_FAILED',
          '按手机号查找请用 POST /api/petitions/search，手机号不能放在网址里',
          [
            {
              path: '/querystring/search',
              message: 'a phone number goes in the body of POST /api/petitions/search',
            },
          ],
        );
      }
      return queries.list(contextOf(request), principalOf(request), request.query);
    },
  );

  app.post(
    '/petitions/search',
    {
      config: { access: { staff: CASE_STAFF } },
      schema: {
        tags,
        summary: 'The inbox, searched by a phone number (or anything else the list takes) sent in the body',
        body: PetitionListQuerySchema,
        response: answers({ 200: PetitionPageSchema }),
      },
    },
    async (request) => queries.list(contextOf(request), principalOf(request), request.body),
  );

  app.get(
    '/petitions/counts',
    {
      config: { access: { staff: CASE_STAFF } },
      schema: {
        tags,
        summary: 'How many petitions wait in each inbox queue',
        response: answers({
          200: Type.Object({
            all: Type.Integer(),
            triage: Type.Integer(),
            handling: Type.Integer(),
            approval: Type.Integer(),
            overdue: Type.Integer(),
            /** 我承办的: the open cases I answer for as 承办人 (Art 24). */
            mine: Type.Integer(),
          }),
        }),
      },
    },
    async (request) => queries.counts(contextOf(request), staffOf(request)),
  );

  app.get(
    '/petitions/:id',
    {
      config: { access: { signedIn: true, staffRoles: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary: 'One petition: clocks, timeline, attachments and what I may do now',
        params: IdParams,
        response: answers({ 200: PetitionDetailSchema }),
      },
    },
    async (request) => {
      const context = contextOf(request);
      const principal = principalOf(request);
      const row = rowsChecked.get(request) ?? (await findPetitionRow(app.db, { id: request.params.id }));
      const [loaded] = row ? await hydrate(app.db, [row]) : [];
      if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
      if (principal.kind === 'staff') {
        await recordAudit(
          app.db,
          context.actor,
          {
            action: 'petition.view',
            outcome: 'success',
            target: { type: 'petition', id: loaded.petition.id },
          },
          context.now,
        );
      }
      return detailOf(app.db, app.pii, principal, loaded, context.now, app.calendar);
    },
  );

  app.get(
    '/petitions/:id/referral-leaders',
    {
      config: { access: { staff: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary: 'The leaders I may refer this petition to now (呈阅), from its receiving unit upwards',
        description:
          'Answers 422 LIFECYCLE_REFUSED, as the refer action would, when I may not refer it at all.',
        params: IdParams,
        response: answers({ 200: ReferralLeaderListSchema }),
      },
    },
    async (request) => {
      const row = rowsChecked.get(request) ?? (await findPetitionRow(app.db, { id: request.params.id }));
      const [loaded] = row ? await hydrate(app.db, [row]) : [];
      if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
      const { now } = contextOf(request);
      const actor = actorOf(staffOf(request));
      return { items: await referralLeaders(app.db, loaded.petition, actor, now, app.calendar) };
    },
  );

  app.post(
    '/petitions/:id/actions',
    {
      config: { access: { signedIn: true, staffRoles: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary:
          'Take a lifecycle action, with the version I saw (409 if someone acted first); with an Idempotency-Key, a resend answers with the case as it is',
        params: IdParams,
        headers: OptionalIdempotencyHeaders,
        body: PetitionActionBodySchema,
        response: answers({ 200: PetitionDetailSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const idem = optionalIdempotencyRequest(request, `${principal.kind}:${principal.id}`);
      if (!idem) return service.act(contextOf(request), principal, request.params.id, request.body);
      return sendDetail(
        reply,
        await service.actOnce(contextOf(request), principal, request.params.id, request.body, idem),
      );
    },
  );

  app.post(
    '/petitions/:id/links',
    {
      config: { access: { staff: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary: 'Link another petition as the same matter (repeat petition)',
        description:
          'Only the same person’s petitions. Two people registered at a desk need a reason. A ' +
          'desk’s registration and someone’s account are not linked: the account’s holder is ' +
          'asked whether the registration is theirs (202, the petition as it was).',
        params: IdParams,
        body: Type.Object(
          {
            petitionId: Type.String({ minLength: 1, maxLength: 26 }),
            /** Why two people registered at a desk are one person. */
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: PetitionDetailSchema, 202: PetitionDetailSchema }),
      },
    },
    async (request, reply) => {
      await assertLinkable(staffOf(request), request.params.id, request.body.petitionId);
      const { asked, detail } = await service.setLink(
        contextOf(request),
        staffOf(request),
        request.params.id,
        request.body.petitionId,
        { linked: true, reason: request.body.reason },
      );
      return reply.code(asked ? 202 : 200).send(detail);
    },
  );

  app.delete(
    '/petitions/:id/links/:otherId',
    {
      config: { access: { staff: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary: 'Undo a repeat link',
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 26 }),
          otherId: Type.String({ minLength: 1, maxLength: 26 }),
        }),
        response: answers({ 200: PetitionDetailSchema }),
      },
    },
    async (request) => {
      await assertLinkable(staffOf(request), request.params.id, request.params.otherId);
      const { detail } = await service.setLink(
        contextOf(request),
        staffOf(request),
        request.params.id,
        request.params.otherId,
        { linked: false },
      );
      return detail;
    },
  );

  app.post(
    '/petitions/:id/petitioner/reveal',
    {
      config: { access: { staff: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary: "Reveal the petitioner's full phone and ID number (audited, with a reason)",
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }) }),
        response: answers({
          200: Type.Object({
            realName: Type.Union([Type.String(), Type.Null()]),
            phone: Type.Union([Type.String(), Type.Null()]),
            idNumber: Type.Union([Type.String(), Type.Null()]),
            address: Type.Union([Type.String(), Type.Null()]),
          }),
        }),
      },
    },
    async (request) => reveal(contextOf(request), staffOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/lookup',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Look a petition up by its number and query code, without signing in',
        body: LookupBodySchema,
        response: answers({ 200: LookupAnswerSchema }),
      },
    },
    async (request) => lookup(contextOf(request), request.body.number, request.body.queryCode),
  );
};

export default petitionRoutes;
