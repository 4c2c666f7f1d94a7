import { beijingDate } from '@xinfang/shared/clocks';
import { isWithin } from '@xinfang/shared/lifecycle';
import type { RegisterPetitionBody } from '@xinfang/shared/schemas/petitions';
import type {
  CancelVisit,
  HoldVisit,
  NewVisit,
  Visit,
  VisitList,
  VisitQuery,
} from '@xinfang/shared/schemas/visits';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { findUnitRef } from '../org/org.repository';
import type { createPetitionService } from '../petitions/petition.service';
import { visiblePetitionIds } from '../petitions/visible-ids';
import { findActiveLeader } from '../staff/staff.repository';
import {
  cancelVisit,
  holdVisit,
  insertVisit,
  linkVisitCase,
  listVisits,
  type VisitRow,
  visitCases,
} from './visit.repository';

/** What the visit service works with — no more. */
export interface VisitServiceDeps {
  db: Kysely<DB>;
  /** Keeps the first answer to a plan, encrypted, for its retries. */
  pii: PiiCipher;
  /** Registers the petitions met on a visit, through the petitions' one registration path. */
  petitions: Pick<ReturnType<typeof createPetitionService>, 'registerOffline'>;
}

/**
 * Leaders' visits to the grassroots (下访, Art 18): planned for a unit of the caller's subtree, held
 * with what was done, and the petitions met there registered as visits through the one
 * registration path, linked to the visit in the same transaction.
 */
