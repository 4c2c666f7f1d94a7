import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { daysBetween, isDateString } from '@xinfang/shared/clocks';
import { FiguresQuerySchema, FiguresSchema, UnitTableSchema } from '@xinfang/shared/schemas/figures';
import { SupervisionFiguresSchema } from '@xinfang/shared/schemas/figures-supervision';
import { rolesWith } from '../../access/capabilities';
import { AppError } from '../../errors';
import { staffOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { figuresOf } from './figures.query';
import { figureScopeFor } from './figures.scope';
import { supervisionFiguresOf } from './supervision-figures.query';
import { unitTableOf } from './unit-table.query';

/** Ten years at most: a decade's annual reports side by side, not an unbounded scan. */
const MAX_DAYS = 3660;

/** The figures of a unit for a period, with 同比 and 环比, each linked to the ledger behind it. */
const figuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/figures',
    {
      config: { access: { staff: rolesWith('read_figures') } },
      schema: {
        tags: ['figures'],
        summary: 'Counts, collective petitions, repeats and rates of a unit (and below) for a period',
        querystring: FiguresQuerySchema,
        response: answers({ 200: FiguresSchema }),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      assertPeriod(from, to);
      const scope = await figureScopeFor(app.db, staffOf(request), request.query);
      return figuresOf(app.db, scope, { from, to });
    },
  );

  app.get(
    '/figures/units',
    {
      config: { access: { staff: rolesWith('read_figures') } },
      schema: {
        tags: ['figures'],
        summary:
          'The units directly below one (and its own cases) side by side: counts and rates (各单位对比)',
        querystring: FiguresQuerySchema,
        response: answers({ 200: UnitTableSchema }),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      assertPeriod(from, to);
      const scope = await figureScopeFor(app.db, staffOf(request), request.query);
      return unitTableOf(app.db, scope, { from, to });
    },
  );

  app.get(
    '/figures/supervision',
    {
      config: { access: { staff: rolesWith('read_figures') } },
      schema: {
        tags: ['figures'],
        summary:
          'Per unit of a subtree: escalation steps raised, 签收, 督办单 issued and how they were answered (Art 41 通报)',
        querystring: FiguresQuerySchema,
        response: answers({ 200: SupervisionFiguresSchema }),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      assertPeriod(from, to);
      const scope = await figureScopeFor(app.db, staffOf(request), request.query);
      return supervisionFiguresOf(app.db, scope, { from, to }, app.calendar);
    },
  );
};

export function assertPeriod(from: string, to: string): void {
  const bad = [
    ...(isDateString(from) ? [] : [{ path: '/querystring/from', message: 'is not a date' }]),
    ...(isDateString(to) ? [] : [{ path: '/querystring/to', message: 'is not a date' }]),
  ];
  if (bad.length > 0) throw new AppError('VALIDATION_FAILED', '日期不正确', bad);
  const days = daysBetween(from, to);
  if (days < 0)
    throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', [
      { path: '/querystring/to', message: 'is before from' },
    ]);
  if (days >= MAX_DAYS)
    throw new AppError('VALIDATION_FAILED', '统计期间最长十年', [
      { path: '/querystring/to', message: 'is too far from from' },
    ]);
}

export default figuresRoutes;
