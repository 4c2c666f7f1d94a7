import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { NewReceptionDay, ReceptionDay } from '@xinfang/shared/schemas/reception';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import { findUnitRef } from '../org/org.repository';
import { findActiveLeader } from '../staff/staff.repository';
import type { ReceptionServiceDeps } from './reception.deps';
import { findDayRef, insertDay, upcomingDays } from './reception.repository';
import { dayView, dayViews, slotEnded } from './reception.view';

/** How many days back the desk still lists a day, to record who came and what they raised. */
export const DESK_DAYS_BACK = 7;

/** The reception day, which must be in the caller's subtree. */
export async function dayInScope(db: Kysely<DB>, staff: StaffPrincipal, dayId: string) {
  const day = await findDayRef(db, dayId);
  if (!day) throw new AppError('NOT_FOUND', '没有找到这个接访日');
  assertWithinScope(staff, await findUnitRef(db, day.unit_id), day.unit_id);
  return day;
}

/**
 * The leader of a day to publish (or a day as changed), once the day is known to be right and
 * the leader in the caller's subtree.
 */
export async function publishable(
  db: Kysely<DB>,
  context: RequestContext,
  staff: StaffPrincipal,
  body: NewReceptionDay,
) {
  const leader = await findActiveLeader(db, body.leaderId);
  if (!leader) {
    throw new AppError('VALIDATION_FAILED', '接访领导须是在职的单位负责人或包案领导', [
      { path: '/body/leaderId', message: 'must be an active leader' },
    ]);
  }
  assertWithinScope(staff, await findUnitRef(db, leader.unit_id), leader.unit_id);
  const today = beijingDate(context.now.toISOString());
  const problems = [
    ...(body.date < today ? [{ path: '/body/date', message: 'must not be in the past' }] : []),
    ...body.slots.flatMap((s, i) =>
      s.from < s.to ? [] : [{ path: `/body/slots/${i}`, message: 'from before to' }],
    ),
    // A day published for today: a slot that has already ended cannot be attended.
    ...(body.date === today
      ? body.slots.flatMap((s, i) =>
          s.from < s.to && slotEnded(body.date, s, context.now)
            ? [{ path: `/body/slots/${i}`, message: 'has already ended' }]
            : [],
        )
      : []),
  ];
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      '接访日期不能是过去的日子，每个时段须先开始后结束，今天已经结束的时段不能发布',
      problems,
    );
  return leader;
}

/** Leaders' reception days (Art 18) as published: listed to anyone, and to their desk. */
export function createReceptionDays(deps: Pick<ReceptionServiceDeps, 'db' | 'pii'>) {
  const { db, pii } = deps;

  /** The days anyone may book: from today on, whose leader can still receive (Art 18). */
  async function upcoming(now: Date): Promise<ReceptionDay[]> {
    return dayViews(db, await upcomingDays(db, beijingDate(now.toISOString()), { public: true }), now);
  }

  /**
   * The desk's days in its subtree, from a week back on — a day's comings and visits can still be
   * recorded the next morning — with those whose leader can no longer receive, flagged, so the
   * desk can tell the people who booked them.
   */
  async function upcomingForDesk(staff: StaffPrincipal, now: Date): Promise<ReceptionDay[]> {
    const from = addDays(beijingDate(now.toISOString()), -DESK_DAYS_BACK);
    return dayViews(db, await upcomingDays(db, from, { unitPath: pathOf(staff.unit.path) }), now);
  }

  /**
   * Publishes a day once per Idempotency-Key: a retry is answered with the first day (and not
   * checked again: a day published for today is still answered after midnight).
   */
  async function publish(
    context: RequestContext,
    staff: StaffPrincipal,
    body: NewReceptionDay,
    idem: IdempotencyRequest,
  ) {
    const id = newId(context.now.getTime());
    return once(
      db,
      pii,
      idem,
      context.now,
      () => publishable(db, context, staff, body),
      async (trx, leader) => {
        await insertDay(trx, {
          id,
          leader_id: leader.id,
          unit_id: leader.unit_id,
          date: body.date,
          place: body.place,
          topics: body.topics,
          slots: JSON.stringify(body.slots),
          created_by: staff.id,
          created_at: context.now.toISOString(),
        });
        await recordAudit(
          trx,
          context.actor,
          { action: 'reception.publish', outcome: 'success', target: { type: 'reception_day', id } },
          context.now,
        );
        return { status: 201, body: await dayView(trx, id, context.now) };
      },
    );
  }

  return { upcoming, upcomingForDesk, publish };
}
