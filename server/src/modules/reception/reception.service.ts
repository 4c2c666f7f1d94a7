import { beijingDate, beijingTimeOfDay } from '@xinfang/shared/clocks';
import type { SubmitPetitionBody } from '@xinfang/shared/schemas/petitions';
import type {
  Booking,
  CancelReceptionDay,
  ChangeReceptionDay,
  NewBooking,
  NewReceptionDay,
  ReceptionDay,
} from '@xinfang/shared/schemas/reception';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB, ReceptionBookingTable } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import type { Notice, Notifier } from '../notifications/notifier';
import { findUnitRef } from '../org/org.repository';
import type { createPetitionService } from '../petitions/petition.service';
import { findActiveLeader } from '../staff/staff.repository';
import { changeNotice, dayBegun, placeBookings } from './reception.change';
import {
  activeBookingsOfDay,
  bookingsOf,
  cancelDay,
  cancelDayBookings,
  changeDay,
  type DayRow,
  dropBookings,
  endBooking,
  findDayRef,
  findDays,
  insertBooking,
  insertDay,
  keepBookedTimes,
  leaderActive,
  lockDay,
  petitionNumbers,
  receiveBooking,
  takenPlaces,
  upcomingDays,
} from './reception.repository';

interface Slot {
  from: string;
  to: string;
  capacity: number;
}

/** A slot of a day is over once its end has passed in Beijing (a day before today: all of them). */
function slotEnded(date: string, slot: Pick<Slot, 'to'>, now: Date): boolean {
  const today = beijingDate(now.toISOString());
  return date < today || (date === today && slot.to <= beijingTimeOfDay(now.toISOString()));
}

function cancelledRefusal(): AppError {
  return new AppError('VALIDATION_FAILED', '这个接访日已经取消了，不能再调整', [
    { path: '/params/id', message: 'the day is cancelled' },
  ]);
}

/** What the reception service works with — no more. */
export interface ReceptionServiceDeps {
  db: Kysely<DB>;
  /** Keeps the first answer to a publication, encrypted, for its retries. */
  pii: PiiCipher;
  /** Registers the visit a booking ends in, through the petitions' one registration path. */
  petitions: Pick<ReturnType<typeof createPetitionService>, 'registerBookedVisit'>;
  /** Tells those who booked a day the desk cancelled. */
  notifier: Notifier;
}

/**
 * Leaders' reception days (Art 18): published by the office for a leader, read by anyone; a
 * petitioner books one slot at a time (a second active booking is refused by a unique key, so a
 * retried booking never counts twice), cancels it, and the desk records whether the person came.
 */
