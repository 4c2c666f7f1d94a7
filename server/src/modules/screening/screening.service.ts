import {
  beijingDate,
  type Calendar,
  currentScreeningPeriod,
  DEFAULT_ESCALATION_POLICY,
  daysBetween,
  screeningEscalationsOf,
  screeningPeriodBounds,
  screeningReportDue,
  sensitivePeriodsOverlap,
} from '@xinfang/shared/clocks';
import type { UnitRef } from '@xinfang/shared/lifecycle';
import type {
  MissingReports,
  NewScreeningItem,
  NewScreeningReport,
  NewSensitivePeriod,
  ScreeningItem,
  ScreeningReport,
  SensitivePeriodList,
} from '@xinfang/shared/schemas/screening';
import type { Kysely } from 'kysely';
import { rolesWith } from '../../access/capabilities';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { pathIds, pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import type { IdempotencyRequest } from '../../http/idempotency';
import { once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { findRootUnitRef, findUnitRef } from '../org/org.repository';
import {
  closeItem,
  countItems,
  findReport,
  type ItemRow,
  insertItem,
  insertReport,
  listItems,
  type ReportRow,
  reportingUnits,
  reportsOf,
} from './screening.repository';
import {
  findSensitivePeriod,
  insertSensitivePeriod,
  sensitivePeriods,
  sensitivePeriodsForDeclaring,
  withdrawSensitivePeriod,
} from './sensitive-period.repository';

/** The longest sensitive period the office may declare at once. */
const SENSITIVE_MAX_DAYS = 60;

/** What the screening service works with — no more. */
export interface ScreeningServiceDeps {
  db: Kysely<DB>;
  /** Keeps an item's idempotent answer encrypted. */
  pii: PiiCipher;
  calendar: Calendar;
  /** An overdue item climbs one more level every so many working days late (as the cases do). */
  escalateUpAfterWorkingDays: number;
}

/**
 * Risk screening (矛盾纠纷排查) and nil reports (零报告): units register the disputes they find and
 * report every week, items or nothing — every day through a sensitive period the office declares;
 * the office sees who has not. A liaison officer sees only the items he registered himself.
 */
export function createScreeningService(deps: ScreeningServiceDeps) {
  const { db, pii, calendar } = deps;
  const watches = (staff: StaffPrincipal) =>
    staff.roles.some((r) => rolesWith('watch_screening').includes(r));

  /** The unit asked for (default: the caller's own), which must lie in the caller's subtree. */
  async function unitFor(staff: StaffPrincipal, unitId: string | undefined): Promise<UnitRef> {
    const unit = await findUnitRef(db, unitId ?? staff.unit.id);
    assertWithinScope(staff, unit, unitId);
    return unit ?? staff.unit;
  }

  function itemOf(row: ItemRow, now: string): ScreeningItem {
    const today = beijingDate(now);
    // The highest step it has reached on the cases' ladder (jobs/screening-escalations.ts tells it).
    const reached = screeningEscalationsOf(
      { ...row, unit: { id: row.unit_id, path: pathIds(row.unit_path) } },
      calendar,
      now,
      {
        dueSoonWorkingDays: DEFAULT_ESCALATION_POLICY.dueSoonWorkingDays,
        upAfterWorkingDays: deps.escalateUpAfterWorkingDays,
      },
    ).at(-1);
    return {
      id: row.id,
      unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
      period: row.period,
      subject: row.subject,
      involved: row.involved,
      headcount: row.headcount,
      grade: row.grade,
      responsible: row.responsible,
      measures: row.measures,
      deadline: row.deadline,
      status: row.status,
      overdue: row.status === 'open' && row.deadline < today,
      ...(reached && { escalation: { flag: reached.flag, level: reached.level } }),
      closingNote: row.closing_note,
      closedAt: row.closed_at,
      createdAt: row.created_at,
    };
  }

  const reportOf = (row: ReportRow): ScreeningReport => ({
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    period: row.period,
    nil: row.nil === 1,
    itemCount: row.item_count,
    late: row.late === 1,
    reportedAt: row.reported_at,
  });

  async function list(
    staff: StaffPrincipal,
    query: { unitId?: string; status?: 'open' | 'closed' | 'all' },
    now: Date,
  ): Promise<ScreeningItem[]> {
    const unit = await unitFor(staff, query.unitId);
    const rows = await listItems(db, {
      path: pathOf(unit.path),
      status: query.status === 'all' ? undefined : (query.status ?? 'open'),
      reportedBy: watches(staff) ? undefined : staff.id,
    });
    return rows.map((r) => itemOf(r, now.toISOString()));
  }

  async function register(
    context: RequestContext,
    staff: StaffPrincipal,
    body: NewScreeningItem,
    idem: IdempotencyRequest,
  ) {
    const at = context.now.toISOString();
    // The checks run only for a new item: a retry after midnight still gets its first answer.
    const check = async () => {
      const unit = await unitFor(staff, body.unitId);
      if (body.deadline < beijingDate(at)) {
        throw new AppError('VALIDATION_FAILED', '化解期限不能早于今天', [
          { path: '/body/deadline', message: 'must not be before today' },
        ]);
      }
      return unit;
    };
    const id = newId(context.now.getTime());
    return once(db, pii, idem, context.now, check, async (trx, unit) => {
      await insertItem(trx, {
        id,
        unit_id: unit.id,
        period: currentScreeningPeriod(at, await sensitivePeriods(trx)),
        subject: body.subject,
        involved: body.involved,
        headcount: body.headcount,
        grade: body.grade,
        responsible: body.responsible,
        measures: body.measures,
        deadline: body.deadline,
        status: 'open',
        closing_note: null,
        closed_at: null,
        reported_by: staff.id,
        created_at: at,
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'screening.register',
          outcome: 'success',
          target: { type: 'screening_item', id },
          details: { grade: body.grade, headcount: body.headcount },
          unitPath: pathOf(unit.path),
        },
        context.now,
      );
      const [row] = await listItems(trx, { path: pathOf(unit.path), id });
      return { status: 201, body: itemOf(row as ItemRow, at) };
    });
  }

  async function close(context: RequestContext, staff: StaffPrincipal, id: string, note: string) {
    const [row] = await listItems(db, { path: pathOf(staff.unit.path), id });
    if (!row) throw new AppError('NOT_FOUND', '没有找到这条排查记录');
    const at = context.now.toISOString();
    await db.transaction().execute(async (trx) => {
      if (!(await closeItem(trx, id, note, at)))
        throw new AppError('ALREADY_EXISTS', '这条排查记录已经化解销号');
      await recordAudit(
        trx,
        context.actor,
        { action: 'screening.close', outcome: 'success', target: { type: 'screening_item', id } },
        context.now,
      );
    });
    return itemOf({ ...row, status: 'closed', closing_note: note, closed_at: at }, at);
  }

  async function report(context: RequestContext, staff: StaffPrincipal, body: NewScreeningReport) {
    const unit = await unitFor(staff, body.unitId);
    const sensitive = await sensitivePeriods(db);
    const bounds = screeningPeriodBounds(body.period, sensitive);
    const today = beijingDate(context.now.toISOString());
    if (!bounds || bounds.from > today) {
      throw new AppError(
        'VALIDATION_FAILED',
        '报告周期不正确：只能报告本期或以前的周期（敏感时期按日报告）',
        [
          {
            path: '/body/period',
            message: 'must be this period or an earlier one (daily in a sensitive period)',
          },
        ],
      );
    }
    return db.transaction().execute(async (trx) => {
      if (await findReport(trx, unit.id, body.period)) {
        throw new AppError('ALREADY_EXISTS', '本单位这一期已经报告过了');
      }
      const count = await countItems(trx, unit.id, body.period);
      if (body.nil && count > 0) {
        throw new AppError('VALIDATION_FAILED', `这一周已登记${count}件矛盾纠纷，不能报零报告`, [
          { path: '/body/nil', message: 'items were registered this week' },
        ]);
      }
      if (!body.nil && count === 0) {
        throw new AppError('VALIDATION_FAILED', '这一周没有登记矛盾纠纷：请先登记，或报零报告', [
          { path: '/body/nil', message: 'no items were registered this week' },
        ]);
      }
      const due = screeningReportDue(body.period, calendar, sensitive) as string;
      const row = {
        unit_id: unit.id,
        period: body.period,
        nil: body.nil ? 1 : 0,
        item_count: count,
        late: today > due ? 1 : 0,
        reported_by: staff.id,
        reported_at: context.now.toISOString(),
      };
      await insertReport(trx, row);
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'screening.report',
          outcome: 'success',
          target: { type: 'unit', id: unit.id },
          details: { period: body.period, nil: body.nil, items: count, late: row.late === 1 },
          unitPath: pathOf(unit.path),
        },
        context.now,
      );
      const [saved] = await reportsOf(trx, pathOf(unit.path), body.period, unit.id);
      return reportOf(saved as ReportRow);
    });
  }

  async function missing(
    staff: StaffPrincipal,
    query: { period: string; unitId?: string },
    now: Date,
  ): Promise<MissingReports> {
    const unit = await unitFor(staff, query.unitId);
    const due = screeningReportDue(query.period, calendar, await sensitivePeriods(db));
    if (!due) {
      throw new AppError('VALIDATION_FAILED', '报告周期不正确', [
        {
          path: '/querystring/period',
          message: 'must be an ISO week such as 2026-W49, or a day of a sensitive period',
        },
      ]);
    }
    const path = pathOf(unit.path);
    const reports = await reportsOf(db, path, query.period);
    const reported = new Set(reports.map((r) => r.unit_id));
    return {
      period: query.period,
      dueDate: due,
      pastDue: beijingDate(now.toISOString()) > due,
      missing: (await reportingUnits(db, path)).filter((u) => !reported.has(u.id)),
      late: reports.filter((r) => r.late === 1).map(reportOf),
      reported: reports.length,
    };
  }

  async function reports(staff: StaffPrincipal, query: { period: string; unitId?: string }) {
    const unit = await unitFor(staff, query.unitId);
    return (await reportsOf(db, pathOf(unit.path), query.period)).map(reportOf);
  }

  /** The declared sensitive periods, and the period a report made now belongs to. */
  async function sensitive(now: Date): Promise<SensitivePeriodList> {
    const items = await sensitivePeriods(db);
    return { items, current: currentScreeningPeriod(now.toISOString(), items) };
  }

  /**
   * A sensitive period binds every unit to daily reports (the table is the whole group's), so only
   * a supervisor at the top declares or withdraws one, as only an admin there keeps the categories
   * and the calendar (audit 32, D4).
   */
  async function assertAtTop(staff: StaffPrincipal): Promise<void> {
    assertWithinScope(staff, await findRootUnitRef(db));
  }

  /**
   * The group's office declares a sensitive period: from today or later, at most 60 days,
   * overlapping none, once per Idempotency-Key. Declarations at once wait for each other, so a
   * double tap with two keys declares one and the other overlaps it (409); a retry after midnight
   * is still answered with the first declaration, its checks not run again.
   */
  async function declare(
    context: RequestContext,
    staff: StaffPrincipal,
    body: NewSensitivePeriod,
    idem: IdempotencyRequest,
  ) {
    await assertAtTop(staff);
    const today = beijingDate(context.now.toISOString());
    const invalid = (path: string, zh: string, en: string) =>
      new AppError('VALIDATION_FAILED', zh, [{ path: `/body/${path}`, message: en }]);
    const check = async () => {
      if (body.from < today) throw invalid('from', '敏感时期不能早于今天开始', 'must be today or later');
      if (body.to < body.from) throw invalid('to', '结束日期不能早于开始日期', 'must not be before from');
      if (daysBetween(body.from, body.to) >= SENSITIVE_MAX_DAYS) {
        throw invalid('to', `敏感时期一次最长${SENSITIVE_MAX_DAYS}天`, `at most ${SENSITIVE_MAX_DAYS} days`);
      }
    };
    const id = newId(context.now.getTime());
    const declaredAt = context.now.toISOString();
    return once(db, pii, idem, context.now, check, async (trx) => {
      const clash = (await sensitivePeriodsForDeclaring(trx)).find((s) => sensitivePeriodsOverlap(s, body));
      if (clash) {
        throw new AppError('ALREADY_EXISTS', `与已宣布的“${clash.name}”（${clash.from}至${clash.to}）重叠`);
      }
      await insertSensitivePeriod(trx, {
        id,
        name: body.name,
        from_date: body.from,
        to_date: body.to,
        declared_by: staff.id,
        declared_at: declaredAt,
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'screening.declare_sensitive_period',
          outcome: 'success',
          target: { type: 'sensitive_period', id },
          details: { from: body.from, to: body.to },
        },
        context.now,
      );
      return {
        status: 201,
        body: { id, name: body.name, from: body.from, to: body.to, declaredAt, withdrawalReason: null },
      };
    });
  }

  /**
   * The group's office withdraws a period it no longer needs, with a reason, audited: one not begun
   * is gone; one under way ends today (today's reports stay due), and the weeks take over again.
   * One already over is history and stays; a second withdrawal answers as the first did.
   */
  async function withdraw(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    body: { reason: string },
  ): Promise<SensitivePeriodList> {
    await assertAtTop(staff);
    const reason = body.reason.trim();
    if (reason === '') {
      throw new AppError('VALIDATION_FAILED', '请写明撤回的理由', [
        { path: '/body/reason', message: 'must not be blank' },
      ]);
    }
    const period = await findSensitivePeriod(db, id);
    if (!period) throw new AppError('NOT_FOUND', '没有找到这个敏感时期');
    const today = beijingDate(context.now.toISOString());
    if (period.withdrawn_at === null && period.to_date < today) {
      throw new AppError('VALIDATION_FAILED', '已经结束的敏感时期不能撤回', [
        { path: '/params/id', message: 'the period is over' },
      ]);
    }
    const at = context.now.toISOString();
    await db.transaction().execute(async (trx) => {
      if (!(await withdrawSensitivePeriod(trx, id, { at, by: staff.id, reason }))) return;
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'screening.withdraw_sensitive_period',
          outcome: 'success',
          target: { type: 'sensitive_period', id },
          details: {
            from: period.from_date,
            to: period.to_date,
            endedOn: period.from_date > today ? null : today,
            reason,
          },
        },
        context.now,
      );
    });
    return sensitive(context.now);
  }

  return { list, register, close, report, reports, missing, sensitive, declare, withdraw };
}
