import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  UnitDocumentSettingsSchema,
  UpdateUnitDocumentSettingsBodySchema,
} from '@xinfang/shared/schemas/documents';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { fileAsk, sendFile } from '../../http/send-file';
import { createUnitSettingsService } from './unit-settings.service';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

/**
 * A unit's document settings (prefix, signatory, seal): read by its staff, changed by its head or
 * an admin. The clean seal image is for those who approve documents or keep the settings, and each
 * download is audited: anyone holding it could stamp a paper the unit never issued.
 */
const unitSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createUnitSettingsService({ db: app.db, storage: app.storage });
  const tags = ['documents'];
  const unitTarget = { type: 'unit', from: { param: 'id' } } as const;
  const staff = ['reception', 'handler', 'unit_head', 'responsible_leader', 'supervisor', 'admin'] as const;
  const sealKeepers = [...new Set([...rolesWith('approve'), ...rolesWith('keep_document_settings')])];

  app.get(
    '/units/:id/document-settings',
    {
      config: { access: { staff, target: unitTarget } },
      schema: {
        tags,
        summary: 'A unit’s prefix for document numbers, its signatory, and whether it has a seal',
        params: IdParams,
        response: answers({ 200: UnitDocumentSettingsSchema }),
      },
    },
    async (request) => service.get(request.params.id),
  );

  app.patch(
    '/units/:id/document-settings',
    {
      config: { access: { staff: rolesWith('keep_document_settings'), target: unitTarget } },
      schema: {
        tags,
        summary:
          'Set the prefix, the signatory or the seal (an image uploaded first); notices issued keep theirs',
        params: IdParams,
        body: UpdateUnitDocumentSettingsBodySchema,
        response: answers({ 200: UnitDocumentSettingsSchema }),
      },
    },
    async (request) => service.update(contextOf(request), staffOf(request), request.params.id, request.body),
  );

  app.get(
    '/units/:id/seal.png',
    {
      config: { access: { staff: sealKeepers, target: unitTarget } },
      schema: {
        tags,
        summary: 'The unit’s current seal as it is printed (heads, responsible leaders, admins; audited)',
        params: IdParams,
        response: answers({ 200: Type.String({ format: 'binary', description: 'image/png' }) }),
      },
    },
    async (request, reply) =>
      sendFile(reply, await service.seal(contextOf(request), request.params.id, fileAsk(request))),
  );
};

export default unitSettingsRoutes;
