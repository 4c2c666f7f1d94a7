import { beijingDate } from '@xinfang/shared/clocks';
import type {
  AftercareSettings,
  FollowUp,
  FollowUpOutcome,
  FollowUpQuery,
  RehandlingItem,
  UpdateAftercareSettings,
} from '@xinfang/shared/schemas/aftercare';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { findRootUnitRef, findUnitRef } from '../org/org.repository';
import {
  type FollowUpRow,
  findFollowUp,
  listFollowUps,
  listRehandling,
  recordFollowUp,
} from './follow-up.repository';
import { aftercareSettings, saveAftercareSettings } from './office-settings';

/**
 * Aftercare of concluded cases: the follow-ups (回访) of a subtree and their outcomes, the unit
 * heads' re-handling decisions, and the office's settings for both. The follow-up rows themselves
 * are made by the write path's effect (aftercare.effect.ts) when a case concludes.
 */
export function createAftercareService(deps: { db: Kysely<DB> }) {
  const { db } = deps;

  /** The subtree asked for (default: the caller's own), which must lie in the caller's. */
  async function pathFor(staff: StaffPrincipal, unitId: string | undefined): Promise<string> {
    if (unitId === undefined) return pathOf(staff.unit.path);
    const unit = await findUnitRef(db, unitId);
    assertWithinScope(staff, unit, unitId);
    return pathOf((unit ?? staff.unit).path);
  }

  function view(row: FollowUpRow, today: string): FollowUp {
    const done = row.recorded_at !== null;
    return {
      id: row.id,
      petitionId: row.petition_id,
      number: row.number,
      title: row.title,
      kind: row.kind,
      state: row.state,
      unit: { id: row.unit_id, name: row.unit_name },
      dueDate: row.due_date,
      status: done ? 'done' : row.due_date < today ? 'overdue' : 'open',
      outcome: done
        ? {
            method: row.method as FollowUpOutcome['method'],
            followedOn: row.followed_on as string,
            petitionerSaid: row.petitioner_said as string,
            satisfied: row.satisfied === 1,
            recordedAt: row.recorded_at as string,
          }
        : null,
      createdAt: row.created_at,
    };
  }

  async function list(staff: StaffPrincipal, query: FollowUpQuery, now: Date): Promise<FollowUp[]> {
    const today = beijingDate(now.toISOString());
    const path = await pathFor(staff, query.unitId);
    const rows = await listFollowUps(db, {
      path,
      today,
      ...(query.status ? { status: query.status } : {}),
      ...(query.petitionId ? { petitionId: query.petitionId } : {}),
    });
    return rows.map((r) => view(r, today));
  }

  /**
   * Records how the follow-up went, once. The same outcome sent again (a retry) is answered with the
   * follow-up as recorded; a different one is refused, so nothing recorded is overwritten.
   */
  async function record(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    body: FollowUpOutcome,
  ): Promise<FollowUp> {
    const today = beijingDate(context.now.toISOString());
    const found = await findFollowUp(db, id);
    // Another subtree's follow-up is answered as one that does not exist.
    if (!found?.unit_path.startsWith(pathOf(staff.unit.path)))
      throw new AppError('NOT_FOUND', '没有找到这项回访');
    if (body.followedOn > today || body.followedOn < beijingDate(found.created_at)) {
      throw new AppError('VALIDATION_FAILED', '回访日期应在办结之后、今天之前', [
        { path: '/body/followedOn', message: 'between the conclusion and today' },
      ]);
    }
    if (found.recorded_at !== null) {
      if (sameOutcome(found, body)) return view(found, today);
      throw new AppError('ALREADY_EXISTS', '这项回访的结果已经记录，不能改写');
    }
    const recorded = await db.transaction().execute(async (trx) => {
      const saved = await recordFollowUp(trx, id, {
        method: body.method,
        followed_on: body.followedOn,
        petitioner_said: body.petitionerSaid,
        satisfied: body.satisfied ? 1 : 0,
        recorded_by: staff.id,
        recorded_at: context.now.toISOString(),
      });
      if (!saved) return false;
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'follow_up.record',
          outcome: 'success',
          target: { type: 'petition', id: found.petition_id },
          details: { followUpId: id, method: body.method, satisfied: body.satisfied },
        },
        context.now,
      );
      return true;
    });
    const now = (await findFollowUp(db, id)) as FollowUpRow;
    // Someone recorded it between our read and our write: the same answer as a retry.
    if (!recorded && !sameOutcome(now, body)) {
      throw new AppError('ALREADY_EXISTS', '这项回访的结果已经记录，不能改写');
    }
    return view(now, today);
  }

  async function rehandling(
    staff: StaffPrincipal,
    query: { waiting?: boolean; unitId?: string },
  ): Promise<RehandlingItem[]> {
    const path = await pathFor(staff, query.unitId);
    const rows = await listRehandling(db, {
      path,
      ...(query.waiting === undefined ? {} : { waiting: query.waiting }),
    });
    return rows.map((r) => ({
      petitionId: r.petition_id,
      number: r.number,
      title: r.title,
      kind: r.kind,
      unit: { id: r.unit_id, name: r.unit_name },
      ratedAt: r.rated_at,
      rehandle: r.rehandle === null ? null : r.rehandle === 1,
      decidedAt: r.decided_at,
    }));
  }

  async function settings(): Promise<AftercareSettings> {
    return aftercareSettings(db);
  }

  async function updateSettings(
    context: RequestContext,
    staff: StaffPrincipal,
    body: UpdateAftercareSettings,
  ): Promise<AftercareSettings> {
    // The settings serve the whole office: only an administrator at the top changes them.
    assertWithinScope(staff, await findRootUnitRef(db));
    await db.transaction().execute(async (trx) => {
      await saveAftercareSettings(trx, body, staff.id, context.now.toISOString());
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'settings.aftercare',
          outcome: 'success',
          target: { type: 'settings', id: 'aftercare' },
          details: { ...body },
        },
        context.now,
      );
    });
    return aftercareSettings(db);
  }

  return { list, record, rehandling, settings, updateSettings };
}

function sameOutcome(row: FollowUpRow, body: FollowUpOutcome): boolean {
  return (
    row.method === body.method &&
    row.followed_on === body.followedOn &&
    row.petitioner_said === body.petitionerSaid &&
    (row.satisfied === 1) === body.satisfied
  );
}
