import { randomUUID } from 'node:crypto';
import type { PetitionDetail, Submitted } from '@xinfang/shared/schemas/petitions';
import type { Booking, BookingList, ReceptionDay, ReceptionDayList } from '@xinfang/shared/schemas/reception';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * The desk on and after a leader's reception day (Art 18): the people holding places are listed
 * first, with who they are on the day; a received person keeps their place; the visit is filed
 * with the day's unit and leader; a booking left unrecorded stops holding its person once the day
 * is over, and the desk can still close the day for a week.
 */
const FIRST = '13800000021';
const SECOND = '13800000022';
const CANCELLER = '13800000023';
const LATE = '13800000024';
let kit: PetitionKit;
let day: ReceptionDay;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-12-01T09:00:00') });
});
afterAll(() => kit?.close());

const publish = (date: string) =>
  kit.http(
    'reception',
    'POST',
    '/api/reception-days',
    {
      leaderId: kit.staffId('ds.head'),
      date,
      place: '东山煤矿信访接待室',
      topics: '工资待遇',
      slots: [
        { from: '10:00', to: '11:00', capacity: 1 },
        { from: '14:00', to: '15:00', capacity: 2 },
      ],
    },
    { 'idempotency-key': `day-${randomUUID()}` },
  );
const book = (who: string, slot: number, id = day.id) =>
  kit.http(who, 'POST', `/api/reception-days/${id}/bookings`, { slot, version: 1, topic: '反映夜班补贴' });
const deskList = async () => {
  const listed = await kit.http('reception', 'GET', `/api/reception-days/${day.id}/bookings`);
  expect(listed.statusCode, listed.body).toBe(200);
  return (listed.json() as BookingList).items;
};
const mine = async (who: string) =>
  ((await kit.http(who, 'GET', '/api/me/bookings')).json() as BookingList).items;

describe('before the day', () => {
  it('cancelling and booking one day again is bounded; the people coming head the desk list', async () => {
    const made = await publish('2026-12-02');
    expect(made.statusCode, made.body).toBe(201);
    day = made.json() as ReceptionDay;
    expect((await book(FIRST, 0)).statusCode).toBe(201);
    expect((await book(SECOND, 1)).statusCode).toBe(201);
    for (let i = 0; i < 3; i += 1) {
      const again = await book(CANCELLER, 1);
      expect(again.statusCode, again.body).toBe(201);
      const id = (again.json() as Booking).id;
      expect((await kit.http(CANCELLER, 'POST', `/api/me/bookings/${id}/cancel`)).statusCode).toBe(200);
    }
    const refused = expectError(await book(CANCELLER, 1), 429, 'RATE_LIMITED');
    expect(refused.message).toContain('这一天您已经约过3次了');
    // Rows a script could have left before the bound: they must not push the people coming off.
    const someone = await kit.petitionerId(CANCELLER);
    const at = new Date(Date.now() + 60_000).toISOString();
    await kit.app.db
      .insertInto('reception_booking')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          id: `01ZZCANCELLED${String(i).padStart(13, '0')}`,
          reception_day_id: day.id,
          slot: 1,
          petitioner_id: someone,
          topic: '改约',
          status: 'cancelled' as const,
          active_key: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const items = await deskList();
    expect(items.slice(0, 2).map((b) => [b.slot, b.status])).toEqual([
      [0, 'active'],
      [1, 'active'],
    ]);
    expect(items).toHaveLength(2 + 100);
    // Before the day nobody's name or phone is shown, and nothing is read.
    expect(items.filter((b) => b.contact)).toEqual([]);
    expect((await kit.audit(day.id)).map((a) => a.action)).toEqual(['reception.publish']);
  });
});

