import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { beijingDate } from '@xinfang/shared/clocks';
import {
  LedgerExportQuerySchema,
  type LedgerFilter,
  LedgerPageSchema,
  LedgerQuerySchema,
  type LedgerRow,
} from '@xinfang/shared/schemas/figures';
import { rolesWith } from '../../access/capabilities';
import type { StaffPrincipal } from '../../access/principal';
import { auditActor, recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { attachmentDisposition, sendRows } from '../../http/downloads';
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { findCategory } from '../categories/category.repository';
import type { FigureScope } from '../figures/figures.query';
import { assertPeriod } from '../figures/figures.route';
import { figureScopeFor } from '../figures/figures.scope';
import { isPhoneSearch } from '../petitions/petition.query';
import { getStaff } from '../staff/staff.repository';
import type { LedgerExportTitle } from './ledger.export';
import { ledgerPage, metOnTimeOf } from './ledger.query';
import { termsOf } from './terms';

const EXPORT_PAGE = 500;
const NUMBER_LIKE = /^\s*XF\d{4}-?\d{1,6}\s*$/i;

/** The ledger (台账) behind the figures, page by page, and its export as CSV or XLSX. */
const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = { staff: rolesWith('read_figures') };

  async function prepare(staff: StaffPrincipal, filter: LedgerFilter): Promise<FigureScope> {
    if (filter.from && filter.to) assertPeriod(filter.from, filter.to);
    // Phone numbers never travel in a URL (nor into the audit log with the filter).
    if (isPhoneSearch(filter.search))
      throw new AppError('VALIDATION_FAILED', '台账不按手机号查找；请在信访事项列表中按手机号查找', [
        { path: '/querystring/search', message: 'is a phone number' },
      ]);
    if (filter.search && !NUMBER_LIKE.test(filter.search) && termsOf(filter.search).length === 0)
      throw new AppError('VALIDATION_FAILED', '请至少输入两个字再查找', [
        { path: '/querystring/search', message: 'needs two characters' },
      ]);
    // `late` narrows a limit owed only (应办结, 分办或告知期限届满): refused before any export starts.
    if (filter.late !== undefined) metOnTimeOf(filter);
    return figureScopeFor(app.db, staff, filter);
  }

  /** The filter as the audit log keeps it: what was asked, without the words searched for. */
  const audited = (filter: LedgerFilter): Record<string, string | boolean> => {
    const { search, ...rest } = filter;
    const given = Object.entries(rest).filter(
      (entry): entry is [string, string | boolean] => entry[1] !== undefined,
    );
    return { ...Object.fromEntries(given), ...(search ? { searched: true } : {}) };
  };

  app.get(
    '/ledger',
    {
      config: { access },
      schema: {
        tags: ['figures'],
        summary: 'The petitions behind a figure, with the ledger’s filters, newest first (cursor-paged)',
        querystring: LedgerQuerySchema,
        response: answers({ 200: LedgerPageSchema }),
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const scope = await prepare(staff, request.query);
      const now = new Date();
      const page = await ledgerPage(app.db, staff, scope, request.query, now);
      const { cursor: _cursor, limit: _limit, ...filter } = request.query;
      await recordAudit(
        app.db,
        auditActor(request),
        {
          action: 'ledger.read',
          outcome: 'success',
          details: { ...audited(filter), rows: page.items.length },
        },
        now,
      );
      return page;
    },
  );

  app.get(
    '/ledger/export',
    {
      config: { access },
      schema: {
        tags: ['figures'],
        summary: 'Everything the filter lists, streamed as CSV (UTF-8 with BOM) or XLSX',
        querystring: LedgerExportQuerySchema,
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { format, ...filter } = request.query;
      const scope = await prepare(staff, filter);
      const now = new Date();
      const actor = auditActor(request);
      // Loads ExcelJS (~8 MB of heap) when the ledger is first exported, not with every server.
      const { csvStream, xlsxStream } = await import('./ledger.export');
      const to = filter.to ?? beijingDate(now.toISOString());
      const title: LedgerExportTitle = {
        unit: { name: scope.unit.name, subtree: scope.subtree },
        filter: { ...filter, to },
        categoryName: filter.categoryCode
          ? (await findCategory(app.db, filter.categoryCode))?.name
          : undefined,
        madeBy: (await getStaff(app.db, staff.id))?.displayName ?? staff.id,
        madeAt: now,
      };
      const name = filter.from ? `信访台账_${filter.from}_${to}` : `信访台账_截至${to}`;
      reply
        .header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header(
          'content-disposition',
          attachmentDisposition(`${name}.${format}`, `ledger_${filter.from ?? 'until'}_${to}.${format}`),
        )
        .header('cache-control', 'no-store');
      // Audited once the last row is out (the log only appends): how many rows, and whether the
      // file is whole, like the on-screen read's `rows`.
      return sendRows(
        reply,
        allRows(staff, scope, filter, now),
        (rows) => (format === 'csv' ? csvStream(rows, title) : xlsxStream(rows, '台账', title)),
        ({ rows, complete, failure }) =>
          recordAudit(app.db, actor, {
            action: 'ledger.export',
            outcome: complete ? 'success' : 'failure',
            details: { ...audited(filter), format, rows, ...(failure ? { failure } : {}) },
          }),
      );
    },
  );

  /** Every row the filter lists, read a page at a time as the stream asks for them. */
  async function* allRows(
    staff: StaffPrincipal,
    scope: FigureScope,
    filter: LedgerFilter,
    now: Date,
  ): AsyncGenerator<LedgerRow> {
    let cursor: string | undefined;
    do {
      const page = await ledgerPage(app.db, staff, scope, { ...filter, cursor, limit: EXPORT_PAGE }, now);
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
};

export default ledgerRoutes;
