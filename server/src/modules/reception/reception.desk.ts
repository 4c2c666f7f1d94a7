import { beijingDate } from '@xinfang/shared/clocks';
import { maskPhone } from '@xinfang/shared/masking';
import type { SubmitPetitionBody } from '@xinfang/shared/schemas/petitions';
import type { Booking } from '@xinfang/shared/schemas/reception';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import type { IdempotencyRequest } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import { findUnitRef } from '../org/org.repository';
import { createReceptionBookings } from './reception.booking';
import { dayInScope } from './reception.days';
import type { ReceptionServiceDeps } from './reception.deps';
import {
  bookingsOf,
  bookingsOfDay as bookingsOfDayRows,
  contactsOf,
  findDays,
  HOLDING,
  receiveBooking,
} from './reception.repository';
import { bookingViews, slotsOf } from './reception.view';

/** Whether a person came, and what they raised, is known on the day at the earliest. */
function assertDayCome(day: { date: string }, now: Date): void {
  if (day.date > beijingDate(now.toISOString())) {
    throw new AppError('VALIDATION_FAILED', '接访日还没到，到当天才能登记来访或是否到场', [
      { path: '/params/id', message: 'the day has not come' },
    ]);
  }
}

/**
 * When the person was received: now, on the day itself; a visit registered on a later morning
 * was received in its booked slot, and the statutory clocks run from then (Art 21), not from the
 * day it was typed in.
 */
function receivedAtOf(date: string, slotFrom: string | undefined, now: Date): string {
  if (date >= beijingDate(now.toISOString()) || !slotFrom) return now.toISOString();
  return new Date(`${date}T${slotFrom}:00+08:00`).toISOString();
}

/**
 * The desk on the day (Art 18): the day's bookings, whether each person came, and the visit the
 * leader received registered as a case.
 */
export function createReceptionDesk(deps: Pick<ReceptionServiceDeps, 'db' | 'pii' | 'petitions'>) {
  const { db, pii, petitions } = deps;
  const { end } = createReceptionBookings(deps);

  /**
   * A day's bookings for the desk: the slot, what the person wants to raise, where it stands. From
   * the day itself, each booking holding a place carries the person's name and masked phone, so
   * the desk can tell who is at the door and registers the visit on their booking, not a
   * stranger's (PIPL Art 6: only when it is needed). Before the day, only those a change moved who
   * have not answered carry them, for the desk to call. Every read that shows any is audited.
   */
  async function bookingsOfDay(context: RequestContext, staff: StaffPrincipal, dayId: string) {
    const day = await dayInScope(db, staff, dayId);
    const rows = await bookingsOfDayRows(db, dayId);
    const views = await bookingViews(db, rows, context.now);
    const onTheDay = day.date <= beijingDate(context.now.toISOString());
    const shown = rows.filter((r) =>
      onTheDay
        ? (HOLDING as readonly string[]).includes(r.status)
        : r.status === 'active' && r.moved_at != null,
    );
    if (shown.length === 0) return views;
    const contacts = new Map(
      (await contactsOf(db, [...new Set(shown.map((r) => r.petitioner_id))])).map((c) => [c.id, c]),
    );
    const whose = new Map(shown.map((r) => [r.id, contacts.get(r.petitioner_id)]));
    await recordAudit(
      db,
      context.actor,
      {
        action: onTheDay ? 'reception.read_booked' : 'reception.read_unanswered',
        outcome: 'success',
        target: { type: 'reception_day', id: dayId },
        details: { bookings: shown.length },
      },
      context.now,
    );
    return views.map((b) => {
      if (!whose.has(b.id)) return b;
      const person = whose.get(b.id);
      const phone = person?.phone_cipher ? maskPhone(pii.decrypt(person.phone_cipher)) : null;
      return { ...b, contact: { realName: person?.real_name ?? null, phone } };
    });
  }

  /**
   * The full phone of a person a change moved who has not answered, for the desk to call them and
   * ask whether they still come: only then, and every reveal audited (PIPL Art 51), as the case
   * page's reveal is.
   */
  async function phoneToAsk(
    context: RequestContext,
    staff: StaffPrincipal,
    dayId: string,
    bookingId: string,
  ) {
    await dayInScope(db, staff, dayId);
    const [row] = await bookingsOf(db, { id: bookingId });
    if (!row || row.reception_day_id !== dayId) throw new AppError('NOT_FOUND', '没有找到这个预约');
    if (row.status !== 'active' || row.moved_at == null) {
      throw new AppError('VALIDATION_FAILED', '这位群众已经回复了，不用再打电话', [
        { path: '/params/bookingId', message: 'no move is waiting for an answer' },
      ]);
    }
    const [person] = await contactsOf(db, [row.petitioner_id]);
    await recordAudit(
      db,
      context.actor,
      {
        action: 'petitioner.reveal',
        outcome: 'success',
        target: { type: 'petitioner', id: row.petitioner_id },
        details: { bookingId, reason: 'reception_moved_unanswered' },
      },
      context.now,
    );
    return { phone: person?.phone_cipher ? pii.decrypt(person.phone_cipher) : null };
  }

  /**
   * The leader received the person who booked: the desk registers the visit as a case through the
   * write path, for the person's own account, and the booking ends as received with its number —
   * both in one transaction, once per Idempotency-Key.
   */
  async function receive(
    context: RequestContext,
    staff: StaffPrincipal,
    dayId: string,
    bookingId: string,
    body: SubmitPetitionBody,
    idem: IdempotencyRequest,
  ) {
    const day = await dayInScope(db, staff, dayId);
    const [row] = await bookingsOf(db, { id: bookingId });
    if (!row || row.reception_day_id !== dayId) throw new AppError('NOT_FOUND', '没有找到这个预约');
    assertDayCome(day, context.now);
    const unit = await findUnitRef(db, day.unit_id);
    const [published] = await findDays(db, [dayId]);
    if (!unit || !published) throw new AppError('NOT_FOUND', '没有找到这个接访日');
    return petitions.registerBookedVisit(
      context,
      staff,
      {
        petitionerId: row.petitioner_id,
        body,
        receivedAt: receivedAtOf(day.date, row.slot_from ?? slotsOf(day)[row.slot]?.from, context.now),
        // Received by the unit that held the day, whose leader received the person (Art 18).
        day: {
          id: dayId,
          date: day.date,
          leaderId: day.leader_id,
          leaderName: published.leader,
          unit,
        },
      },
      idem,
      async (trx, petitionId) => {
        if (!(await receiveBooking(trx, bookingId, dayId, petitionId, context.now.toISOString()))) {
          throw new AppError('ALREADY_EXISTS', '这个预约已经取消、未到或已登记为来访');
        }
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'reception.received',
            outcome: 'success',
            target: { type: 'reception_booking', id: bookingId },
            petitionId,
          },
          context.now,
        );
      },
    );
  }

  /** The desk records whether the person came to a booked slot of a day in its subtree. */
  async function attend(
    context: RequestContext,
    staff: StaffPrincipal,
    dayId: string,
    bookingId: string,
    attended: boolean,
  ): Promise<Booking> {
    assertDayCome(await dayInScope(db, staff, dayId), context.now);
    return end(context, bookingId, attended ? 'attended' : 'no_show', { dayId });
  }

  return { bookingsOfDay, phoneToAsk, receive, attend };
}
