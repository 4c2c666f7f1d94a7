import { randomUUID } from 'node:crypto';
import type { Booking, BookingList, ReceptionDay, ReceptionDayList } from '@xinfang/shared/schemas/reception';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Leaders' reception days (Art 18): the office publishes a leader's day with its slots; anyone
 * reads them without signing in; a petitioner books one slot at a time — a full slot and a second
 * booking are refused, even when sent at once — cancels, books again; the desk records who came.
 */
const WORKER = '13800000001';
const OTHER = '13800000002';
const RESIDENT = '13900000003';
let kit: PetitionKit;
let day: ReceptionDay;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-12-01T09:00:00') });
});
afterAll(() => kit?.close());

const publish = (body: Record<string, unknown>, key: string | null = `day-${randomUUID()}`) =>
  kit.http(
    'reception',
    'POST',
    '/api/reception-days',
    {
      leaderId: kit.staffId('leader'),
      date: '2026-12-10',
      place: '集团信访接待室',
      topics: '工资待遇、安全生产',
      slots: [
        { from: '09:00', to: '09:30', capacity: 1 },
        { from: '09:30', to: '10:00', capacity: 2 },
      ],
      ...body,
    },
    key === null ? {} : { 'idempotency-key': key },
  );
const runAftercare = () => kit.app.jobs.run('aftercare');
/** What people were told of one kind, oldest first. */
const told = (event: string) =>
  kit.app.db
    .selectFrom('notification')
    .select(['recipient_id', 'body'])
    .where('event', '=', event)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
const book = (who: string, slot: number, id = day.id) =>
  // Version 1: these days are never changed (a changed day: reception-change.test.ts).
  kit.http(who, 'POST', `/api/reception-days/${id}/bookings`, {
    slot,
    version: 1,
    topic: '反映夜班补贴问题',
  });

