import { beijingDate } from '@xinfang/shared/clocks';
import type { CancelReceptionDay, ChangeReceptionDay, ReceptionDay } from '@xinfang/shared/schemas/reception';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { Notice } from '../notifications/notifier';
import { appointmentMoved, changeNotice, dayBegun, placeBookings, type SlotPlan } from './reception.change';
import { dayInScope, publishable } from './reception.days';
import type { ReceptionServiceDeps } from './reception.deps';
import {
  activeBookingsOfDay,
  cancelDay,
  cancelDayBookings,
  changeDay,
  dropBookings,
  findDayRef,
  keepBookedTimes,
  lockDay,
  markMoved,
  moveBookings,
} from './reception.repository';
import { dayView, slotsOf } from './reception.view';

function cancelledRefusal(): AppError {
  return new AppError('VALIDATION_FAILED', '这个接访日已经取消了，不能再调整', [
    { path: '/params/id', message: 'the day is cancelled' },
  ]);
}

/** A cancelled day, or one that has begun or is over, stays as it is. */
function assertChangeable(day: { date: string; slots: string; cancelled_at: string | null }, now: Date) {
  if (day.cancelled_at !== null) throw cancelledRefusal();
  if (dayBegun(day.date, slotsOf(day), now)) {
    throw new AppError('VALIDATION_FAILED', '接访已经开始或已经过去，不能再调整', [
      { path: '/params/id', message: 'the day has begun' },
    ]);
  }
}

const planned = (slots: readonly SlotPlan[]) => slots.map((s) => `${s.from}-${s.to}×${s.capacity}`).join(' ');

/**
 * The desk cancels or changes a published day of its subtree (Art 18), and everyone who booked it
 * is told: the day's bookings end, or follow the changed day by their time (reception.change.ts).
 */
