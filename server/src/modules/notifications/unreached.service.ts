import { beijingDate, type Calendar, clocksOf } from '@xinfang/shared/clocks';
import type {
  NoticeReach,
  ReachBody,
  UnreachedList,
  UnreachedNotice,
} from '@xinfang/shared/schemas/unreached';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import type { DB, NoticeReachTable } from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { loadPetitions } from '../petitions/petition.repository';
import { staffSeesPetition } from '../petitions/visibility';
import { noticeTitle, OWED_NOTICES, whyUnreached } from './unreached';
import {
  deliveriesOfNotices,
  listUnreached,
  noticeDocumentsOf,
  type UnreachedRow,
  unreachedNotices,
} from './unreached.query';

const NOT_FOUND = '没有找到这条未送达的告知';
const ALREADY = '这条告知已经记录为送达，不能改写';

/**
 * The desk's statutory notices that reached nobody (`unreached.ts`), and its record that one was
 * delivered another way — registered post, in person, a telephone call — after which it leaves
 * the list. Each record is audited; the list names nobody, so reading it is not.
 */
export function createUnreachedService(deps: { db: Kysely<DB>; calendar: Calendar }) {
  const { db, calendar } = deps;

  async function list(viewer: StaffPrincipal, limit: number, now: Date): Promise<UnreachedList> {
    const { rows, total } = await listUnreached(db, viewer, limit);
    const petitionIds = [...new Set(rows.map((r) => r.petitionId))];
    const [deliveries, documents, petitions] = await Promise.all([
      deliveriesOfNotices(
        db,
        rows.map((r) => r.id),
      ),
      noticeDocumentsOf(db, petitionIds),
      loadPetitions(db, petitionIds),
    ]);
    const byId = new Map(petitions.map((p) => [p.row.id, p.petition]));
    const items = rows.map((row): UnreachedNotice => {
      const type = OWED_NOTICES[row.event].document;
      // The notice's written notice: the last of its type issued by the time the notice went out.
      const document = documents.findLast(
        (d) => d.petition_id === row.petitionId && d.type === type && d.issued_at <= row.createdAt,
      );
      return {
        id: row.id,
        event: row.event,
        title: noticeTitle(row.event),
        petitionId: row.petitionId,
        petitionNumber: row.petitionNumber,
        unit: document ? { id: document.issuing_unit_id, name: document.unit_name } : null,
        issuedAt: row.createdAt,
        dueOn: dueOn(row, byId.get(row.petitionId), now),
        reason: whyUnreached(deliveries.get(row.id) ?? []) ?? 'no_channel',
      };
    });
    return { items, total };
  }

  /**
   * The statutory last day of the notice: the 15 days of Art 22, 23 its event settled; a notice
   * owed at once (an extension's reason, Art 34; a hearing, Art 31) on the day it was issued.
   */
  function dueOn(row: UnreachedRow, petition: Parameters<typeof clocksOf>[0] | undefined, now: Date): string {
    const names: readonly string[] = OWED_NOTICES[row.event].clocks;
    const settled = petition
      ? clocksOf(petition, calendar, now.toISOString()).findLast(
          (c) =>
            names.includes(c.name) &&
            c.finishedBy === row.event &&
            c.finishedAt !== null &&
            c.finishedAt <= row.createdAt,
        )
      : undefined;
    return settled?.dueDate ?? beijingDate(row.createdAt);
  }

  /**
   * Records how the desk delivered a notice no channel carried, once. The same record sent again
   * (a retry) is answered with it as recorded; a different one is refused, nothing is overwritten.
   */
  async function reached(
    context: RequestContext,
    viewer: StaffPrincipal,
    id: string,
    body: ReachBody,
  ): Promise<NoticeReach> {
    const kept = await findReach(id);
    if (kept) {
      if (await seesNotice(viewer, id)) {
        if (sameReach(kept, body)) return view(kept);
        throw new AppError('ALREADY_EXISTS', ALREADY);
      }
      throw new AppError('NOT_FOUND', NOT_FOUND);
    }
    // Another subtree's notice, one that reached the person after all, or one of a case the caller
    // is recused from (Art 28) or kept from (Art 30): answered as one that does not exist.
    const notice = await unreachedNotices(db, viewer)
      .select(['n.id', 'n.event', 'n.petition_id', 'n.created_at'])
      .where('n.id', '=', id)
      .executeTakeFirst();
    if (!notice) throw new AppError('NOT_FOUND', NOT_FOUND);
    checkBody(body, beijingDate(notice.created_at), beijingDate(context.now.toISOString()));
    const row: NoticeReachTable = {
      notification_id: notice.id,
      petition_id: notice.petition_id as string,
      method: body.method,
      reached_on: body.reachedOn,
      tracking_no: body.method === 'post' ? (body.trackingNo?.trim() ?? null) : null,
      reached_whom: body.method === 'phone' ? (body.reachedWhom?.trim() ?? null) : null,
      note: body.note?.trim() ?? null,
      recorded_by: viewer.id,
      recorded_at: context.now.toISOString(),
    };
    let saved = true;
    try {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('notice_reach').values(row).execute();
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'notification.reached_otherwise',
            outcome: 'success',
            target: { type: 'notification', id: notice.id },
            petitionId: notice.petition_id as string,
            details: { event: notice.event, method: body.method, reachedOn: body.reachedOn },
          },
          context.now,
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      saved = false;
    }
    const now = (await findReach(id)) as NoticeReachTable;
    // Someone recorded it between our read and our write: the same answer as a retry.
    if (!saved && !sameReach(now, body)) throw new AppError('ALREADY_EXISTS', ALREADY);
    return view(now);
  }

  async function findReach(id: string): Promise<NoticeReachTable | undefined> {
    return db
      .selectFrom('notice_reach')
      .select([
        'notification_id',
        'petition_id',
        'method',
        'reached_on',
        'tracking_no',
        'reached_whom',
        'note',
        'recorded_by',
        'recorded_at',
      ])
      .where('notification_id', '=', id)
      .executeTakeFirst();
  }

  /** Whether the viewer sees the petition of this recorded notice (a retry of their own record). */
  async function seesNotice(viewer: StaffPrincipal, id: string): Promise<boolean> {
    const found = await db
      .selectFrom('notice_reach as r')
      .innerJoin('petition as p', 'p.id', 'r.petition_id')
      .select('r.notification_id')
      .where('r.notification_id', '=', id)
      .where(staffSeesPetition(viewer, 'p'))
      .executeTakeFirst();
    return found !== undefined;
  }

  return { list, reached };
}