describe('publishing and reading', () => {
  it('the office publishes a leader’s day; bad days are refused; others may not publish', async () => {
    expectError(await publish({ date: '2026-11-30' }), 400, 'VALIDATION_FAILED');
    // A day that does not exist sorted after every real one, and was listed forever.
    for (const date of ['2026-12-32', '2026-11-31', '2027-02-29', '0999-12-10']) {
      const impossible = expectError(await publish({ date }), 400, 'VALIDATION_FAILED');
      expect(impossible.details, date).toEqual([expect.objectContaining({ path: '/body/date' })]);
    }
    expectError(await publish({ leaderId: kit.staffId('ds.handler') }), 400, 'VALIDATION_FAILED');
    expectError(
      await publish({ slots: [{ from: '10:00', to: '09:00', capacity: 1 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await kit.http('ds.head', 'POST', '/api/reception-days', {}), 403, 'FORBIDDEN');
    const made = await publish({}, 'day-1210');
    expect(made.statusCode, made.body).toBe(201);
    day = made.json() as ReceptionDay;
    expect(day).toMatchObject({ date: '2026-12-10', leader: '陈国栋（包案领导）', unit: '晋安煤业集团' });
    // A retry after a lost answer is the first day again, not a second day with slots of its own.
    const again = await publish({}, 'day-1210');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(day);
    const days = await kit.app.db
      .selectFrom('reception_day')
      .select('id')
      .where('date', '=', '2026-12-10')
      .execute();
    expect(days).toEqual([{ id: day.id }]);
    expect((await kit.audit(day.id)).map((a) => a.action)).toEqual(['reception.publish']);
    expectError(await publish({}, null), 428, 'IDEMPOTENCY_KEY_REQUIRED');
  });

  it('anyone reads the days from today on, with the places left, without signing in', async () => {
    const response = await request(kit.app, 'GET', '/api/reception-days', {});
    expect(response.statusCode, response.body).toBe(200);
    const items = (response.json() as ReceptionDayList).items;
    expect(items.map((d) => d.id)).toContain(day.id);
    expect(items.find((d) => d.id === day.id)?.slots.map((s) => s.left)).toEqual([1, 2]);
  });
});

describe('booking', () => {
  let booking: Booking;

  it('books a slot; a second active booking, and a full slot, are refused', async () => {
    expectError(await book(WORKER, 5), 400, 'VALIDATION_FAILED');
    expectError(
      await kit.http('ds.reception', 'POST', `/api/reception-days/${day.id}/bookings`, {
        slot: 0,
        version: 1,
        topic: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    const made = await book(WORKER, 0);
    expect(made.statusCode, made.body).toBe(201);
    booking = made.json() as Booking;
    expect(booking).toMatchObject({ slot: 0, from: '09:00', status: 'active', day: { id: day.id } });
    const second = expectError(await book(WORKER, 1), 409, 'ALREADY_EXISTS');
    expect(second.message).toContain('请先取消');
    expectError(await book(OTHER, 0), 409, 'FULLY_BOOKED');
  });

  it('two people at once for the last two places of a slot both get one; a third does not', async () => {
    const [a, b] = await Promise.all([book(OTHER, 1), book(RESIDENT, 1)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expectError(await book('13800000004', 1), 409, 'FULLY_BOOKED');
    const slots = (
      (await request(kit.app, 'GET', '/api/reception-days', {})).json() as ReceptionDayList
    ).items.find((d) => d.id === day.id)?.slots;
    expect(slots?.map((s) => s.left)).toEqual([0, 0]);
  });

  it('a booking is cancelled once, by its owner, and frees the place and the person', async () => {
    expectError(await kit.http(OTHER, 'POST', `/api/me/bookings/${booking.id}/cancel`), 404, 'NOT_FOUND');
    const cancelled = await kit.http(WORKER, 'POST', `/api/me/bookings/${booking.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expectError(
      await kit.http(WORKER, 'POST', `/api/me/bookings/${booking.id}/cancel`),
      409,
      'ALREADY_EXISTS',
    );
    const again = await book(WORKER, 0);
    expect(again.statusCode, again.body).toBe(201);
    const mine = (await kit.http(WORKER, 'GET', '/api/me/bookings')).json() as BookingList;
    expect(mine.items.map((b) => b.status)).toEqual(['active', 'cancelled']);
  });

  it('before the day, the desk can neither register a visit nor record who came', async () => {
    // 1 December: the day is the 10th. A visit registered now would be a case nobody raised.
    const mine = (await kit.http(OTHER, 'GET', '/api/me/bookings')).json() as BookingList;
    const id = mine.items[0]?.id as string;
    const before = await kit.app.db.selectFrom('petition').select('id').execute();
    const visit = expectError(
      await kit.http(
        'reception',
        'POST',
        `/api/reception-days/${day.id}/bookings/${id}/visit`,
        kit.submission({ title: '夜班补贴', content: '接访时反映夜班补贴问题。' }),
        { 'idempotency-key': 'early-visit' },
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(visit.message).toContain('接访日还没到');
    for (const attended of [true, false]) {
      expectError(
        await kit.http('reception', 'POST', `/api/reception-days/${day.id}/bookings/${id}/attendance`, {
          attended,
        }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expect(await kit.app.db.selectFrom('petition').select('id').execute()).toEqual(before);
    const still = (await kit.http(OTHER, 'GET', '/api/me/bookings')).json() as BookingList;
    expect(still.items[0]).toMatchObject({ id, status: 'active', petitionId: null });
    expect((await kit.audit(id)).map((a) => a.action)).toEqual(['reception.book']);
  });

  it('the desk records who came and who did not; a no-show frees the person to book again', async () => {
    const mine = (await kit.http(OTHER, 'GET', '/api/me/bookings')).json() as BookingList;
    const id = mine.items[0]?.id as string;
    const url = `/api/reception-days/${day.id}/bookings/${id}/attendance`;
    expectError(await kit.http('ds.handler', 'POST', url, { attended: false }), 403, 'FORBIDDEN');
    kit.setTime(bj('2026-12-10T10:30:00'));
    const missed = await kit.http('reception', 'POST', url, { attended: false });
    expect(missed.statusCode, missed.body).toBe(200);
    expect(missed.json()).toMatchObject({ status: 'no_show' });
    expectError(await kit.http('reception', 'POST', url, { attended: true }), 409, 'ALREADY_EXISTS');
    // The day is over for booking once it is past.
    kit.setTime(bj('2026-12-11T09:00:00'));
    expectError(await book(OTHER, 1), 404, 'NOT_FOUND');
    expect(
      ((await request(kit.app, 'GET', '/api/reception-days', {})).json() as ReceptionDayList).items,
    ).toEqual([]);
  });
});

describe('a day whose leader can no longer receive', () => {
  it('leaves the public list, takes no booking, and is flagged to the desk and to who booked', async () => {
    const made = await publish({ leaderId: kit.staffId('head'), date: '2026-12-20' });
    expect(made.statusCode, made.body).toBe(201);
    const gone = made.json() as ReceptionDay;
    expect(gone.leaderActive).toBe(true);
    const booked = await book('13800000005', 0, gone.id);
    expect(booked.statusCode, booked.body).toBe(201);

    const off = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('head')}`, { status: 'disabled' });
    expect(off.statusCode, off.body).toBe(200);

    const listed = (await request(kit.app, 'GET', '/api/reception-days', {})).json() as ReceptionDayList;
    expect(listed.items.map((d) => d.id)).not.toContain(gone.id);
    const refused = expectError(await book('13800000006', 1, gone.id), 404, 'NOT_FOUND');
    expect(refused.message).toBe('这位领导已不再接访，这个接访日不能预约了，请选择其他接访日');

    // The desk still sees the day, flagged, to tell the people who booked it; only in its subtree.
    const desk = await kit.http('reception', 'GET', '/api/reception-days/desk');
    expect(desk.statusCode, desk.body).toBe(200);
    expect((desk.json() as ReceptionDayList).items.find((d) => d.id === gone.id)).toMatchObject({
      leaderActive: false,
    });
    const mine = await kit.http('ds.reception', 'GET', '/api/reception-days/desk');
    expect((mine.json() as ReceptionDayList).items.map((d) => d.id)).not.toContain(gone.id);
    expectError(await kit.http('ds.head', 'GET', '/api/reception-days/desk'), 403, 'FORBIDDEN');
    const theirs = (await kit.http('13800000005', 'GET', '/api/me/bookings')).json() as BookingList;
    expect(theirs.items[0]?.day).toMatchObject({ id: gone.id, leaderActive: false });
  });

  it('whoever booked it is told once that it will not take place, and never to come', async () => {
    const who = await kit.petitionerId('13800000005');
    await runAftercare();
    await runAftercare();
    const off = await told('reception_leader_unavailable');
    expect(off.map((n) => n.recipient_id)).toEqual([who]);
    expect(off[0]?.body).toContain('2026年12月20日');
    expect(off[0]?.body).toContain('另选一天');
    expect(off[0]?.body).not.toContain('请按时前往');
    // The day before, the reminder to come is not sent: there is no one to receive them.
    kit.setTime(bj('2026-12-19T09:00:00'));
    await runAftercare();
    expect((await told('booking_reminder')).map((n) => n.recipient_id)).not.toContain(who);
    expect(await told('reception_leader_unavailable')).toHaveLength(1);
  });
});

describe('slots that ended earlier today', () => {
  it('are neither published nor booked; the later ones are (Beijing time)', async () => {
    // 10:15 in Beijing is 02:15 UTC: a UTC clock would call every slot of the day still to come.
    kit.setTime(bj('2026-12-21T10:15:00'));
    const ended = expectError(
      await publish({
        date: '2026-12-21',
        slots: [
          { from: '09:00', to: '09:30', capacity: 1 },
          { from: '10:00', to: '10:15', capacity: 1 },
          { from: '10:00', to: '11:00', capacity: 1 },
        ],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(ended.details).toEqual([
      expect.objectContaining({ path: '/body/slots/0' }),
      expect.objectContaining({ path: '/body/slots/1' }),
    ]);
    const made = await publish({
      date: '2026-12-21',
      slots: [
        { from: '10:00', to: '11:00', capacity: 1 },
        { from: '14:00', to: '15:00', capacity: 1 },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const today = made.json() as ReceptionDay;
    kit.setTime(bj('2026-12-21T11:00:00'));
    // The public list says which slots are over, so nobody is offered a place in one.
    const listed = await request(kit.app, 'GET', '/api/reception-days', {});
    const slots = (listed.json() as ReceptionDayList).items.find((d) => d.id === today.id)?.slots;
    expect(slots?.map((s) => [s.left, s.ended])).toEqual([
      [1, true],
      [1, false],
    ]);
    const late = expectError(await book('13800000007', 0, today.id), 400, 'VALIDATION_FAILED');
    expect(late.details).toEqual([expect.objectContaining({ path: '/body/slot' })]);
    expect((await book('13800000007', 1, today.id)).statusCode).toBe(201);
  });
});

describe('cancelling a day', () => {
  let coming: ReceptionDay;
  const cancel = (who: string, id: string, body: Record<string, unknown> = { reason: REASON }) =>
    kit.http(who, 'POST', `/api/reception-days/${id}/cancel`, body);
  const REASON = '陈国栋同志当天要去省里开会';

  it('the desk cancels a day of its subtree: bookings end, and each person is told once', async () => {
    const made = await publish({ date: '2026-12-28' });
    expect(made.statusCode, made.body).toBe(201);
    coming = made.json() as ReceptionDay;
    expect(coming.cancelReason).toBeNull();
    for (const [who, slot] of [
      ['13800000008', 0],
      ['13800000009', 1],
      ['13800000010', 1],
    ] as const) {
      expect((await book(who, slot, coming.id)).statusCode).toBe(201);
    }
    const left = ((await kit.http('13800000010', 'GET', '/api/me/bookings')).json() as BookingList).items;
    expect((await kit.http('13800000010', 'POST', `/api/me/bookings/${left[0]?.id}/cancel`)).statusCode).toBe(
      200,
    );

    expectError(await cancel('ds.head', coming.id), 403, 'FORBIDDEN');
    expectError(await cancel('ds.reception', coming.id), 403, 'FORBIDDEN');
    expectError(await cancel('reception', 'no-such-day'), 404, 'NOT_FOUND');
    const blank = expectError(
      await cancel('reception', coming.id, { reason: ' ' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(blank.details).toEqual([expect.objectContaining({ path: '/body/reason' })]);

    const done = await cancel('reception', coming.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: coming.id, cancelReason: REASON });
    for (const who of ['13800000008', '13800000009', '13800000010']) {
      const mine = ((await kit.http(who, 'GET', '/api/me/bookings')).json() as BookingList).items;
      expect(mine[0]).toMatchObject({ status: 'cancelled', day: { cancelReason: REASON } });
    }
    const notices = await told('reception_day_cancelled');
    expect(notices.map((n) => n.recipient_id).sort()).toEqual(
      [await kit.petitionerId('13800000008'), await kit.petitionerId('13800000009')].sort(),
    );
    for (const n of notices) {
      expect(n.body).toContain('2026年12月28日');
      expect(n.body).toContain(REASON);
      expect(n.body).toContain('另选一天');
    }
    expect((await kit.audit(coming.id)).map((a) => [a.action, a.outcome])).toEqual([
      ['reception.publish', 'success'],
      ['reception.cancel_day', 'success'],
    ]);
  });

  it('again changes nothing; the day leaves the public list and takes no booking', async () => {
    const again = await cancel('reception', coming.id, { reason: '另一个理由' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ cancelReason: REASON });
    expect(await told('reception_day_cancelled')).toHaveLength(2);
    expect((await kit.audit(coming.id)).map((a) => a.action)).toEqual([
      'reception.publish',
      'reception.cancel_day',
    ]);
    const listed = (await request(kit.app, 'GET', '/api/reception-days', {})).json() as ReceptionDayList;
    expect(listed.items.map((d) => d.id)).not.toContain(coming.id);
    const desk = (await kit.http('reception', 'GET', '/api/reception-days/desk')).json() as ReceptionDayList;
    expect(desk.items.find((d) => d.id === coming.id)).toMatchObject({ cancelReason: REASON });
    const refused = expectError(await book('13800000011', 0, coming.id), 404, 'NOT_FOUND');
    expect(refused.message).toContain('已经取消');
  });

  it('a day already past is not cancelled', async () => {
    const past = expectError(await cancel('reception', day.id), 400, 'VALIDATION_FAILED');
    expect(past.message).toContain('已经过去');
  });
});
