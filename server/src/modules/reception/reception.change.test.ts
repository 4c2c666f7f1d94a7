import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose } from '../notifications/catalog';
import { changeNotice, dayBegun, placeBookings } from './reception.change';

describe('where the bookings of a changed day go', () => {
  const bookings = fc.array(fc.nat({ max: 4 }), { maxLength: 30 });
  const slots = fc.array(
    fc.nat({ max: 5 }).map((capacity) => ({ capacity })),
    { maxLength: 4 },
  );

  it('every booking is kept or ended, in its order; no slot holds more than its places', () => {
    fc.assert(
      fc.property(bookings, slots, (picks, plan) => {
        const list = picks.map((slot, order) => ({ slot, order }));
        const { kept, dropped } = placeBookings(list, plan);
        expect([...kept, ...dropped].sort((a, b) => a.order - b.order)).toEqual(list);
        expect(kept.map((b) => b.order)).toEqual([...kept.map((b) => b.order)].sort((a, b) => a - b));
        plan.forEach((s, index) => {
          expect(kept.filter((b) => b.slot === index).length).toBeLessThanOrEqual(s.capacity);
        });
      }),
    );
  });

  it('the earliest keep their places: a booking ends only when its slot is gone or full before it', () => {
    fc.assert(
      fc.property(bookings, slots, (picks, plan) => {
        const list = picks.map((slot, order) => ({ slot, order }));
        const { kept, dropped } = placeBookings(list, plan);
        for (const d of dropped) {
          const earlier = kept.filter((k) => k.slot === d.slot && k.order < d.order).length;
          expect(earlier).toBe(plan[d.slot]?.capacity ?? 0);
        }
      }),
    );
  });

  it('a slot with room keeps all of its bookings', () => {
    const list = [{ slot: 0 }, { slot: 1 }, { slot: 0 }];
    expect(placeBookings(list, [{ capacity: 2 }, { capacity: 1 }])).toEqual({ kept: list, dropped: [] });
    expect(placeBookings(list, [{ capacity: 1 }])).toEqual({
      kept: [list[0]],
      dropped: [list[1], list[2]],
    });
  });
});

describe('a day that has begun', () => {
  // 2026-12-10 09:00 in Beijing.
  const now = new Date('2026-12-10T01:00:00Z');
  const slots = [
    { from: '10:00', to: '11:00', capacity: 1 },
    { from: '08:30', to: '09:30', capacity: 1 },
  ];
  it('is one past, or today once its first slot started', () => {
    expect(dayBegun('2026-12-09', slots, now)).toBe(true);
    expect(dayBegun('2026-12-10', slots, now)).toBe(true);
    expect(dayBegun('2026-12-10', slots.slice(0, 1), now)).toBe(false);
    expect(dayBegun('2026-12-11', slots, now)).toBe(false);
  });
});

describe('what the booked person is told', () => {
  const change = {
    was: '2026-12-10',
    date: '2026-12-12',
    place: '集团二楼会议室',
    slots: [{ from: '14:00', to: '15:00', capacity: 1 }],
    reason: '领导临时去省里开会',
  };
  const booking = { id: 'b1', petitioner_id: 'p1', slot: 0 };
  const words = (kept: boolean) => {
    const notice = changeNotice(booking, change, kept, 2, '2026-12-01T01:00:00Z');
    return { notice, composed: compose(notice.event, notice.facts) };
  };

  it('a kept booking: the new date, time and place, and why; WeChat gets only the date', () => {
    const { notice, composed } = words(true);
    expect(notice.dedupeKey).toBe('reception_day_changed:b1:2');
    expect(composed.body).toContain('2026年12月10日');
    expect(composed.body).toContain('改到2026年12月12日 14:00-15:00，地点：集团二楼会议室');
    expect(composed.body).toContain('领导临时去省里开会');
    expect(composed.values.detail).toBe('改到2026年12月12日，请按时前往');
    expect([...composed.values.detail].length).toBeLessThanOrEqual(20);
    expect(Object.values(composed.values).join('|')).not.toContain('集团二楼会议室');
    // Waits out the quiet hours like the cancellation: nothing of the person's time is lost.
    expect(composed.timeSensitive).toBe(false);
    expect(composed.page).toBe('public/reception/index');
  });

  it('a booking not kept: plainly, that the earlier bookings kept the places, and to book again', () => {
    const { composed } = words(false);
    expect(composed.body).toContain('没能保留');
    expect(composed.body).toContain('先约的人保留');
    expect(composed.body).toContain('另选一天');
    expect(composed.values.status).toBe('预约取消');
    expect(composed.body).not.toMatch(/第[一二三四五六七八九十百]+条/);
  });
});
