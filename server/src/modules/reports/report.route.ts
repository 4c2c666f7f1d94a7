import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bulletinPeriod, type FigurePeriod, yearPeriod } from '@xinfang/shared/figures';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { rolesWith } from '../../access/capabilities';
import { auditActor, recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { attachmentDisposition, safeFileName } from '../../http/downloads';
import { staffOf } from '../../http/request-context';
import { figuresOf } from '../figures/figures.query';
import { figureScopeFor } from '../figures/figures.scope';
import { supervisionFiguresOf } from '../figures/supervision-figures.query';
import { unitTableOf } from '../figures/unit-table.query';
import { reportContent } from './report.content';

const Format = Type.Union([Type.Literal('docx'), Type.Literal('pdf')]);
const Unit = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** The annual report (Art 41) and the monthly and quarterly bulletins, as DOCX or PDF. */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = { staff: rolesWith('read_figures') };

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: {
      kind: string;
      period: FigurePeriod;
      title: string;
      /** The period as asked for (2026, 2026-03, 2026-Q1): the file's ASCII name. */
      spec: string;
      format: 'docx' | 'pdf';
      unitId?: string | undefined;
    },
  ) {
    const scope = await figureScopeFor(app.db, staffOf(request), { unitId: spec.unitId });
    const now = new Date();
    // Counted up to today when the period reaches past it; the report says so (截至).
    // A handler's report is of their own unit alone: no units to set side by side.
    const [figures, units, supervision] = await Promise.all([
      figuresOf(app.db, scope, spec.period, now),
      scope.subtree ? unitTableOf(app.db, scope, spec.period, now) : undefined,
      supervisionFiguresOf(app.db, scope, spec.period, app.calendar, now),
    ]);
    const content = reportContent(spec.title, figures, spec.period, units, supervision);
    // The writers load docx and pdfkit (~10 MB of heap) when a report is first asked for.
    const file =
      spec.format === 'docx'
        ? await (await import('./report.docx')).reportDocx(content)
        : await (await import('./report.pdf')).reportPdf(content, now, app.config.documentFallbackFontDir);
    await recordAudit(
      app.db,
      auditActor(request),
      {
        action: `report.${spec.kind}`,
        outcome: 'success',
        details: { ...figures.period, format: spec.format, unitId: scope.unit.id },
      },
      now,
    );
    return reply
      .header('content-type', TYPES[spec.format])
      .header(
        'content-disposition',
        // e.g. 晋安煤业集团2026年第一季度信访工作通报.docx: each report its own name.
        attachmentDisposition(
          safeFileName(`${scope.unit.name}${spec.title}.${spec.format}`),
          `${spec.kind}-${spec.spec}.${spec.format}`,
        ),
      )
      .header('cache-control', 'no-store')
      .send(file);
  }

  app.get(
    '/reports/annual',
    {
      config: { access },
      schema: {
        tags: ['figures'],
        summary: 'The annual report of a unit (Art 41), as DOCX for editing or PDF for circulation',
        querystring: Type.Object({
          year: Type.Integer({ minimum: 2000, maximum: 2999 }),
          format: Format,
          unitId: Unit,
        }),
      },
    },
    (request, reply) => {
      const { year, format, unitId } = request.query;
      return send(request, reply, {
        kind: 'annual',
        period: yearPeriod(year),
        title: `${year}年度信访工作报告`,
        spec: String(year),
        format,
        unitId,
      });
    },
  );

  app.get(
    '/reports/bulletin',
    {
      config: { access },
      schema: {
        tags: ['figures'],
        summary: 'A monthly (YYYY-MM) or quarterly (YYYY-Qn) bulletin of a unit, as DOCX or PDF',
        querystring: Type.Object({ period: Type.String({ maxLength: 7 }), format: Format, unitId: Unit }),
      },
    },
    (request, reply) => {
      const { period: spec, format, unitId } = request.query;
      const period = bulletinPeriod(spec);
      if (!period)
        throw new AppError('VALIDATION_FAILED', '通报期间应为某月（如 2026-03）或某季度（如 2026-Q1）', [
          { path: '/querystring/period', message: 'is not YYYY-MM or YYYY-Qn' },
        ]);
      const [year, part] = spec.split('-') as [string, string];
      const title = part.startsWith('Q')
        ? `${year}年第${'一二三四'[Number(part.slice(1)) - 1]}季度信访工作通报`
        : `${year}年${Number(part)}月信访工作通报`;
      return send(request, reply, { kind: 'bulletin', period, title, spec, format, unitId });
    },
  );
};

export default reportRoutes;
