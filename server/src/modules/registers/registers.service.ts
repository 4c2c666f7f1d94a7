import { createHash } from 'node:crypto';
import type {
  Backlog,
  OwnedCaseList,
  PersonHistory,
  RepeatQuery,
  RepeatRegister,
  UnownedCaseList,
  UnownedQuery,
} from '@xinfang/shared/schemas/registers';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { findUnitRef } from '../org/org.repository';
import { personHistory } from './history.query';
import { ownedCases } from './owned.query';
import { backlog, repeatMatters } from './registers.query';
import { currentPlan, savePlan } from './resolution-plan.repository';
import { decodeUnownedCursor, encodeUnownedCursor } from './unowned';
import { unownedCases } from './unowned.query';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the registers service works with — no more. */
export interface RegistersServiceDeps {
  db: Kysely<DB>;
  /** Days a case may stay open before it counts as 积案 (BACKLOG_OPEN_DAYS). */
  backlogOpenDays: number;
}

/**
 * The registers (积案, 重信重访, 待包案) of a unit's subtree, the 包案 lists and the resolution plan
 * per case. Reading the repeat register or a person's history shows people's names: each read is
 * audited.
 */
export function createRegistersService(deps: RegistersServiceDeps) {
  const { db } = deps;

  /** The viewer narrowed to the unit asked for, which must lie in their subtree. */
  async function narrowed(staff: StaffPrincipal, unitId: string | undefined): Promise<StaffPrincipal> {
    const unit = await findUnitRef(db, unitId ?? staff.unit.id);
    assertWithinScope(staff, unit, unitId);
    return { ...staff, unit: unit ?? staff.unit };
  }

  /** 积案: open cases past a deadline, open too long, or under review or re-examination. */
  async function backlogOf(staff: StaffPrincipal, unitId: string | undefined, now: Date): Promise<Backlog> {
    const longOpenDays = deps.backlogOpenDays;
    const scope = await narrowed(staff, unitId);
    return { items: await backlog(db, scope, { longOpenDays, now }), longOpenDays };
  }

  /** 重信重访: one person's petitions on one matter, more than N within a period (read audited). */
  async function repeatRegister(
    context: RequestContext,
    staff: StaffPrincipal,
    query: RepeatQuery,
  ): Promise<RepeatRegister> {
    const moreThan = query.moreThan ?? 2;
    const periodDays = query.periodDays ?? 365;
    const scope = await narrowed(staff, query.unitId);
    const items = await repeatMatters(db, staff, scope, { moreThan, periodDays, now: context.now });
    await recordAudit(
      db,
      context.actor,
      {
        action: 'register.repeat_petitioners.read',
        outcome: 'success',
        target: { type: 'unit', id: scope.unit.id },
        details: { matters: items.length, moreThan, periodDays },
      },
      context.now,
    );
    return { items, moreThan, periodDays };
  }

  /**
   * Sets or revises a case's resolution plan (化解方案). The row keeps the latest plan; each
   * revision's entry in the audit log names who wrote the plan it replaced and when, with digests
   * of both texts. Not the texts: a plan may name people, and the log is read more widely.
   */
  async function setPlan(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    plan: string,
  ): Promise<void> {
    const values = { plan, updated_by: staff.id, updated_at: context.now.toISOString() };
    await db.transaction().execute(async (trx) => {
      const before = await currentPlan(trx, petitionId);
      await savePlan(trx, petitionId, values);
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'register.plan',
          outcome: 'success',
          target: { type: 'petition', id: petitionId },
          details: {
            replacedBy: before?.updated_by ?? null,
            replacedAt: before?.updated_at ?? null,
            replacedSha256: before ? sha256(before.plan) : null,
            sha256: sha256(plan),
          },
        },
        context.now,
      );
    });
  }

  /** 包案: the cases a leader owns that the viewer may see. */
  function ownedBy(staff: StaffPrincipal, leaderId: string, now: Date): Promise<OwnedCaseList> {
    return ownedCases(db, staff, leaderId, now);
  }

  /**
   * 待包案: the open cases of a unit's subtree nobody leads that should have a leader, the most
   * pressing first, a page at a time (the cursor is where the last page ended in that order).
   */
  async function unownedIn(staff: StaffPrincipal, query: UnownedQuery, now: Date): Promise<UnownedCaseList> {
    const after = query.cursor ? decodeUnownedCursor(query.cursor) : null;
    const scope = await narrowed(staff, query.unitId);
    const { items, next } = await unownedCases(db, scope, now, { after, limit: query.limit ?? 50 });
    return { items, nextCursor: next ? encodeUnownedCursor(next) : null };
  }

  /** A repeat petitioner's whole history, to resolve the matter (read audited). */
  async function historyOf(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionerId: string,
  ): Promise<PersonHistory> {
    const history = await personHistory(db, staff, petitionerId);
    if (!history) throw new AppError('NOT_FOUND', '没有找到这位信访人的信访事项');
    await recordAudit(
      db,
      context.actor,
      {
        action: 'register.person_history.read',
        outcome: 'success',
        target: { type: 'petitioner', id: petitionerId },
        details: { cases: history.cases.length },
      },
      context.now,
    );
    return history;
  }

  return { backlogOf, repeatRegister, setPlan, ownedBy, unownedIn, historyOf };
}
