import { beijingDate } from '@xinfang/shared/clocks';
import type { Booking, NewBooking } from '@xinfang/shared/schemas/reception';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { reserve, retryAfterSeconds, whenToRetry } from '../../security/throttle';
import { RECEPTION_BOOKING_RULE } from '../auth/throttle-rules';
import type { ReceptionServiceDeps } from './reception.deps';
import {
  bookingsOf,
  endBooking,
  findDayRef,
  findDays,
  insertBooking,
  leaderActive,
  lockDay,
  takenPlaces,
} from './reception.repository';
import { bookingViews, slotEnded, slotsOf } from './reception.view';

/**
 * A person books the time, date, place and leader they saw, not a position on the desk's list:
 * a day changed since they read it (any change bumps its version) is refused, and they look again.
 */
function assertSeen(version: number, seen: number) {
  if (version !== seen) {
    throw new AppError('VERSION_CONFLICT', '接访安排刚刚调整过，请看一下新的时间再预约');
  }
}

/**
 * A petitioner's bookings of a reception day (Art 18): one slot at a time (a second active
 * booking is refused by a unique key, so a retried booking never counts twice), a few bookings of
 * one day a day (RECEPTION_BOOKING_RULE), cancelled by the person, or ended by the desk as come or
 * not come.
 */
export function createReceptionBookings(deps: Pick<ReceptionServiceDeps, 'db'>) {
  const { db } = deps;

  async function book(context: RequestContext, petitionerId: string, dayId: string, body: NewBooking) {
    const [day] = await findDays(db, [dayId]);
    if (!day || day.date < beijingDate(context.now.toISOString())) {
      throw new AppError('NOT_FOUND', '没有找到这个接访日，或已经过去');
    }
    if (day.cancel_reason !== null) {
      throw new AppError('NOT_FOUND', '这个接访日已经取消了，请选择其他接访日');
    }
    if (!leaderActive(day)) {
      // A day is published for one leader (Art 18): without him there is no one to receive.
      throw new AppError('NOT_FOUND', '这位领导已不再接访，这个接访日不能预约了，请选择其他接访日');
    }
    assertSeen(day.version, body.version);
    const slot = slotsOf(day)[body.slot];
    if (!slot) {
      throw new AppError('VALIDATION_FAILED', '没有这个时段', [
        { path: '/body/slot', message: 'no such slot' },
      ]);
    }
    if (slotEnded(day.date, slot, context.now)) {
      throw new AppError('VALIDATION_FAILED', '这个时段已经结束了，请选择其他时段', [
        { path: '/body/slot', message: 'has already ended' },
      ]);
    }
    const place = await reserve(
      db,
      [{ key: `reception-book:${petitionerId}:${dayId}`, rule: RECEPTION_BOOKING_RULE }],
      context.now,
    );
    if (!place.granted) {
      throw new AppError(
        'RATE_LIMITED',
        `这一天您已经约过${RECEPTION_BOOKING_RULE.limit}次了，请${whenToRetry(place.until, context.now)}再约`,
        { retryAfterSeconds: retryAfterSeconds(place.until, context.now) },
      );
    }
    const id = newId(context.now.getTime());
    const at = context.now.toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await lockDay(trx, dayId);
        // Cancelled while this booking was on its way: the cancellation ended the others already.
        const fresh = await findDayRef(trx, dayId);
        if (fresh?.cancelled_at) {
          throw new AppError('NOT_FOUND', '这个接访日已经取消了，请选择其他接访日');
        }
        // Changed while the booking was on its way: refused, as it would book another time.
        if (fresh) assertSeen(fresh.version, body.version);
        const places = (fresh ? slotsOf(fresh) : [])[body.slot]?.capacity ?? 0;
        const taken = (await takenPlaces(trx, [dayId])).get(`${dayId}#${body.slot}`) ?? 0;
        if (taken >= places) throw new AppError('FULLY_BOOKED', '这个时段已经约满了，请选择其他时段');
        await insertBooking(trx, {
          id,
          reception_day_id: dayId,
          slot: body.slot,
          petitioner_id: petitionerId,
          topic: body.topic,
          status: 'active',
          active_key: petitionerId,
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          context.actor,
          { action: 'reception.book', outcome: 'success', target: { type: 'reception_booking', id } },
          context.now,
        );
      });
    } catch (error) {
      // Only a booking made counts: a refused one hands its place back.
      await place.release();
      if (isUniqueViolation(error)) {
        throw new AppError('ALREADY_EXISTS', '您已经有一个接访预约。如要改约，请先取消原来的预约');
      }
      throw error;
    }
    return (await bookingViews(db, await bookingsOf(db, { id }), context.now))[0] as Booking;
  }

  async function mine(petitionerId: string, now: Date): Promise<Booking[]> {
    return bookingViews(db, await bookingsOf(db, { petitionerId }), now);
  }

  /**
   * Cancels one's own booking, or (the desk) records whether the person came. `answer`: the
   * person's 「不来了」 to a booking a change moved, checked against the day in the same
   * transaction (reception.answer.ts; false: already so, nothing to do) and audited as that answer.
   */
  async function end(
    context: RequestContext,
    id: string,
    status: 'cancelled' | 'attended' | 'no_show',
    owner: { petitionerId: string } | { dayId: string },
    answer?: (trx: Transaction<DB>) => Promise<boolean>,
  ): Promise<Booking> {
    const [row] = await bookingsOf(db, { id });
    const mineOrDay =
      row &&
      ('petitionerId' in owner
        ? row.petitioner_id === owner.petitionerId
        : row.reception_day_id === owner.dayId);
    if (!row || !mineOrDay) throw new AppError('NOT_FOUND', '没有找到这个预约');
    await db.transaction().execute(async (trx) => {
      if (answer && !(await answer(trx))) return;
      if (!(await endBooking(trx, id, status, context.now.toISOString()))) {
        throw new AppError('ALREADY_EXISTS', '这个预约已经取消或办结');
      }
      await recordAudit(
        trx,
        context.actor,
        {
          action: `reception.${status}`,
          outcome: 'success',
          target: { type: 'reception_booking', id },
          ...(answer ? { details: { answer: 'moved' } } : {}),
        },
        context.now,
      );
    });
    return (await bookingViews(db, await bookingsOf(db, { id }), context.now))[0] as Booking;
  }

  return { book, mine, end };
}