export function createDayChanges(deps: Pick<ReceptionServiceDeps, 'db' | 'pii' | 'notifier'>) {
  const { db, pii, notifier } = deps;

  /**
   * The desk cancels a day of its subtree, today or later, with a reason: every active booking ends
   * and its petitioner is told once, with the reason, that they may book another day. Cancelling
   * it again changes nothing and answers the day as it is (a retry after a lost answer).
   */
  async function cancelReceptionDay(
    context: RequestContext,
    staff: StaffPrincipal,
    dayId: string,
    body: CancelReceptionDay,
  ): Promise<ReceptionDay> {
    const day = await dayInScope(db, staff, dayId);
    if (day.cancelled_at === null) {
      if (day.date < beijingDate(context.now.toISOString())) {
        throw new AppError('VALIDATION_FAILED', '已经过去的接访日不能取消', [
          { path: '/params/id', message: 'the day is past' },
        ]);
      }
      const at = context.now.toISOString();
      const reason = body.reason.trim();
      await db.transaction().execute(async (trx) => {
        if (!(await cancelDay(trx, dayId, { staffId: staff.id, reason, at }))) return;
        const ended = await cancelDayBookings(trx, dayId, at);
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'reception.cancel_day',
            outcome: 'success',
            target: { type: 'reception_day', id: dayId },
            details: { reason, bookingsEnded: ended.length },
          },
          context.now,
        );
        await notifier.notify(
          trx,
          ended.map(
            (b): Notice => ({
              recipient: { type: 'petitioner', id: b.petitioner_id },
              event: 'reception_day_cancelled',
              facts: { number: null, petitionId: null, at, date: day.date, text: reason },
              dedupeKey: `reception_day_cancelled:${b.id}`,
            }),
          ),
          context.now,
        );
      });
    }
    return dayView(db, dayId, context.now);
  }

  /**
   * The desk changes a day of its subtree not yet begun and not cancelled (改期/调整): its date,
   * times, place, topics or leader, with a reason, over the version it read, once per
   * Idempotency-Key. Each active booking follows its time — the same slot where the day still
   * holds it, else the nearest with places (placeBookings) — and ends only when no place is
   * left. Every booked person is told the day and time they now have, or that their booking could
   * not be kept, and why; one moved to another date, time, place or leader is asked whether they
   * still come (reception.answer.ts), and the desk sees who has not answered.
   */
  async function changeReceptionDay(
    context: RequestContext,
    staff: StaffPrincipal,
    dayId: string,
    body: ChangeReceptionDay,
    idem: IdempotencyRequest,
  ) {
    return once(
      db,
      pii,
      idem,
      context.now,
      async () => {
        const day = await dayInScope(db, staff, dayId);
        assertChangeable(day, context.now);
        const leader = await publishable(db, context, staff, {
          ...body,
          leaderId: body.leaderId ?? day.leader_id,
        });
        return { day, leader };
      },
      async (trx, { day, leader }) => {
        const at = context.now.toISOString();
        const reason = body.reason.trim();
        await lockDay(trx, dayId);
        const written = await changeDay(trx, dayId, body.version, {
          leader_id: leader.id,
          unit_id: leader.unit_id,
          date: body.date,
          place: body.place,
          topics: body.topics,
          slots: JSON.stringify(body.slots),
          staffId: staff.id,
          reason,
          at,
        });
        if (!written) {
          const now = await findDayRef(trx, dayId);
          if (now?.cancelled_at) throw cancelledRefusal();
          throw new AppError('VERSION_CONFLICT', '这个接访日刚刚有人调整过，请刷新后再调整');
        }
        const before = slotsOf(day);
        const { kept, dropped } = placeBookings(await activeBookingsOfDay(trx, dayId), before, body.slots);
        const following = kept.map((k) => k.booking.id);
        // First, while slot numbers are still the old ones: the others keep the times they had.
        for (const [index, slot] of before.entries()) {
          await keepBookedTimes(trx, dayId, index, slot, following);
        }
        const moved = kept.filter((k) => k.slot !== k.booking.slot);
        for (const index of new Set(moved.map((k) => k.slot))) {
          const ids = moved.filter((k) => k.slot === index).map((k) => k.booking.id);
          await moveBookings(trx, ids, index, at);
        }
        await dropBookings(
          trx,
          dropped.map((b) => b.id),
          at,
        );
        const timeOf = (slot: Pick<SlotPlan, 'from' | 'to'> | undefined) => `${slot?.from}-${slot?.to}`;
        const held = (slot: Pick<SlotPlan, 'from' | 'to'> | undefined, on: typeof body | typeof day) => ({
          date: on.date,
          place: on.place,
          from: slot?.from ?? '',
          to: slot?.to ?? '',
        });
        // Moved to another date, time, place or leader: the person is asked whether they still come.
        const movedNow = kept.filter((k) =>
          appointmentMoved(
            { ...held(before[k.booking.slot], day), leaderId: day.leader_id },
            { ...held(body.slots[k.slot], body), leaderId: leader.id },
          ),
        );
        await markMoved(
          trx,
          movedNow.map((k) => k.booking.id),
          at,
        );
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'reception.change_day',
            outcome: 'success',
            target: { type: 'reception_day', id: dayId },
            details: {
              reason,
              dateBefore: day.date,
              dateAfter: body.date,
              placeBefore: day.place,
              placeAfter: body.place,
              leaderBefore: day.leader_id,
              leaderAfter: leader.id,
              slotsBefore: planned(before),
              slotsAfter: planned(body.slots),
              bookingsKept: kept.length,
              // Of those kept, how many now have another time than they booked.
              bookingsRetimed: kept.filter(
                (k) => timeOf(body.slots[k.slot]) !== timeOf(before[k.booking.slot]),
              ).length,
              bookingsEnded: dropped.length,
            },
          },
          context.now,
        );
        const changed = await dayView(trx, dayId, context.now);
        const leaderChanged = leader.id !== day.leader_id;
        const change = {
          was: day.date,
          date: body.date,
          place: body.place,
          reason,
          leader: leaderChanged ? changed.leader : null,
          unchanged: false,
        };
        // Nothing of this booking changed: its date, time, place and leader are as booked.
        const unchanged = (k: (typeof kept)[number]) => !movedNow.includes(k);
        // Such a booking is still told, softly, that it stands: the page flags the day as changed
        // on it (booking-note.ts), and a person who sees 「已调整」 there should not have to wonder
        // or call the desk. Saying 「改到…」 for a time that did not move would only alarm them.
        const version = body.version + 1;
        await notifier.notify(
          trx,
          [
            ...kept.map((k) =>
              changeNotice(
                k.booking,
                { ...change, unchanged: unchanged(k) },
                body.slots[k.slot],
                true,
                version,
                at,
              ),
            ),
            ...dropped.map((b) => changeNotice(b, change, before[b.slot], false, version, at)),
          ],
          context.now,
        );
        return { status: 200, body: changed };
      },
    );
  }

  return { cancel: cancelReceptionDay, change: changeReceptionDay };
}
