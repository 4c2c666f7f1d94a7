import { beijingDate, type Calendar } from '@xinfang/shared/clocks';
import type {
  AftercareSettings,
  FollowUp,
  FollowUpList,
  FollowUpOutcome,
  FollowUpQuery,
  RehandlingList,
  RehandlingQuery,
  UpdateAftercareSettings,
} from '@xinfang/shared/schemas/aftercare';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { decodeCursor, encodeCursor } from '../../db/cursor';
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
import { rehandlingDueDate } from './rehandling-deadline';

/**
 * Aftercare of concluded cases: the follow-ups (回访) of a subtree and their outcomes, the unit
 * heads' re-handling decisions, and the office's settings for both. The follow-up rows themselves
 * are made by the write path's effect (aftercare.effect.ts) when a case concludes.
 */
export function createAftercareService(deps: { db: Kysely<DB>; calendar: Calendar }) {
  const { db, calendar } = deps;

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

  async function list(staff: StaffPrincipal, query: FollowUpQuery, now: Date): Promise<FollowUpList> {
    const today = beijingDate(now.toISOString());
    const path = await pathFor(staff, query.unitId);
    const limit = query.limit ?? 50;
    const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : null;
    const rows = await listFollowUps(
      db,
      staff,
      {
        path,
        today,
        ...(query.status ? { status: query.status } : {}),
        ...(query.petitionId ? { petitionId: query.petitionId } : {}),
      },
      { limit, ...(after ? { after: { dueDate: after[0], id: after[1] } } : {}) },
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => view(r, today)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.due_date, last.id]) : null,
    };
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
    const found = await findFollowUp(db, staff, id);
    // Another subtree's follow-up, or one of a case the caller is recused from (Art 28) or kept
    // from (Art 30), is answered as one that does not exist.
    if (!found) throw new AppError('NOT_FOUND', '没有找到这项回访');
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
    const now = (await findFollowUp(db, staff, id)) as FollowUpRow;
    // Someone recorded it between our read and our write: the same answer as a retry.
    if (!recorded && !sameOutcome(now, body)) {
      throw new AppError('ALREADY_EXISTS', '这项回访的结果已经记录，不能改写');
    }
    return view(now, today);
  }

  async function rehandling(
    staff: StaffPrincipal,
    query: RehandlingQuery,
    now: Date,
  ): Promise<RehandlingList> {
    const today = beijingDate(now.toISOString());
    const path = await pathFor(staff, query.unitId);
    const limit = query.limit ?? 50;
    const after = query.cursor ? (decodeCursor(query.cursor, 3) as [string, string, number]) : null;
    const rows = await listRehandling(
      db,
      staff,
      { path, ...(query.waiting === undefined ? {} : { waiting: query.waiting }) },
      { limit, ...(after ? { after: { ratedAt: after[0], petitionId: after[1], ratedSeq: after[2] } } : {}) },
    );
    const { rehandlingWorkingDays } = await aftercareSettings(db);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => {
        const dueDate = rehandlingDueDate(r.rated_at, rehandlingWorkingDays, calendar);
        return {
          petitionId: r.petition_id,
          number: r.number,
          title: r.title,
          kind: r.kind,
          unit: { id: r.unit_id, name: r.unit_name },
          ratedAt: r.rated_at,
          dueDate,
          overdue: r.rehandle === null && dueDate < today,
          rehandle: r.rehandle === null ? null : r.rehandle === 1,
          decidedAt: r.decided_at,
        };
      }),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.rated_at, last.petition_id, last.rated_seq]) : null,
    };
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