describe('on the day', () => {
  let received: Submitted;

  it('each person holding a place is shown by name and masked phone, and the read is audited', async () => {
    kit.setTime(bj('2026-12-02T10:10:00'));
    const items = await deskList();
    const shown = items.filter((b) => b.contact);
    expect(shown.map((b) => b.contact?.phone)).toEqual(['138****0021', '138****0022']);
    expect(JSON.stringify(items)).not.toContain(FIRST);
    expect((await kit.audit(day.id)).map((a) => a.action)).toEqual([
      'reception.publish',
      'reception.read_booked',
    ]);
  });

  it('the visit is filed with the day’s unit, the concerned unit, the group and the leader', async () => {
    const [first] = await mine(FIRST);
    const visit = await kit.http(
      'reception',
      'POST',
      `/api/reception-days/${day.id}/bookings/${first?.id}/visit`,
      kit.submission({ headcount: 6, representatives: ['张建华', '李明'] }),
      { 'idempotency-key': `visit-${randomUUID()}` },
    );
    expect(visit.statusCode, visit.body).toBe(201);
    received = visit.json() as Submitted;
    const { petition } = received;
    expect(petition.units.receiving?.id).toBe(kit.unit('JA-DS'));
    expect(petition.units.concerned?.id).toBe(kit.unit('JA-DS-AQK'));
    expect(petition.collective).toEqual({ headcount: 6, representatives: ['张建华', '李明'] });
    const leader = {
      leaderId: kit.staffId('ds.head'),
      leaderName: '孙建国（东山煤矿矿长）',
      dayId: day.id,
      date: '2026-12-02',
    };
    const staffView = await kit.detail('ds.reception', petition.id);
    expect(staffView.timeline[0]?.data.receivedByLeader).toEqual(leader);
    const own = (await kit.detail(FIRST, petition.id)) as PetitionDetail;
    expect(own.timeline[0]?.data).not.toHaveProperty('receivedByLeader');
  });

  it('a received person keeps their place: nobody else books it', async () => {
    const listed = (await request(kit.app, 'GET', '/api/reception-days', {})).json() as ReceptionDayList;
    expect(listed.items.find((d) => d.id === day.id)?.slots[0]?.left).toBe(0);
    expectError(await book(LATE, 0), 409, 'FULLY_BOOKED');
  });
});

describe('after the day', () => {
  it('a booking left unrecorded stops holding its person: 已过期, and they book another day', async () => {
    kit.setTime(bj('2026-12-05T09:00:00'));
    const [left] = await mine(SECOND);
    expect(left).toMatchObject({ status: 'active', expired: true });
    await kit.app.jobs.run('aftercare');
    await kit.app.jobs.run('aftercare');
    expect((await kit.audit(left?.id as string)).map((a) => [a.action, a.outcome])).toEqual([
      ['reception.book', 'success'],
      ['reception.expired', 'success'],
    ]);
    const next = await publish('2026-12-08');
    expect(next.statusCode, next.body).toBe(201);
    const booked = await book(SECOND, 1, (next.json() as ReceptionDay).id);
    expect(booked.statusCode, booked.body).toBe(201);
    expect((await mine(SECOND)).map((b) => [b.day.date, b.status, b.expired])).toEqual([
      ['2026-12-08', 'active', false],
      ['2026-12-02', 'active', true],
    ]);
  });

  it('the desk still lists the day for a week, and registers the visit as received then', async () => {
    const desk = (await kit.http('reception', 'GET', '/api/reception-days/desk')).json() as ReceptionDayList;
    expect(desk.items.map((d) => d.date)).toEqual(['2026-12-02', '2026-12-08']);
    const [, old] = await mine(SECOND);
    const visit = await kit.http(
      'reception',
      'POST',
      `/api/reception-days/${day.id}/bookings/${old?.id}/visit`,
      kit.submission(),
      { 'idempotency-key': `visit-${randomUUID()}` },
    );
    expect(visit.statusCode, visit.body).toBe(201);
    // Received in the booked slot, 14:00 on the 2nd: the statutory clocks run from then (Art 21).
    expect((visit.json() as Submitted).petition.receivedAt).toBe('2026-12-02T06:00:00.000Z');
    expect((await mine(SECOND))[1]).toMatchObject({ id: old?.id, status: 'received', expired: false });
    kit.setTime(bj('2026-12-10T09:00:00'));
    const later = (await kit.http('reception', 'GET', '/api/reception-days/desk')).json() as ReceptionDayList;
    expect(later.items.map((d) => d.date)).toEqual(['2026-12-08']);
  });
});
