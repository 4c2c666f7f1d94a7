import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type AuditExportQuery,
  AuditExportQuerySchema,
  AuditPageSchema,
  AuditQuerySchema,
} from '@xinfang/shared/schemas/audit';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { contextOf, staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { exportAudit, queryAudit } from './audit.query';
import { AUDIT_EXPORT_MAX, auditCsv } from './audit-export';

/**
 * The filters an entry about reading the log keeps: the kinds of search, never whom it was about.
 * A person's or a petition's id stays out (only that one was given): an entry naming both an
 * accuser and the accusation would tell an accused auditor who accused him (Art 30).
 */
function filtersOf(query: AuditExportQuery): Record<string, string | boolean> {
  const { actorId, targetId, ...kinds } = query;
  return {
    ...Object.fromEntries(Object.entries(kinds).filter(([, value]) => value !== undefined && value !== '')),
    ...(actorId ? { byActor: true } : {}),
    ...(targetId ? { byTarget: true } : {}),
  };
}

/**
 * The audit log of my subtree, for those who audit. Reading it is itself audited (MLPS 2.0 level 3:
 * the auditors are audited too): each search once, on its first page, and each export.
 */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const readers = rolesWith('read_audit');

  app.get(
    '/audit',
    {
      config: { access: { staff: readers } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log of my subtree, newest first (the first page of a search is audited)',
        querystring: AuditQuerySchema,
        response: answers({ 200: AuditPageSchema }),
      },
    },
    async (request) => {
      const page = await queryAudit(app.db, staffOf(request), request.query);
      if (!request.query.cursor) {
        const { cursor: _cursor, limit: _limit, ...filters } = request.query;
        await recordAudit(app.db, contextOf(request).actor, {
          action: 'audit.read',
          outcome: 'success',
          details: filtersOf(filters),
        });
      }
      return page;
    },
  );

  app.get(
    '/audit/export',
    {
      config: { access: { staff: readers } },
      schema: {
        tags: ['audit'],
        summary: `The entries a search finds as a CSV file (at most ${AUDIT_EXPORT_MAX}), masked as on screen`,
        querystring: AuditExportQuerySchema,
        response: answers({ 200: Type.String({ description: 'text/csv; charset=utf-8' }) }),
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const entries = await exportAudit(app.db, staffOf(request), request.query, AUDIT_EXPORT_MAX);
      if (entries.length > AUDIT_EXPORT_MAX) {
        throw new AppError(
          'VALIDATION_FAILED',
          `找到的记录超过 ${AUDIT_EXPORT_MAX} 条，请缩短时间段或增加筛选条件后分次导出`,
        );
      }
      await recordAudit(app.db, context.actor, {
        action: 'audit.export',
        outcome: 'success',
        details: { ...filtersOf(request.query), rows: entries.length },
      });
      const day = new Date(context.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(auditCsv(entries));
    },
  );
};

export default auditRoutes;
