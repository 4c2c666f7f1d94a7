import type { Calendar } from '@xinfang/shared/clocks';
import { refuse } from '@xinfang/shared/lifecycle';
import type {
  Escalation,
  EscalationList,
  IssueSupervisionBody,
  ReviewSupervisionBody,
  SupervisionList,
  SupervisionNotice,
  SupervisionNoticeList,
  SupervisionQuery,
} from '@xinfang/shared/schemas/supervision';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { findUnitRef } from '../org/org.repository';
import type { createPetitionService } from '../petitions/petition.service';
import { refused } from '../petitions/petition.support';
import { staffSeesPetition } from '../petitions/visibility';
import {
  acknowledgeNotice,
  acknowledgeStep,
  acknowledgesNotice,
  noticeAwaitsReceipt,
  stepAwaitsReceipt,
  stepsMeantFor,
} from './acknowledge';
import { escalationsOfPetition, findStep } from './escalation.repository';
import { escalationOf, notices, supervisionList } from './supervision.query';
import { petitionVersion } from './supervision-notice.repository';

/** What the supervision service works with — no more. */
export interface SupervisionServiceDeps {
  db: Kysely<DB>;
  /** The working-day calendar, for how long a step or a notice has waited for its 签收. */
  calendar: Calendar;
  /** Issues a 督办单 through the petition's lifecycle. */
  petitions: Pick<ReturnType<typeof createPetitionService>, 'act'>;
}

/**
 * Supervision (Art 40) over HTTP's needs: the supervisor's list; a 督办单 issued through the
 * petition's lifecycle (`issue_supervision`, whose document and notice the write path's effects
 * produce); the issuing unit's review of the written answer (`review_supervision`); and a case's
 * escalation steps; and the 签收 of a red step or a 督办单 by the unit it reached.
 */
