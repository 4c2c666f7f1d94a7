import type {
  EscalationList,
  IssueSupervisionBody,
  ReviewSupervisionBody,
  SupervisionList,
  SupervisionNotice,
  SupervisionQuery,
} from '@xinfang/shared/schemas/supervision';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import type { DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { findUnitRef } from '../org/org.repository';
import type { createPetitionService } from '../petitions/petition.service';
import { escalationsOfPetition } from './escalation.repository';
import { escalationOf, notices, supervisionList } from './supervision.query';
import { petitionVersion } from './supervision-notice.repository';

/** What the supervision service works with — no more. */
export interface SupervisionServiceDeps {
  db: Kysely<DB>;
  /** Issues a 督办单 through the petition's lifecycle. */
  petitions: Pick<ReturnType<typeof createPetitionService>, 'act'>;
}

/**
 * Supervision (Art 40) over HTTP's needs: the supervisor's list; a 督办单 issued through the
 * petition's lifecycle (`issue_supervision`, whose document and notice the write path's effects
 * produce); the issuing unit's review of the written answer (`review_supervision`); and a case's
 * escalation steps.
 */
export function createSupervisionService(deps: SupervisionServiceDeps) {
  const { db, petitions } = deps;

  async function list(staff: StaffPrincipal, query: SupervisionQuery, now: Date): Promise<SupervisionList> {
    const unit = await findUnitRef(db, query.unitId ?? staff.unit.id);
    // The unit is named in the query string, so the policy is asked here rather than by the hook.
    assertWithinScope(staff, unit, query.unitId);
    return supervisionList(db, staff, { ...query, unitPath: pathOf(unit?.path ?? []) }, now);
  }

  async function one(staff: StaffPrincipal, petitionId: string, no: number, now: Date) {
    const [notice] = await notices(db, staff, { petitionId, no, status: 'all' }, now);
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

  async function escalations(petitionId: string): Promise<EscalationList> {
    return { items: (await escalationsOfPetition(db, petitionId)).map(escalationOf) };
  }

  return { list, issue, review, escalations };
}
