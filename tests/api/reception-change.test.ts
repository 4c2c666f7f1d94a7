import { randomUUID } from 'node:crypto';
import type { BookingList, ReceptionDay, ReceptionDayList } from '@xinfang/shared/schemas/reception';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from './notifications/support';
import { expectError, PetitionKit } from './petitions/kit';
import { request } from './support/sign-in';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Changing a leader's reception day (改期/调整, Art 18): the desk moves a day not yet begun, with
 * a reason, over the version it read; bookings follow while their slot has room — the earliest
 * keep their places — and everyone who booked is told what changed, or that theirs was not kept.
 */
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-12-01T09:00:00') });
});
afterAll(() => kit?.close());

const REASON = '陈国栋同志当天要去省里开会';
const publish = async (body: Record<string, unknown> = {}) => {
  const made = await kit.http(
    'reception',
    'POST',
    '/api/reception-days',
    {
      leaderId: kit.staffId('leader'),
      date: '2026-12-10',
      place: '集团信访接待室',
      topics: '工资待遇、安全生产',
      slots: [
        { from: '09:00', to: '09:30', capacity: 2 },
        { from: '09:30', to: '10:00', capacity: 1 },
      ],
      ...body,
    },
    { 'idempotency-key': `day-${randomUUID()}` },
  );
  expect(made.statusCode, made.body).toBe(201);
  return made.json() as ReceptionDay;
};
const change = (
  id: string,
  body: Record<string, unknown>,
  key: string | null = `change-${randomUUID()}`,
  who = 'reception',
) =>
  kit.http(
    who,
    'POST',
    `/api/reception-days/${id}/change`,
    {
      version: 1,
      reason: REASON,
      date: '2026-12-12',
      place: '集团二楼会议室',
      topics: '工资待遇、安全生产',
      slots: [{ from: '14:00', to: '15:00', capacity: 1 }],
      ...body,
    },
    key === null ? {} : { 'idempotency-key': key },
  );
const told = (event: string) =>
  kit.app.db
    .selectFrom('notification')
    .select(['recipient_id', 'body'])
    .where('event', '=', event)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
const myBooking = async (who: string) =>
  ((await kit.http(who, 'GET', '/api/me/bookings')).json() as BookingList).items[0];

