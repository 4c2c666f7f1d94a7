import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminUnitSchema } from '@xinfang/shared/schemas/admin';
import {
  CreateUnitBodySchema,
  ImportReportSchema,
  OrgUnitSchema,
  UpdateUnitBodySchema,
} from '@xinfang/shared/schemas/identity';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findUnitRef } from './org.repository';
import { createOrgService } from './org.service';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 26 }) });

/**
 * The organisation tree. Reading it is public: Art 18 requires the units' reception addresses,
 * hours and phones to be published. Changing it is for admins, inside their subtree.
 */
const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const org = createOrgService({ db: app.db });
  const tags = ['organisation'];
  const admin = rolesWith('administer');

  app.access.registerTarget('unit', async (id) => {
    const unit = await findUnitRef(app.db, id);
    return unit ? { units: [unit] } : null;
  });

  app.get(
    '/org/units',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Every active unit, with published reception details (Art 18)',
        response: answers({ 200: Type.Array(OrgUnitSchema) }),
      },
    },
    async () => org.list(),
  );

  app.get(
    '/org/units/:id',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'One unit', params: IdParams, response: answers({ 200: OrgUnitSchema }) },
    },
    async (request) => org.get(request.params.id),
  );

  app.post(
    '/org/units',
    {
      config: { access: { staff: admin, target: { type: 'unit', from: { body: 'parentId' } } } },
      schema: {
        tags,
        summary: 'Create a unit under a parent in my subtree',
        body: CreateUnitBodySchema,
        response: answers({ 201: OrgUnitSchema }),
      },
    },
    async (request, reply) => reply.status(201).send(await org.create(contextOf(request), request.body)),
  );

  app.patch(
    '/org/units/:id',
    {
      config: { access: { staff: admin, target: { type: 'unit', from: { param: 'id' } } } },
      schema: {
        tags,
        summary: 'Rename a unit, change its reception details, or move it (no cycles)',
        params: IdParams,
        body: UpdateUnitBodySchema,
        response: answers({ 200: OrgUnitSchema }),
      },
    },
    async (request) => org.update(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/org/units/:id/retire',
    {
      config: { access: { staff: admin, target: { type: 'unit', from: { param: 'id' } } } },
      schema: {
        tags,
        summary: 'Retire a unit without active children or open petitions (IN_USE lists them)',
        params: IdParams,
        response: answers({ 200: OrgUnitSchema }),
      },
    },
    async (request) => org.retire(contextOf(request), request.params.id),
  );

  app.post(
    '/org/units/:id/reinstate',
    {
      config: { access: { staff: admin, target: { type: 'unit', from: { param: 'id' } } } },
      schema: {
        tags,
        summary: 'Bring a retired unit back (its parent must be in use)',
        params: IdParams,
        response: answers({ 200: OrgUnitSchema }),
      },
    },
    async (request) => org.reinstate(contextOf(request), request.params.id),
  );

  app.get(
    '/admin/units',
    {
      config: { access: { staff: admin } },
      schema: {
        tags,
        summary: 'Every unit of my subtree, retired ones too, with the open petitions and staff each holds',
        response: answers({ 200: Type.Array(AdminUnitSchema) }),
      },
    },
    async (request) => org.adminList(staffOf(request)),
  );

  app.post(
    '/org/units/import',
    {
      config: { access: { staff: admin } },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a tree from CSV: code,name,kind,parent_code,address,reception_hours,phone',
        consumes: ['text/csv'],
        body: Type.String({ minLength: 1, maxLength: 2 * 1024 * 1024 }),
        response: answers({ 200: ImportReportSchema }),
      },
    },
    async (request) => org.importCsv(contextOf(request), request.body),
  );
};

export default orgRoutes;
