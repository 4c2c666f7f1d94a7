import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CorrectDeliveryBodySchema,
  DocumentListSchema,
  PendingDeliveryPageSchema,
  RecordDeliveryBodySchema,
} from '@xinfang/shared/schemas/documents';
import { PetitionDetailSchema } from '@xinfang/shared/schemas/petitions';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { auditActor, recordAudit } from '../../audit/audit-log';
import { optionalIdempotencyRequest, sendDetail } from '../../http/idempotency';
import { contextOf, principalOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { fileAsk, sendFile } from '../../http/send-file';
import { petitionDeps } from '../petitions/petition.deps';
import { createPetitionService } from '../petitions/petition.service';
import { deliveringBody } from './delivering-body';
import { createDocumentService } from './document.service';
import { logFontReadFailuresTo } from './pdf/fonts';
import { pendingDeliveries } from './pending-deliveries.query';

const Id = Type.String({ minLength: 1, maxLength: 26 });
const OptionalIdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description: 'Optional: one key per delivery as the person recorded it, reused on every resend',
    }),
  ),
});
/** Notices name the petitioner: read by staff who work cases, as the petition itself (PIPL Art 6). */
const CASE_STAFF = rolesWith('read_cases');

/**
 * Written notices and their delivery over HTTP: the documents of a petition, each as a PDF, the
 * delivery of a written answer (recorded, or corrected by a unit head), and the office's list of
 * answers still waiting to reach their petitioners.
 */
const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Notices and reports alike read the fonts for rare characters; a failed read is logged here.
  logFontReadFailuresTo(app.log);
  const service = createDocumentService({
    db: app.db,
    storage: app.storage,
    petitions: createPetitionService(petitionDeps(app)),
    fallbackFontDir: app.config.documentFallbackFontDir,
  });
  const tags = ['documents'];
  const petitionTarget = { type: 'petition', from: { param: 'id' } } as const;

  app.access.registerTarget('document', (id, request) => service.scope(id, request.principal));

  app.get(
    '/petitions/:id/documents',
    {
      config: { access: { signedIn: true, staffRoles: CASE_STAFF, target: petitionTarget } },
      schema: {
        tags,
        summary: 'The written notices of a petition (the petitioner sees those addressed to them)',
        params: Type.Object({ id: Id }),
        response: answers({ 200: DocumentListSchema }),
      },
    },
    async (request) => ({ items: await service.list(principalOf(request), request.params.id) }),
  );

  app.get(
    '/documents/:id.pdf',
    {
      config: {
        access: {
          signedIn: true,
          staffRoles: CASE_STAFF,
          target: { type: 'document', from: { param: 'id' } },
        },
      },
      schema: {
        tags,
        summary:
          'One document as PDF (A4, GB/T 9704); the petitioner’s first complete download of an answer is its delivery',
        description:
          'The delivery is recorded once the whole file has gone out, before the response ends, so a client that ' +
          'has the file finds the case delivered when it reloads; a HEAD request or a download cut short records none. ' +
          'Never cached (no-store); every read is audited. A single Range (If-Range by ETag) resumes a cut ' +
          'download: a part that ends at the last byte records the delivery, one that stops short does not.',
        params: Type.Object({ id: Id }),
        response: answers({
          200: Type.String({ format: 'binary', description: 'application/pdf' }),
          206: Type.String({ format: 'binary', description: 'The range asked for' }),
        }),
      },
    },
    async (request, reply) => {
      const file = await service.open(
        contextOf(request),
        principalOf(request),
        request.params.id,
        fileAsk(request),
      );
      const { deliver } = file;
      // Behind nginx, the last byte must leave for the phone, not for nginx's buffer: a proxy that
      // takes the whole file at once would record a delivery the phone never finished.
      if (deliver) reply.header('x-accel-buffering', 'no');
      // A HEAD request (Fastify answers it with this handler) sends no body, so delivers nothing;
      // nor does a part that stops short of the last byte. A download resumed after a cut
      // (a Range to the end) delivers when its last byte has gone out.
      return sendFile(reply, file, 'no-store', (body, range) =>
        deliver && request.method === 'GET' && (range === null || range.end === file.size - 1)
          ? deliveringBody(body, reply.raw, deliver)
          : body,
      );
    },
  );

  app.post(
    '/petitions/:id/deliveries',
    {
      config: { access: { staff: rolesWith('deliver'), target: petitionTarget } },
      schema: {
        tags,
        summary:
          'Record how the written answer reached the petitioner: in person, by post, or at a visit; with an Idempotency-Key, a resend answers with the case as it is',
        description:
          'In person needs the signed 送达回证 uploaded first (POST /api/attachments); by post needs the posting date, ' +
          'and the delivery date is the one on the postal receipt. The petitioner’s window runs from that date (Art 35, 36).',
        params: Type.Object({ id: Id }),
        headers: OptionalIdempotencyHeaders,
        body: RecordDeliveryBodySchema,
        response: answers({ 200: PetitionDetailSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const idem = optionalIdempotencyRequest(request, `staff:${staff.id}`);
      return sendDetail(
        reply,
        await service.recordDelivery(contextOf(request), staff, request.params.id, request.body, idem),
      );
    },
  );

  app.patch(
    '/petitions/:id/deliveries',
    {
      config: { access: { staff: ['unit_head'], target: petitionTarget } },
      schema: {
        tags,
        summary: 'Correct the delivery date of the written answer (unit head, with a reason; audited)',
        params: Type.Object({ id: Id }),
        headers: OptionalIdempotencyHeaders,
        body: CorrectDeliveryBodySchema,
        response: answers({ 200: PetitionDetailSchema }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const idem = optionalIdempotencyRequest(request, `staff:${staff.id}`);
      return sendDetail(
        reply,
        await service.correctDelivery(contextOf(request), staff, request.params.id, request.body, idem),
      );
    },
  );

  app.get(
    '/deliveries/pending',
    {
      config: { access: { staff: rolesWith('watch_deliveries') } },
      schema: {
        tags,
        summary: 'Written answers not yet delivered, in my subtree, longest waiting first',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: answers({ 200: PendingDeliveryPageSchema }),
      },
    },
    async (request) => {
      const now = new Date();
      const page = await pendingDeliveries(
        app.db,
        staffOf(request),
        now,
        { cursor: request.query.cursor, limit: request.query.limit ?? 30 },
        app.config.documentFallbackFontDir,
      );
      // The list names petitioners: each read is audited once, with how many it showed.
      await recordAudit(
        app.db,
        auditActor(request),
        { action: 'delivery.pending.read', outcome: 'success', details: { rows: page.items.length } },
        now,
      );
      return page;
    },
  );
};

export default documentRoutes;