describe('changing a reception day', () => {
  it('moves the day; the earliest bookings follow it, the rest end; each person is told once', async () => {
    const day = await publish();
    // Two in the first slot, one in the second, in this order.
    for (const [who, slot] of [
      ['13800000021', 0],
      ['13800000022', 0],
      ['13800000023', 1],
    ] as const) {
      const booked = await kit.http(who, 'POST', `/api/reception-days/${day.id}/bookings`, {
        slot,
        version: day.version,
        topic: '反映夜班补贴问题',
      });
      expect(booked.statusCode, booked.body).toBe(201);
    }
    expectError(await change(day.id, {}, null), 428, 'IDEMPOTENCY_KEY_REQUIRED');
    expectError(await change(day.id, {}, undefined, 'ds.head'), 403, 'FORBIDDEN');
    const blank = expectError(await change(day.id, { reason: ' ' }), 400, 'VALIDATION_FAILED');
    expect(blank.details).toEqual([expect.objectContaining({ path: '/body/reason' })]);

    // The new day has one slot of one place: the first booking keeps it.
    const moved = await change(day.id, {}, 'change-1');
    expect(moved.statusCode, moved.body).toBe(200);
    const changed = moved.json() as ReceptionDay;
    expect(changed).toMatchObject({
      id: day.id,
      date: '2026-12-12',
      place: '集团二楼会议室',
      version: 2,
      changeReason: REASON,
      changedAt: expect.any(String),
      slots: [{ index: 0, from: '14:00', to: '15:00', left: 0 }],
    });
    expect(await myBooking('13800000021')).toMatchObject({
      status: 'active',
      notKept: false,
      from: '14:00',
      day: { date: '2026-12-12', changeReason: REASON },
    });
    // Those not kept read what they had booked, ended.
    expect(await myBooking('13800000022')).toMatchObject({
      status: 'cancelled',
      from: '09:00',
      notKept: true,
    });
    expect(await myBooking('13800000023')).toMatchObject({
      status: 'cancelled',
      from: '09:30',
      notKept: true,
    });

    const notices = await told('reception_day_changed');
    expect(notices).toHaveLength(3);
    const byPerson = new Map(notices.map((n) => [n.recipient_id, n.body]));
    const kept = byPerson.get(await kit.petitionerId('13800000021'));
    expect(kept).toContain('2026年12月12日 14:00-15:00');
    expect(kept).toContain('集团二楼会议室');
    expect(kept).toContain(REASON);
    for (const who of ['13800000022', '13800000023']) {
      const dropped = byPerson.get(await kit.petitionerId(who));
      expect(dropped, who).toContain('没能保留');
      expect(dropped, who).toContain('另选一天');
    }

    // A retry after a lost answer is the first answer, and tells nobody again.
    const again = await change(day.id, {}, 'change-1');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(changed);
    // A change over the version read before is refused: someone changed it meanwhile.
    expectError(await change(day.id, { place: '别处' }), 409, 'VERSION_CONFLICT');
    expect(await told('reception_day_changed')).toHaveLength(3);

    const audit = await kit.audit(day.id);
    expect(audit.map((a) => a.action)).toEqual(['reception.publish', 'reception.change_day']);
    expect(JSON.parse(String(audit[1]?.details))).toMatchObject({
      reason: REASON,
      dateBefore: '2026-12-10',
      dateAfter: '2026-12-12',
      placeAfter: '集团二楼会议室',
      bookingsKept: 1,
      bookingsEnded: 2,
    });
    const listed = (await request(kit.app, 'GET', '/api/reception-days', {})).json() as ReceptionDayList;
    expect(listed.items.find((d) => d.id === day.id)).toMatchObject({
      date: '2026-12-12',
      changeReason: REASON,
    });
  });

  it('an earlier slot added: each booking keeps the time it booked, and is told it', async () => {
    const day = await publish({ date: '2026-12-15' });
    const booked: Record<string, string> = {};
    for (const [who, slot] of [
      ['13800000031', 0],
      ['13800000032', 1],
      ['13800000033', 0],
    ] as const) {
      const made = await kit.http(who, 'POST', `/api/reception-days/${day.id}/bookings`, {
        slot,
        version: day.version,
        topic: '反映夜班补贴问题',
      });
      expect(made.statusCode, made.body).toBe(201);
      booked[who] = (made.json() as { id: string }).id;
    }
    // One cancelled before the change: it still reads the time it had.
    const own = await kit.http('13800000033', 'POST', `/api/me/bookings/${booked['13800000033']}/cancel`);
    expect(own.statusCode, own.body).toBe(200);

    // 08:30 added in front; the 09:30 slot now runs to 10:30 (the same start: still his time).
    const slots = [
      { from: '08:30', to: '09:00', capacity: 1 },
      { from: '09:00', to: '09:30', capacity: 2 },
      { from: '09:30', to: '10:30', capacity: 1 },
    ];
    const moved = await change(day.id, { date: '2026-12-15', slots });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as ReceptionDay).slots.map((s) => [s.from, s.left])).toEqual([
      ['08:30', 1],
      ['09:00', 1],
      ['09:30', 0],
    ]);
    expect(await myBooking('13800000031')).toMatchObject({ status: 'active', slot: 1, from: '09:00' });
    expect(await myBooking('13800000032')).toMatchObject({ status: 'active', slot: 2, to: '10:30' });
    expect(await myBooking('13800000033')).toMatchObject({ status: 'cancelled', from: '09:00' });

    const notices = new Map((await told('reception_day_changed')).map((n) => [n.recipient_id, n.body]));
    expect(notices.get(await kit.petitionerId('13800000031'))).toContain('2026年12月15日 09:00-09:30');
    expect(notices.get(await kit.petitionerId('13800000032'))).toContain('2026年12月15日 09:30-10:30');
    const audit = await kit.audit(day.id);
    expect(JSON.parse(String(audit.at(-1)?.details))).toMatchObject({
      bookingsKept: 2,
      bookingsRetimed: 1,
      bookingsEnded: 0,
    });

    // A page read before the change: its 09:00 was slot 0, now 08:30. Refused, nothing booked.
    const bookFrom = (slot: number, version: number) =>
      kit.http('13800000034', 'POST', `/api/reception-days/${day.id}/bookings`, {
        slot,
        version,
        topic: '反映夜班补贴问题',
      });
    const stale = expectError(await bookFrom(0, day.version), 409, 'VERSION_CONFLICT');
    expect(stale.message).toBe('接访安排刚刚调整过，请看一下新的时间再预约');
    expect(await myBooking('13800000034')).toBeUndefined();
    // Read again, 09:00 is the second slot: booked at the time seen.
    const seen = await bookFrom(1, 2);
    expect(seen.statusCode, seen.body).toBe(201);
    expect(seen.json()).toMatchObject({ from: '09:00', to: '09:30', day: { date: '2026-12-15' } });
  });

  it('names a new leader; a booking the change left as it was is told softly that it stands', async () => {
    const day = await publish({ date: '2026-12-17' });
    const ids: string[] = [];
    for (const [who, slot] of [
      ['13800000041', 0],
      ['13800000042', 1],
    ] as const) {
      const made = await kit.http(who, 'POST', `/api/reception-days/${day.id}/bookings`, {
        slot,
        version: day.version,
        topic: '反映夜班补贴问题',
      });
      expect(made.statusCode, made.body).toBe(201);
      ids.push(await kit.petitionerId(who));
    }
    const toldEach = async () => {
      const all = (await told('reception_day_changed')).filter((n) => ids.includes(n.recipient_id));
      return ids.map((id) => all.filter((n) => n.recipient_id === id).map((n) => n.body));
    };
    const planned = day.slots.map(({ from, to, capacity }) => ({ from, to, capacity }));
    const same = { date: '2026-12-17', place: '集团信访接待室', slots: planned };

    // The same day, time and place, another leader: each is told who receives them now.
    const led = await change(day.id, { ...same, leaderId: kit.staffId('head') });
    expect(led.statusCode, led.body).toBe(200);
    const newLeader = (led.json() as ReceptionDay).leader;
    for (const bodies of await toldEach()) {
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toContain(`接访领导改为${newLeader}。`);
    }

    // Only the topics: told softly that their time stands.
    const topics = await change(day.id, { ...same, version: 2, topics: '安全生产' });
    expect(topics.statusCode, topics.body).toBe(200);
    for (const bodies of await toldEach()) {
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toContain('时间、地点和接访领导都不变');
      expect(bodies[1]).not.toContain('改到');
    }

    // Only the second slot runs longer: its booker is told the new time, the first that hers stands.
    const slots = [planned[0], { ...planned[1], to: '10:30' }];
    const longer = await change(day.id, { ...same, version: 3, topics: '安全生产', slots });
    expect(longer.statusCode, longer.body).toBe(200);
    const [first, second] = await toldEach();
    expect(first?.[2]).toContain('时间、地点和接访领导都不变');
    expect(second?.[2]).toContain('改到2026年12月17日 09:30-10:30');
  });

  it('asks those it moved whether they still come; the desk sees who has not answered', async () => {
    const day = await publish({
      date: '2026-12-26',
      slots: [
        { from: '09:00', to: '09:30', capacity: 1 },
        { from: '09:30', to: '10:00', capacity: 2 },
      ],
    });
    const ids: Record<string, string> = {};
    for (const [who, slot] of [
      ['13800000051', 0],
      ['13800000052', 1],
      ['13800000053', 1],
    ] as const) {
      const made = await kit.http(who, 'POST', `/api/reception-days/${day.id}/bookings`, {
        slot,
        version: day.version,
        topic: '反映夜班补贴问题',
      });
      expect(made.statusCode, made.body).toBe(201);
      ids[who] = (made.json() as { id: string }).id;
    }
    // 09:30 is gone: its two move to 10:00; the 09:00 booking stands and is not asked.
    const slots = [
      { from: '09:00', to: '09:30', capacity: 1 },
      { from: '10:00', to: '10:30', capacity: 2 },
    ];
    const moved = await change(day.id, { date: '2026-12-26', place: '集团信访接待室', slots });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await myBooking('13800000051')).toMatchObject({ awaitingAnswer: false, confirmed: false });
    expect(await myBooking('13800000052')).toMatchObject({ from: '10:00', awaitingAnswer: true });
    const desk = async () =>
      ((await kit.http('reception', 'GET', `/api/reception-days/${day.id}/bookings`)).json() as BookingList)
        .items;
    const asked = (await desk()).filter((b) => b.contact);
    expect(asked.map((b) => b.contact?.phone).sort()).toEqual(['138****0052', '138****0053']);
    expect(asked.every((b) => b.awaitingAnswer && b.status === 'active')).toBe(true);

    // To call: the full number, each reveal audited; only while the person has not answered.
    const phone = (who: string) =>
      kit.http('reception', 'POST', `/api/reception-days/${day.id}/bookings/${ids[who]}/phone`);
    const full = await phone('13800000053');
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toEqual({ phone: '13800000053' });
    expectError(await phone('13800000051'), 400, 'VALIDATION_FAILED');
    const revealed = (await kit.audit(await kit.petitionerId('13800000053'))).filter(
      (a) => a.action === 'petitioner.reveal',
    );
    expect(revealed.map((a) => JSON.parse(String(a.details)).bookingId)).toEqual([ids['13800000053']]);

    const answer = (who: string, body: { version: number; come: boolean }) =>
      kit.http(who, 'POST', `/api/me/bookings/${ids[who]}/answer`, body);
    // Not one's own booking: as if there were none.
    const others = await kit.http('13800000051', 'POST', `/api/me/bookings/${ids['13800000052']}/answer`, {
      version: 2,
      come: false,
    });
    expectError(others, 404, 'NOT_FOUND');
    // A double tap confirms once.
    for (let tap = 0; tap < 2; tap++) {
      const come = await answer('13800000052', { version: 2, come: true });
      expect(come.statusCode, come.body).toBe(200);
      expect(come.json()).toMatchObject({ status: 'active', awaitingAnswer: false, confirmed: true });
    }
    // Read before the change: refused, nothing cancelled.
    const stale = expectError(
      await answer('13800000053', { version: 1, come: false }),
      409,
      'VERSION_CONFLICT',
    );
    expect(stale.message).toContain('又调整了');
    for (let tap = 0; tap < 2; tap++) {
      const gone = await answer('13800000053', { version: 2, come: false });
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json()).toMatchObject({ status: 'cancelled', awaitingAnswer: false });
    }
    expectError(await phone('13800000052'), 400, 'VALIDATION_FAILED');
    // The place is free again, and nobody is left to call.
    const after = await desk();
    expect(after.filter((b) => b.contact)).toEqual([]);
    expect(after.find((b) => b.id === ids['13800000053'])?.day.slots[1]?.left).toBe(1);
    const actions = async (who: string) => (await kit.audit(ids[who] as string)).map((a) => a.action);
    expect(await actions('13800000052')).toEqual(['reception.book', 'reception.confirm_moved']);
    expect(await actions('13800000053')).toEqual(['reception.book', 'reception.cancelled']);
    expect((await kit.audit(day.id)).map((a) => a.action)).toContain('reception.read_unanswered');

    // Moved again: asked again, and an answer to the day before this change is stale.
    const again = await change(day.id, {
      version: 2,
      date: '2026-12-27',
      place: '集团信访接待室',
      slots,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await myBooking('13800000052')).toMatchObject({ awaitingAnswer: true, confirmed: false });
    expectError(await answer('13800000052', { version: 2, come: true }), 409, 'VERSION_CONFLICT');
  });

  it('refuses a day cancelled, or one that has begun', async () => {
    const cancelled = await publish({ date: '2026-12-20' });
    const done = await kit.http('reception', 'POST', `/api/reception-days/${cancelled.id}/cancel`, {
      reason: REASON,
    });
    expect(done.statusCode, done.body).toBe(200);
    const refused = expectError(await change(cancelled.id, {}), 400, 'VALIDATION_FAILED');
    expect(refused.message).toContain('已经取消');

    // Today (09:00 now), from 08:30: people may already be with the leader.
    const begun = await publish({
      date: '2026-12-01',
      slots: [{ from: '08:30', to: '11:00', capacity: 1 }],
    });
    const late = expectError(await change(begun.id, {}), 400, 'VALIDATION_FAILED');
    expect(late.message).toContain('已经开始');
  });

  it('reminds again the day before the new date, when the day moved after its reminder', async () => {
    const day = await publish({ date: '2026-12-24' });
    const who = '13800000005';
    const booked = await kit.http(who, 'POST', `/api/reception-days/${day.id}/bookings`, {
      slot: 0,
      version: day.version,
      topic: '反映夜班补贴问题',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = await kit.petitionerId(who);
    const reminded = async () => (await told('booking_reminder')).filter((n) => n.recipient_id === id);
    kit.setTime(bj('2026-12-23T09:00:00'));
    await kit.app.jobs.run('aftercare');
    const before = (await reminded()).length;
    expect(before).toBe(1);
    const moved = await change(day.id, { date: '2026-12-28' });
    expect(moved.statusCode, moved.body).toBe(200);
    kit.setTime(bj('2026-12-27T09:00:00'));
    await kit.app.jobs.run('aftercare');
    const after = await reminded();
    expect(after).toHaveLength(2);
    expect(after.at(-1)?.body).toContain('2026年12月28日');
  });
});