/** 邮寄 needs its 挂号号码, 电话告知 whom it told; the date lies between the notice and today. */
function checkBody(body: ReachBody, issuedOn: string, today: string): void {
  if (body.method === 'post' && !body.trackingNo?.trim())
    throw new AppError('VALIDATION_FAILED', '邮寄送达请填写挂号信号码', [
      { path: '/body/trackingNo', message: 'required for post' },
    ]);
  if (body.method === 'phone' && !body.reachedWhom?.trim())
    throw new AppError('VALIDATION_FAILED', '电话告知请填写告知了谁', [
      { path: '/body/reachedWhom', message: 'required for phone' },
    ]);
  if (body.reachedOn < issuedOn || body.reachedOn > today)
    throw new AppError('VALIDATION_FAILED', '送达日期应在告知发出之后、今天之前', [
      { path: '/body/reachedOn', message: 'between the notice and today' },
    ]);
}

function sameReach(kept: NoticeReachTable, body: ReachBody): boolean {
  return (
    kept.method === body.method &&
    kept.reached_on === body.reachedOn &&
    (kept.tracking_no ?? null) === (body.method === 'post' ? (body.trackingNo?.trim() ?? null) : null) &&
    (kept.reached_whom ?? null) === (body.method === 'phone' ? (body.reachedWhom?.trim() ?? null) : null)
  );
}

function view(row: NoticeReachTable): NoticeReach {
  return {
    id: row.notification_id,
    method: row.method as NoticeReach['method'],
    reachedOn: row.reached_on,
    trackingNo: row.tracking_no,
    reachedWhom: row.reached_whom,
    note: row.note,
    recordedAt: row.recorded_at,
  };
}