export function createReceptionService(deps: ReceptionServiceDeps) {
  const { db, pii, petitions, notifier } = deps;

  async function view(
    rows: DayRow[],
    now: Date,
    from: Kysely<DB> | Transaction<DB> = db,
  ): Promise<ReceptionDay[]> {
    const taken = await takenPlaces(
      from,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      date: r.date,
      leader: r.leader,
      unit: r.unit,
      place: r.place,
      topics: r.topics,
      leaderActive: leaderActive(r),
      cancelReason: r.cancel_reason,
      version: r.version,
      changedAt: r.changed_at,
      changeReason: r.change_reason,
      slots: (JSON.parse(r.slots) as Slot[]).map((s, index) => ({
        index,
        from: s.from,
        to: s.to,
        capacity: s.capacity,
        left: Math.max(0, s.capacity - (taken.get(`${r.id}#${index}`) ?? 0)),
        ended: slotEnded(r.date, s, now),
      })),
    }));
  }

  /** The days anyone may book: from today on, whose leader can still receive (Art 18). */
  async function upcoming(now: Date): Promise<ReceptionDay[]> {
    return view(await upcomingDays(db, beijingDate(now.toISOString()), { public: true }), now);
  }

  /**
   * The desk's days, from today on, in its subtree: those whose leader can no longer receive too,
   * flagged, so the desk can tell the people who booked them.
   */
  async function upcomingForDesk(staff: StaffPrincipal, now: Date): Promise<ReceptionDay[]> {
    return view(
      await upcomingDays(db, beijingDate(now.toISOString()), { unitPath: pathOf(staff.unit.path) }),
      now,
    );
  }

  /** The leader of a day to publish, once the day is known to be right and in the caller's subtree. */
  async function publishable(context: RequestContext, staff: StaffPrincipal, body: NewReceptionDay) {
    const leader = await findActiveLeader(db, body.leaderId);
    if (!leader) {
      throw new AppError('VALIDATION_FAILED', '接访领导须是在职的单位负责人或包案领导', [
        { path: '/body/leaderId', message: 'must be an active leader' },
      ]);
    }
    assertWithinScope(staff, await findUnitRef(db, leader.unit_id), leader.unit_id);
    const problems = [
      ...(body.date < beijingDate(context.now.toISOString())
        ? [{ path: '/body/date', message: 'must not be in the past' }]
        : []),
      ...body.slots.flatMap((s, i) =>
        s.from < s.to ? [] : [{ path: `/body/slots/${i}`, message: 'from before to' }],
      ),
      // A day published for today: a slot that has already ended cannot be attended.
      ...(body.date === beijingDate(context.now.toISOString())
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
      () => publishable(context, staff, body),
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
        return {
          status: 201,
          body: (await view(await findDays(trx, [id]), context.now, trx))[0] as ReceptionDay,
        };
      },
    );
  }

  async function bookingView(rows: Selectable<ReceptionBookingTable>[], now: Date): Promise<Booking[]> {
    const numbers = await petitionNumbers(
      db,
      rows.flatMap((r) => (r.petition_id ? [r.petition_id] : [])),
    );
    const dayViews = new Map(
      (await view(await findDays(db, [...new Set(rows.map((r) => r.reception_day_id))]), now)).map((d) => [
        d.id,
        d,
      ]),
    );
    return rows.flatMap((r) => {
      const day = dayViews.get(r.reception_day_id);
      // A booking a change ended, or whose slot it took away, keeps the times it had.
      const slot = r.slot_from && r.slot_to ? { from: r.slot_from, to: r.slot_to } : day?.slots[r.slot];
      if (!day || !slot) return [];
      return [
        {
          id: r.id,
          day,
          slot: r.slot,
          from: slot.from,
          to: slot.to,
          topic: r.topic,
          status: r.status,
          petitionId: r.petition_id,
          petitionNumber: r.petition_id ? (numbers.get(r.petition_id) ?? null) : null,
          notKept: r.dropped_at != null,
          createdAt: r.created_at,
        },
      ];
    });
  }

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
    const slot = (JSON.parse(day.slots) as Slot[])[body.slot];
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
        // Changed meanwhile: the slot's places are the changed day's (a slot it no longer holds: none).
        const places = (JSON.parse(fresh?.slots ?? '[]') as Slot[])[body.slot]?.capacity ?? 0;
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
      if (isUniqueViolation(error)) {
        throw new AppError('ALREADY_EXISTS', '您已经有一个接访预约。如要改约，请先取消原来的预约');
      }
      throw error;
    }
    return (await bookingView(await bookingsOf(db, { id }), context.now))[0] as Booking;
  }

  async function mine(petitionerId: string, now: Date): Promise<Booking[]> {
    return bookingView(await bookingsOf(db, { petitionerId }), now);
  }

  /** Cancels one's own booking, or (the desk) records whether the person came. */
  async function end(
    context: RequestContext,
    id: string,
    status: 'cancelled' | 'attended' | 'no_show',
    owner: { petitionerId: string } | { dayId: string },
  ): Promise<Booking> {
    const [row] = await bookingsOf(db, { id });
    const mineOrDay =
      row &&
      ('petitionerId' in owner
        ? row.petitioner_id === owner.petitionerId
        : row.reception_day_id === owner.dayId);
    if (!row || !mineOrDay) throw new AppError('NOT_FOUND', '没有找到这个预约');
    await db.transaction().execute(async (trx) => {
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
        },
        context.now,
      );
    });
    return (await bookingView(await bookingsOf(db, { id }), context.now))[0] as Booking;
  }

  /** The reception day, which must be in the caller's subtree. */
  async function dayInScope(staff: StaffPrincipal, dayId: string) {
    const day = await findDayRef(db, dayId);
    if (!day) throw new AppError('NOT_FOUND', '没有找到这个接访日');
    assertWithinScope(staff, await findUnitRef(db, day.unit_id), day.unit_id);
    return day;
  }

  /** Whether a person came, and what they raised, is known on the day at the earliest. */
  function assertDayCome(day: { date: string }, now: Date): void {
    if (day.date > beijingDate(now.toISOString())) {
      throw new AppError('VALIDATION_FAILED', '接访日还没到，到当天才能登记来访或是否到场', [
        { path: '/params/id', message: 'the day has not come' },
      ]);
    }
  }

  /** A cancelled day, or one that has begun or is over, stays as it is. */
  function assertChangeable(
    day: { date: string; slots: string; cancelled_at: string | null },
    now: Date,
  ): void {
    if (day.cancelled_at !== null) throw cancelledRefusal();
    if (dayBegun(day.date, JSON.parse(day.slots) as Slot[], now)) {
      throw new AppError('VALIDATION_FAILED', '接访已经开始或已经过去，不能再调整', [
        { path: '/params/id', message: 'the day has begun' },
      ]);
    }
  }

  /**
   * A day's bookings for the desk: the slot, what the person wants to raise, where it stands — no
   * name or number (the person shows their booking on arrival).
   */
  async function bookingsOfDay(staff: StaffPrincipal, dayId: string, now: Date): Promise<Booking[]> {
    await dayInScope(staff, dayId);
    return bookingView(await bookingsOf(db, { dayId }), now);
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
    const day = await dayInScope(staff, dayId);
    const [row] = await bookingsOf(db, { id: bookingId });
    if (!row || row.reception_day_id !== dayId) throw new AppError('NOT_FOUND', '没有找到这个预约');
    assertDayCome(day, context.now);
    return petitions.registerBookedVisit(
      context,
      staff,
      { petitionerId: row.petitioner_id, body },
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
    assertDayCome(await dayInScope(staff, dayId), context.now);
    return end(context, bookingId, attended ? 'attended' : 'no_show', { dayId });
  }

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
    const day = await dayInScope(staff, dayId);
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
    return (await view(await findDays(db, [dayId]), context.now))[0] as ReceptionDay;
  }

  /**
   * The desk changes a day of its subtree not yet begun and not cancelled (改期/调整): its date,
   * times, place, topics or leader, with a reason, over the version it read, once per
   * Idempotency-Key. Each active booking keeps its slot by position while the slot has room (the
   * earliest first); the rest end. Every booked person is told what changed, or that their
   * booking could not be kept, and why.
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
        const day = await dayInScope(staff, dayId);
        assertChangeable(day, context.now);
        const leader = await publishable(context, staff, {
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
        const { kept, dropped } = placeBookings(await activeBookingsOfDay(trx, dayId), body.slots);
        const before = JSON.parse(day.slots) as Slot[];
        for (const [index, slot] of before.entries()) {
          // Every booking of a slot taken away; of a slot still held, those that end now.
          const ending = dropped.filter((b) => b.slot === index).map((b) => b.id);
          await keepBookedTimes(trx, dayId, index, slot, index < body.slots.length ? ending : undefined);
        }
        await dropBookings(
          trx,
          dropped.map((b) => b.id),
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
              slotsBefore: before.map((s) => `${s.from}-${s.to}×${s.capacity}`).join(' '),
              slotsAfter: body.slots.map((s) => `${s.from}-${s.to}×${s.capacity}`).join(' '),
              bookingsKept: kept.length,
              bookingsEnded: dropped.length,
            },
          },
          context.now,
        );
        const change = { was: day.date, ...body, reason };
        await notifier.notify(
          trx,
          [
            ...kept.map((b) => changeNotice(b, change, true, body.version + 1, at)),
            ...dropped.map((b) => changeNotice(b, change, false, body.version + 1, at)),
          ],
          context.now,
        );
        return {
          status: 200,
          body: (await view(await findDays(trx, [dayId]), context.now, trx))[0] as ReceptionDay,
        };
      },
    );
  }

  return {
    upcoming,
    upcomingForDesk,
    change: changeReceptionDay,
    publish,
    book,
    mine,
    cancel: end,
    attend,
    receive,
    bookingsOfDay,
    cancelDay: cancelReceptionDay,
  };
}
