import {
  beijingDate,
  type Calendar,
  type CalendarYear,
  calendarChanges,
  createCalendar,
  missingCalendarYear,
  OFFICIAL_CALENDAR_YEARS,
  readHolidayNotice,
} from '@xinfang/shared/clocks';
import type { AdminCalendar, CalendarPreview } from '@xinfang/shared/schemas/admin';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { findRootUnitRef } from '../org/org.repository';
import type { WritePath } from '../petitions/write-path';
import { saveUploadedYear, uploads } from './calendar.repository';
import { recountWithCalendar } from './calendar-recount';

type Source = AdminCalendar['years'][number]['source'];

/** What the calendar's administration works with — no more. */
export interface CalendarAdminDeps {
  db: Kysely<DB>;
  /** The calendar every clock counts with, always the current one (plugins/calendar.ts). */
  calendar: Calendar;
  /** The extra years by where they come from, and the reading again of the uploaded ones. */
  calendarYears: {
    fromFile: readonly CalendarYear[];
    uploaded(): readonly CalendarYear[];
    reload(): Promise<void>;
  };
  /** The extra years as the app serves them (CALENDAR_FILE's, then the uploaded ones), read when asked. */
  extraYears(): readonly CalendarYear[];
  /** The one write path: a case's due date moves through it with a new year (calendar-recount). */
  writer: WritePath;
}

/**
 * The working-day calendar as administrators keep it: which years are covered and by what, the
 * year that is missing (next year's, from November), and the upload of a year from the State
 * Council's notice — previewed day by day against the calendar in use, then applied at once to
 * every clock (信访工作条例 Art 23 ¶3 counts working days; the statute's days follow the official
 * schedule), and to what is stored of every case: its due date, the inbox tallies and the figures
 * (`recountWithCalendar`). The calendar serves the whole organisation: only an administrator at
 * its top uploads.
 */
export function createCalendarAdmin(deps: CalendarAdminDeps) {
  const { db, calendar, calendarYears, extraYears, writer } = deps;
  const sourceOf = (year: number): Source | null => {
    if (calendarYears.uploaded().some((y) => y.year === year)) return 'uploaded';
    if (calendarYears.fromFile.some((y) => y.year === year)) return 'file';
    return OFFICIAL_CALENDAR_YEARS.some((y) => y.year === year) ? 'shipped' : null;
  };
  const yearData = (year: number): CalendarYear | undefined =>
    [...OFFICIAL_CALENDAR_YEARS, ...extraYears()].findLast((y) => y.year === year);

  async function mayUpload(principal: StaffPrincipal): Promise<boolean> {
    const root = await findRootUnitRef(db);
    return root !== null && principal.unit.id === root.id;
  }

  async function view(principal: StaffPrincipal, now: Date): Promise<AdminCalendar> {
    const uploaded = new Map((await uploads(db)).map((u) => [u.year, u]));
    return {
      years: calendar.years.map((year) => {
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
      missingYear: missingCalendarYear(calendar, beijingDate(now.toISOString())),
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
    const others = extraYears().filter((y) => y.year !== year.year);
    const changes = calendarChanges(calendar, createCalendar([...others, year]), year.year);
    const replaces = sourceOf(year.year);
    assertNoPastDayChanges(changes, replaces, now);
    return {
      year: { year: year.year, holidays: [...year.holidays], makeUpWorkdays: [...year.makeUpWorkdays] },
      changes,
      replaces,
    };
  }

  /**
   * The current year's days already past are not changed: deadlines counted through them (Art 23
   * ¶3, 34) were told to people and met or missed, and a notice that leaves out 春节 by mistake
   * would rewrite them. Refused, naming the days, as past years are (`read`) — unless the year had
   * no schedule at all (counted with weekends only), which its first notice puts right.
   */
  function assertNoPastDayChanges(
    changes: CalendarPreview['changes'],
    replaces: Source | null,
    now: Date,
  ): void {
    const today = beijingDate(now.toISOString());
    const past = changes.filter((change) => change.date < today).map((change) => change.date);
    if (replaces === null || past.length === 0) return;
    const named = `${past.slice(0, 5).join('、')}${past.length > 5 ? ` 等 ${past.length} 天` : ''}`;
    throw new AppError(
      'VALIDATION_FAILED',
      `今天以前的日子不能再改：按它们计算过的期限不应改变（${named}）。请核对这份安排是否完整`,
      past.map((date) => ({ path: '/body/text', message: `changes ${date}, which is past` })),
    );
  }

  async function upload(
    context: { principal: StaffPrincipal; actor: AuditActor; now: Date },
    body: { year: number; text: string },
  ): Promise<AdminCalendar> {
    assertWithinScope(context.principal, await findRootUnitRef(db));
    const { year, changes, replaces } = preview(body, context.now);
    await db.transaction().execute(async (trx) => {
      await saveUploadedYear(trx, year, context.principal.id, context.now.toISOString());
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'calendar.upload_year',
          outcome: 'success',
          target: { type: 'calendar_year', id: String(year.year) },
          details: {
            changedDays: changes.length,
            // Which days: each date and what it is now (a working day, or the holiday's name).
            changedDates: changes
              .map((c) => `${c.date}:${c.working ? '上班' : (c.holiday ?? '休息')}`)
              .join(','),
            replaces: replaces ?? 'none',
          },
        },
        context.now,
      );
    });
    await calendarYears.reload();
    // Counted with the new year at once, the stored due dates and figures follow before the answer.
    await recountWithCalendar({ db, calendar, writer }, context);
    return view(context.principal, context.now);
  }

  return { view, preview, upload };
}
