import {
  beijingDate,
  type CalendarYear,
  calendarChanges,
  createCalendar,
  missingCalendarYear,
  OFFICIAL_CALENDAR_YEARS,
  readHolidayNotice,
} from '@xinfang/shared/clocks';
import type { AdminCalendar, CalendarPreview } from '@xinfang/shared/schemas/admin';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { findRootUnitRef } from '../org/org.repository';
import { saveUploadedYear, uploads } from './calendar.repository';

type Source = AdminCalendar['years'][number]['source'];

/**
 * The working-day calendar as administrators keep it: which years are covered and by what, the
 * year that is missing (next year's, from November), and the upload of a year from the State
 * Council's notice — previewed day by day against the calendar in use, then applied at once to
 * every clock (信访工作条例 Art 23 ¶3 counts working days; the statute's days follow the official
 * schedule). The calendar serves the whole organisation: only an administrator at its top uploads.
 */
export function createCalendarAdmin(app: FastifyInstance) {
  const sourceOf = (year: number): Source | null => {
    if (app.calendarYears.uploaded().some((y) => y.year === year)) return 'uploaded';
    if (app.calendarYears.fromFile.some((y) => y.year === year)) return 'file';
    return OFFICIAL_CALENDAR_YEARS.some((y) => y.year === year) ? 'shipped' : null;
  };
  const yearData = (year: number): CalendarYear | undefined =>
    [...OFFICIAL_CALENDAR_YEARS, ...app.extraCalendarYears].findLast((y) => y.year === year);

  async function mayUpload(principal: StaffPrincipal): Promise<boolean> {
    const root = await findRootUnitRef(app.db);
    return root !== null && principal.unit.id === root.id;
  }

  async function view(principal: StaffPrincipal, now: Date): Promise<AdminCalendar> {
    const uploaded = new Map((await uploads(app.db)).map((u) => [u.year, u]));
    return {
      years: app.calendar.years.map((year) => {
        const data = yearData(year);
        const upload = sourceOf(year) === 'uploaded' ? uploaded.get(year) : undefined;
        return {
          year,
          source: sourceOf(year) ?? 'shipped',
          holidays: data?.holidays.length ?? 0,
          makeUpWorkdays: data?.makeUpWorkdays.length ?? 0,
          uploadedAt: upload?.uploaded_at ?? null,
          uploadedBy: upload?.display_name ?? null,
        };
      }),
      missingYear: missingCalendarYear(app.calendar, beijingDate(now.toISOString())),
      mayUpload: await mayUpload(principal),
    };
  }

  function read(body: { year: number; text: string }, now: Date): CalendarYear {
    const thisYear = Number(beijingDate(now.toISOString()).slice(0, 4));
    if (body.year < thisYear) {
      throw new AppError('VALIDATION_FAILED', '过去的年份不能再改：按它计算过的期限不应改变', [
        { path: '/body/year', message: `must be ${thisYear} or later` },
      ]);
    }
    const reading = readHolidayNotice(body.year, body.text);
    if (!reading.ok) {
      throw new AppError(
        'VALIDATION_FAILED',
        `没能读懂这份安排：${reading.issues[0]?.message ?? ''}${reading.issues.length > 1 ? ` 等 ${reading.issues.length} 处` : ''}`,
        reading.issues.map((issue) => ({ path: `/body/text/line/${issue.line}`, message: issue.message })),
      );
    }
    return reading.year;
  }

  function preview(body: { year: number; text: string }, now: Date): CalendarPreview {
    const year = read(body, now);
    const others = app.extraCalendarYears.filter((y) => y.year !== year.year);
    return {
      year: { year: year.year, holidays: [...year.holidays], makeUpWorkdays: [...year.makeUpWorkdays] },
      changes: calendarChanges(app.calendar, createCalendar([...others, year]), year.year),
      replaces: sourceOf(year.year),
    };
  }

  async function upload(
    context: { principal: StaffPrincipal; actor: AuditActor; now: Date },
    body: { year: number; text: string },
  ): Promise<AdminCalendar> {
    assertWithinScope(context.principal, await findRootUnitRef(app.db));
    const { year, changes, replaces } = preview(body, context.now);
    await app.db.transaction().execute(async (trx) => {
      await saveUploadedYear(trx, year, context.principal.id, context.now.toISOString());
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'calendar.upload_year',
          outcome: 'success',
          target: { type: 'calendar_year', id: String(year.year) },
          details: { changedDays: changes.length, replaces: replaces ?? 'none' },
        },
        context.now,
      );
    });
    await app.calendarYears.reload();
    return view(context.principal, context.now);
  }

  return { view, preview, upload };
}