export function createVisitService(deps: VisitServiceDeps) {
  const { db, pii, petitions } = deps;

  async function views(
    staff: StaffPrincipal,
    rows: VisitRow[],
    from: Kysely<DB> | Transaction<DB> = db,
  ): Promise<Visit[]> {
    const cases = await visitCases(
      from,
      rows.map((r) => r.id),
    );
    const visible = await visiblePetitionIds(
      from,
      staff,
      cases.map((c) => c.id),
    );
    return rows.map((r) => {
      // Only the cases this viewer may see, counted too: a count of the others would tell an
      // accused unit that someone at the meeting accused it (Art 30).
      const own = cases
        .filter((c) => c.visit_id === r.id && visible.has(c.id))
        .map((c) => ({ id: c.id, number: c.number, title: c.title }));
      return {
        id: r.id,
        leader: { id: r.leader_id, name: r.leader_name },
        unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
        place: r.place,
        date: r.date,
        topic: r.topic,
        status: r.status,
        summary: r.summary,
        people: r.people,
        heldAt: r.held_at,
        cancelReason: r.cancel_reason,
        caseCount: own.length,
        cases: own,
      };
    });
  }

  async function list(staff: StaffPrincipal, query: VisitQuery): Promise<VisitList> {
    const unit = await findUnitRef(db, query.unitId ?? staff.unit.id);
    assertWithinScope(staff, unit, query.unitId);
    const status = query.status === 'all' ? undefined : query.status;
    const items = await views(
      staff,
      await listVisits(db, { unitPath: pathOf((unit ?? staff.unit).path), status }),
    );
    return {
      items,
      planned: items.filter((v) => v.status === 'planned').length,
      held: items.filter((v) => v.status === 'held').length,
      cases: items.reduce((n, v) => n + v.caseCount, 0),
    };
  }

  async function one(staff: StaffPrincipal, id: string): Promise<VisitRow> {
    const [row] = await listVisits(db, { unitPath: pathOf(staff.unit.path), id });
    if (!row) throw new AppError('NOT_FOUND', '没有找到这次下访');
    return row;
  }

  /** Plans a visit, once per Idempotency-Key: a retry is answered with the first visit. */
  async function plan(
    context: RequestContext,
    staff: StaffPrincipal,
    body: NewVisit,
    idem: IdempotencyRequest,
  ) {
    const leaderId = body.leaderId ?? staff.id;
    const id = newId(context.now.getTime());
    // The checks run only for a new plan: a replay after midnight still gets its first answer.
    const check = async () => {
      const unit = await findUnitRef(db, body.unitId);
      assertWithinScope(staff, unit, body.unitId);
      const leader = await findActiveLeader(db, leaderId);
      // The leader goes down: the visited unit is his own or below it.
      if (!leader || !unit || !isWithin(unit, { id: leader.unit_id, path: [] })) {
        throw new AppError(
          'VALIDATION_FAILED',
          '下访领导须是在职的单位负责人或包案领导，且被走访单位在其下级',
          [{ path: '/body/leaderId', message: 'must be an active leader above the unit visited' }],
        );
      }
      // And a planner puts into the plan only leaders of his own subtree: a mine does not plan
      // a visit in the name of the group's leader (audit 32, D6).
      assertWithinScope(staff, await findUnitRef(db, leader.unit_id), leaderId);
      if (body.date < beijingDate(context.now.toISOString())) {
        throw new AppError('VALIDATION_FAILED', '下访日期不能早于今天', [
          { path: '/body/date', message: 'must be today or later' },
        ]);
      }
    };
    return once(db, pii, idem, context.now, check, async (trx) => {
      await insertVisit(trx, {
        id,
        leader_id: leaderId,
        unit_id: body.unitId,
        place: body.place,
        date: body.date,
        topic: body.topic,
        status: 'planned',
        summary: null,
        people: null,
        held_at: null,
        created_by: staff.id,
        created_at: context.now.toISOString(),
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'visit.plan',
          outcome: 'success',
          target: { type: 'visit', id },
          details: { date: body.date },
        },
        context.now,
      );
      const rows = await listVisits(trx, { unitPath: pathOf(staff.unit.path), id });
      return { status: 201, body: (await views(staff, rows, trx))[0] as Visit };
    });
  }

  async function hold(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    body: HoldVisit,
  ): Promise<Visit> {
    const row = await one(staff, id);
    if (row.status === 'cancelled') {
      throw new AppError('VALIDATION_FAILED', '这次下访已经取消', [
        { path: '/params/id', message: 'the visit is cancelled' },
      ]);
    }
    if (row.date > beijingDate(context.now.toISOString())) {
      throw new AppError('VALIDATION_FAILED', '下访日期还没有到', [
        { path: '/params/id', message: 'the visit is in the future' },
      ]);
    }
    // A visit counts as the leader's own (批次, 人次): only he records it held, or the staff of his
    // own unit for him, and the entry says so. A unit below cannot book a higher leader's visit.
    const forLeader = row.leader_id !== staff.id;
    const audit = (outcome: 'success' | 'denied', trx: Kysely<DB> | Transaction<DB>) =>
      recordAudit(
        trx,
        context.actor,
        {
          action: 'visit.hold',
          outcome,
          target: { type: 'visit', id },
          details: { leaderId: row.leader_id, forLeader, people: body.people },
        },
        context.now,
      );
    if (forLeader && row.leader_unit_id !== staff.unit.id) {
      await audit('denied', db);
      throw new AppError('FORBIDDEN', '下访须由领导本人记录，或由领导所在单位的工作人员代为记录');
    }
    await db.transaction().execute(async (trx) => {
      if (!(await holdVisit(trx, id, { ...body, at: context.now.toISOString() }))) {
        throw new AppError('ALREADY_EXISTS', '这次下访已经记录过了');
      }
      await audit('success', trx);
    });
    return (await views(staff, [await one(staff, id)]))[0] as Visit;
  }

  /**
   * A planned visit that will not happen, cancelled with its reason: it stays in the list as
   * 已取消 and leaves the counts (a plan nobody will hold is not one of the leader's 批次). Only
   * those who may record it held (the leader, his unit's staff for him) or its planner cancel it;
   * a held visit is a record and is not cancelled.
   */
  async function cancel(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    body: CancelVisit,
  ): Promise<Visit> {
    const row = await one(staff, id);
    const allowed =
      row.leader_id === staff.id || row.leader_unit_id === staff.unit.id || row.created_by === staff.id;
    const audit = (outcome: 'success' | 'denied', trx: Kysely<DB> | Transaction<DB>) =>
      recordAudit(
        trx,
        context.actor,
        {
          action: 'visit.cancel',
          outcome,
          target: { type: 'visit', id },
          details: { leaderId: row.leader_id, date: row.date, reason: body.reason },
        },
        context.now,
      );
    // What everyone in the subtree sees in the list already comes first.
    if (row.status === 'held') {
      throw new AppError('VALIDATION_FAILED', '这次下访已经记录，不能取消', [
        { path: '/params/id', message: 'the visit is held' },
      ]);
    }
    if (row.status === 'cancelled') throw new AppError('ALREADY_EXISTS', '这次下访已经取消了');
    if (!allowed) {
      await audit('denied', db);
      throw new AppError('FORBIDDEN', '下访只能由领导本人、领导所在单位的工作人员或安排人取消');
    }
    await db.transaction().execute(async (trx) => {
      const at = context.now.toISOString();
      if (!(await cancelVisit(trx, id, { reason: body.reason.trim(), by: staff.id, at }))) {
        throw new AppError('ALREADY_EXISTS', '这次下访刚刚已经取消或记录过了');
      }
      await audit('success', trx);
    });
    return (await views(staff, [await one(staff, id)]))[0] as Visit;
  }

  /** A petition met on a held visit, registered as a visit (来访) and linked to it. */
  async function registerCase(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    body: RegisterPetitionBody,
    idem: IdempotencyRequest,
  ) {
    const row = await one(staff, id);
    if (row.status !== 'held') {
      throw new AppError('VALIDATION_FAILED', '下访记录后才能登记当场受理的信访事项', [
        { path: '/params/id', message: 'the visit is not held yet' },
      ]);
    }
    if (body.channel !== 'visit') {
      throw new AppError('VALIDATION_FAILED', '下访中受理的信访事项按来访登记', [
        { path: '/body/channel', message: 'must be visit' },
      ]);
    }
    return petitions.registerOffline(context, staff, body, idem, (trx, petitionId) =>
      linkVisitCase(trx, id, petitionId),
    );
  }

  return { list, plan, hold, cancel, registerCase };
}
