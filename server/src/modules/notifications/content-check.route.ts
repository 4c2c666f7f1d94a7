import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import { ContentCheckListSchema, ContentCheckSchema } from '@xinfang/shared/schemas/notifications';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { SYSTEM_AUDIT_ACTOR } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createContentCheckService } from './content-check.service';

const CASE_STAFF: StaffRole[] = ['reception', 'handler', 'unit_head', 'responsible_leader', 'supervisor'];
const PushQuery = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 100 })),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  nonce: Type.Optional(Type.String({ maxLength: 64 })),
  echostr: Type.Optional(Type.String({ maxLength: 200 })),
  msg_signature: Type.Optional(Type.String({ maxLength: 100 })),
  encrypt_type: Type.Optional(Type.String({ maxLength: 10 })),
  openid: Type.Optional(Type.String({ maxLength: 64 })),
});

/**
 * Content security over HTTP: WeChat's message push (URL verification, and the verdicts of photo
 * checks), the signed address WeChat downloads a photo from, and for staff the list of what is
 * held for review and its release. The push and the photo are public: the first is proven by
 * WeChat's signature, the second by ours.
 */
const contentCheckRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createContentCheckService({
    db: app.db,
    checks: app.notifications.contentChecks,
    storage: app.storage,
  });
  const tags = ['content security'];

  // The push and the photo address exist only where WeChat can use them: a push Token configured
  // (and, for photos, a public address to download from).
  const push = app.wechat.push;
  if (push) {
    app.get(
      '/wechat/push',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: "WeChat's check of the message-push URL: answers echostr when the signature holds",
          querystring: PushQuery,
          response: answers({ 200: Type.String() }),
        },
      },
      async (request, reply) => {
        const echo = push.verifyUrl(request.query);
        if (echo === null) throw new AppError('FORBIDDEN', '签名无效');
        return reply.type('text/plain').send(echo);
      },
    );

    app.post(
      '/wechat/push',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: 'Events WeChat pushes (wxa_media_check verdicts), signed; encrypted in safe mode',
          querystring: PushQuery,
          body: Type.Object({}, { additionalProperties: true }),
          response: answers({ 200: Type.String() }),
        },
      },
      async (request, reply) => {
        const event = push.open(request.query, request.body);
        if (event === null) throw new AppError('FORBIDDEN', '签名无效');
        await service.pushed(event, new Date());
        // WeChat expects "success" (or nothing) and pushes again otherwise.
        return reply.type('text/plain').send('success');
      },
    );

    app.get(
      '/wechat/media/:token',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: 'A photo waiting for its check, for WeChat to download (signed, expiring address)',
          params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: answers({ 200: Type.String({ format: 'binary' }) }),
        },
      },
      async (request, reply) => {
        // Read by WeChat for the check the system asked of it: the system's read, from WeChat's address.
        const actor = { ...SYSTEM_AUDIT_ACTOR, ip: request.ip, requestId: request.id };
        const { mime, stream } = await service.photo(request.params.token, actor, new Date());
        // A binary answer: the reply's typed schema only knows the error shape.
        return (reply as FastifyReply)
          .header('content-type', mime)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(stream);
      },
    );
  }

  app.get(
    '/content-checks',
    {
      config: { access: { staff: CASE_STAFF } },
      schema: {
        tags,
        summary: 'What WeChat content security holds for review, in petitions I may see, oldest first',
        response: answers({ 200: ContentCheckListSchema }),
      },
    },
    async (request) => ({ items: await service.held(staffOf(request)) }),
  );

  app.post(
    '/petitions/:id/content-checks/:checkId/release',
    {
      config: { access: { staff: CASE_STAFF, target: { type: 'petition', from: { param: 'id' } } } },
      schema: {
        tags,
        summary: 'Release held content after review (recorded with who reviewed it)',
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 26 }),
          checkId: Type.String({ minLength: 1, maxLength: 26 }),
        }),
        response: answers({ 200: ContentCheckSchema }),
      },
    },
    async (request) =>
      service.release(contextOf(request), staffOf(request), request.params.id, request.params.checkId),
  );
};

export default contentCheckRoutes;