export function createSupervisionService(deps: SupervisionServiceDeps) {
  const { db, calendar, petitions } = deps;

  async function list(staff: StaffPrincipal, query: SupervisionQuery, now: Date): Promise<SupervisionList> {
    const unit = await findUnitRef(db, query.unitId ?? staff.unit.id);
    // The unit is named in the query string, so the policy is asked here rather than by the hook.
    assertWithinScope(staff, unit, query.unitId);
    return supervisionList(db, staff, { ...query, unitPath: pathOf(unit?.path ?? []) }, calendar, now);
  }

  async function one(staff: StaffPrincipal, petitionId: string, no: number, now: Date) {
    const [notice] = await notices(db, staff, { petitionId, no, status: 'all' }, calendar, now);
    if (!notice) throw new AppError('NOT_FOUND', '没有找到这份督办单');
    return notice;
  }

  async function issue(
    context: RequestContext,
    staff: StaffPrincipal,
    body: IssueSupervisionBody,
  ): Promise<SupervisionNotice> {
    const detail = await petitions.act(context, staff, body.petitionId, {
      type: 'issue_supervision',
      params: { concern: body.concern, requirements: body.requirements, dueDate: body.dueDate },
      version: body.version,
    });
    const issued = detail.timeline.findLast((e) => e.type === 'supervision_issued');
    const no = (issued?.data as { no?: number } | undefined)?.no;
    if (typeof no !== 'number') throw new Error('a supervision notice was issued without its number');
    return one(staff, body.petitionId, no, context.now);
  }

  /**
   * The issuing unit's review, through the petition's lifecycle (`review_supervision`): only that
   * unit's supervisor reviews, only an answer awaiting review, once; a return makes a new answer
   * due, and the write path's effects tell the supervised unit.
   */
  async function review(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    no: number,
    body: ReviewSupervisionBody,
  ): Promise<SupervisionNotice> {
    await one(staff, petitionId, no, context.now);
    await petitions.act(context, staff, petitionId, {
      type: 'review_supervision',
      params: { supervisionNo: no, decision: body.decision, note: body.note, dueDate: body.dueDate },
      version: await petitionVersion(db, petitionId),
    });
    return one(staff, petitionId, no, context.now);
  }

  /**
   * A case's 督办单, oldest first, for anyone who reads the case (the route's target check: the
   * subtree, Art 28, Art 30) — so the supervised unit's reception and handlers see what is asked of
   * them, and sign for it, where they work.
   */
  async function noticesOfCase(
    staff: StaffPrincipal,
    petitionId: string,
    now: Date,
  ): Promise<SupervisionNoticeList> {
    const items = await notices(db, staff, { petitionId, status: 'all' }, calendar, now);
    return { items: items.sort((a, b) => a.no - b.no) };
  }

  async function escalations(staff: StaffPrincipal, petitionId: string, now: Date): Promise<EscalationList> {
    const rows = await escalationsOfPetition(db, petitionId);
    const mine = await stepsMeantFor(
      db,
      staff,
      rows.map((r) => ({ ...r, unit_path: r.unit_path ?? '' })),
    );
    return {
      items: rows.map((r) => escalationOf(r, mine.has(r.id) && !r.acknowledged_at, calendar, now)),
    };
  }

  /**
   * 签收 of a red step by one of the people it was meant for (`stepsMeantFor`), with the
   * steps told in the same message; audited once. A double tap answers the step as it stands.
   */
  async function acknowledgeEscalation(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
  ): Promise<Escalation> {
    const step = await findStep(db, id);
    // The step's case must be one the viewer sees (subtree, Art 28, Art 30): otherwise it is not found.
    const seen =
      step &&
      (await db
        .selectFrom('petition')
        .select('id')
        .where('id', '=', step.petition_id)
        .where(staffSeesPetition(staff))
        .executeTakeFirst());
    if (!step || !seen) throw new AppError('NOT_FOUND', '没有找到这条督办');
    if (!stepAwaitsReceipt(step)) throw refused(refuse('acknowledge.not_awaited'));
    // Anyone else is refused, acknowledged yet or not: 签收 is for the people it was meant for.
    if (!(await stepsMeantFor(db, staff, [step])).has(step.id))
      throw refused(refuse('acknowledge.not_recipient'));
    if (!step.acknowledged_at) {
      await db.transaction().execute(async (trx) => {
        const marked = await acknowledgeStep(trx, step, staff.id, context.now);
        if (marked === 0) return;
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'petition.escalation_acknowledged',
            outcome: 'success',
            target: { type: 'petition', id: step.petition_id },
            details: { escalationId: step.id, level: step.level, unitId: step.unit_id, steps: marked },
            unitPath: step.unit_path,
          },
          context.now,
        );
      });
    }
    const rows = await escalationsOfPetition(db, step.petition_id);
    const row = rows.find((r) => r.id === id);
    if (!row) throw new AppError('NOT_FOUND', '没有找到这条督办');
    return escalationOf(row, false, calendar, context.now);
  }

  /**
   * 签收 of a 督办单 by the supervised unit (who answers it: `acknowledgesNotice`), while it awaits
   * the answer; audited once. A double tap answers the notice as it stands.
   */
  async function acknowledgeSupervision(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    no: number,
  ): Promise<SupervisionNotice> {
    const row = await db
      .selectFrom('supervision_notice as n')
      .innerJoin('org_unit as u', 'u.id', 'n.unit_id')
      .select(['n.unit_id', 'u.path as unit_path', 'n.answered_at', 'n.ended_at', 'n.acknowledged_at'])
      .where('n.petition_id', '=', petitionId)
      .where('n.no', '=', no)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', '没有找到这份督办单');
    if (!acknowledgesNotice(staff, row)) throw refused(refuse('acknowledge.not_recipient'));
    if (!row.acknowledged_at) {
      if (!noticeAwaitsReceipt(row)) throw refused(refuse('acknowledge.not_awaited'));
      await db.transaction().execute(async (trx) => {
        if ((await acknowledgeNotice(trx, petitionId, no, staff.id, context.now)) === 0) return;
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'petition.supervision_acknowledged',
            outcome: 'success',
            target: { type: 'petition', id: petitionId },
            details: { no, unitId: row.unit_id },
            unitPath: row.unit_path,
          },
          context.now,
        );
      });
    }
    return one(staff, petitionId, no, context.now);
  }

  return {
    list,
    issue,
    review,
    noticesOfCase,
    escalations,
    acknowledgeEscalation,
    acknowledgeSupervision,
  };
}
