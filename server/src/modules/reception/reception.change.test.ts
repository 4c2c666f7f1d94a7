import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose } from '../notifications/catalog';
import {
  appointmentMoved,
  changeNotice,
  type DayChange,
  dayBegun,
  moveAnswerOutcome,
  placeBookings,
  type SlotPlan,
} from './reception.change';

describe('where the bookings of a changed day go', () => {
  // Times from a small set, so that a changed day often keeps, shares or drops a booked time.
  const time = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const slot = fc
    .record({ start: fc.nat({ max: 6 }), length: fc.integer({ min: 1, max: 3 }) })
    .map(({ start, length }) => ({ from: time(480 + 30 * start), to: time(480 + 30 * (start + length)) }));
  const capacity = fc.integer({ min: 1, max: 3 });
  const case_ = fc
    .array(fc.record({ times: slot, capacity }), { minLength: 1, maxLength: 4 })
    .chain((before) =>
      fc.record({
        before: fc.constant(before.map((s) => ({ ...s.times, capacity: s.capacity }))),
        // The changed day: some of the old times (any order, new places) and some new ones.
        after: fc
          .tuple(fc.shuffledSubarray(before.map((s) => s.times)), fc.array(slot, { maxLength: 3 }))
          .chain(([old, added]) =>
            fc
              .shuffledSubarray([...old, ...added], { minLength: old.length + added.length })
              .chain((times) => fc.tuple(...times.map((t) => capacity.map((c) => ({ ...t, capacity: c }))))),
          )
          .filter((after) => after.length > 0),
        bookings: fc.array(fc.nat({ max: before.length - 1 }), { maxLength: 16 }),
      }),
    )
    .map(({ before, after, bookings }) => ({
      before,
      after,
      bookings: bookings.map((slot, order) => ({ slot, order })),
    }));
  type Case = { before: SlotPlan[]; after: SlotPlan[]; bookings: { slot: number; order: number }[] };
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const placing = ({ before, after, bookings }: Case) => {
    const { kept, dropped } = placeBookings(bookings, before, after);
    const held = after.map((_, index) => kept.filter((k) => k.slot === index));
    const full = (index: number) => (held[index]?.length ?? 0) === after[index]?.capacity;
    const was = (b: { slot: number }) => before[b.slot] as SlotPlan;
    return { kept, dropped, held, full, was };
  };

  it('every booking is kept once or dropped, earliest first; no slot holds more than its places', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const { kept, dropped, held } = placing(c);
        const orders = [...kept.map((k) => k.booking.order), ...dropped.map((b) => b.order)];
        expect(orders.sort((a, b) => a - b)).toEqual(c.bookings.map((b) => b.order));
        expect(kept.map((k) => k.booking.order)).toEqual(
          [...kept.map((k) => k.booking.order)].sort((a, b) => a - b),
        );
        held.forEach((h, index) => {
          expect(h.length).toBeLessThanOrEqual(c.after[index]?.capacity ?? 0);
        });
      }),
    );
  });

  it('a booking whose time the day still holds keeps it, unless earlier bookings of it filled it', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const { kept, dropped, held, was } = placing(c);
        const all: { b: { slot: number; order: number }; at?: SlotPlan }[] = [
          ...kept.map((k) => ({ b: k.booking, at: c.after[k.slot] })),
          ...dropped.map((b) => ({ b })),
        ];
        for (const { b, at } of all) {
          const t = was(b);
          const same = c.after.flatMap((s, i) => (s.from === t.from && s.to === t.to ? [i] : []));
          if (same.length === 0 || (at?.from === t.from && at.to === t.to)) continue;
          // Lost its time: every slot of that time is full of earlier bookings of that very time.
          for (const index of same) {
            expect(held[index]).toHaveLength(c.after[index]?.capacity ?? 0);
            for (const k of held[index] ?? []) {
              expect(was(k.booking)).toMatchObject({ from: t.from, to: t.to });
              expect(k.booking.order).toBeLessThan(b.order);
            }
          }
        }
      }),
    );
  });

  it('a booking moves only when its start is gone or full, to the nearest slot with places', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const { kept, dropped, full, was } = placing(c);
        for (const k of kept) {
          const from = minutes(was(k.booking).from);
          const got = minutes(c.after[k.slot]?.from ?? '');
          if (got === from) continue;
          c.after.forEach((s, index) => {
            const distance = Math.abs(minutes(s.from) - from);
            const nearer = distance < Math.abs(got - from);
            const tieLater = distance === Math.abs(got - from) && minutes(s.from) > got;
            if (nearer || tieLater) expect(full(index), `${s.from} before ${got}`).toBe(true);
          });
        }
        // Dropped only when the changed day has no place left at all.
        if (dropped.length > 0) expect(c.after.every((_, index) => full(index))).toBe(true);
      }),
    );
  });

  it('an earlier slot added, the slots reordered: everyone keeps the time they booked', () => {
    const before = [
      { from: '09:00', to: '09:30', capacity: 2 },
      { from: '09:30', to: '10:00', capacity: 1 },
    ];
    const after = [
      { from: '09:30', to: '10:30', capacity: 1 },
      { from: '08:30', to: '09:00', capacity: 3 },
      { from: '09:00', to: '09:30', capacity: 2 },
    ];
    const list = [{ slot: 0 }, { slot: 1 }, { slot: 0 }];
    expect(placeBookings(list, before, after)).toEqual({
      kept: [
        { booking: list[0], slot: 2 },
        // The same start, a longer slot: still the person's time.
        { booking: list[1], slot: 0 },
        { booking: list[2], slot: 2 },
      ],
      dropped: [],
    });
  });

  it('a time taken away: the nearest slot with places, the later at equal distance; else dropped', () => {
    const before = [{ from: '10:00', to: '10:30', capacity: 3 }];
    const after = [
      { from: '09:00', to: '09:30', capacity: 5 },
      { from: '09:30', to: '10:00', capacity: 1 },
      { from: '10:30', to: '11:00', capacity: 1 },
    ];
    const list = [{ slot: 0 }, { slot: 0 }, { slot: 0 }];
    expect(placeBookings(list, before, after).kept).toEqual([
      { booking: list[0], slot: 2 },
      { booking: list[1], slot: 1 },
      { booking: list[2], slot: 0 },
    ]);
    expect(placeBookings(list, before, after.slice(1))).toEqual({
      kept: [
        { booking: list[0], slot: 1 },
        { booking: list[1], slot: 0 },
      ],
      dropped: [list[2]],
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
    reason: '领导临时去省里开会',
    leader: null,
    unchanged: false,
  };
  const booking = { id: 'b1', petitioner_id: 'p1' };
  const words = (kept: boolean, more: Partial<DayChange> = {}) => {
    const slot = { from: '14:00', to: '15:00' };
    const notice = changeNotice(booking, { ...change, ...more }, slot, kept, 2, '2026-12-01T01:00:00Z');
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

  it('names the new leader when the leader changed, and only then', () => {
    expect(words(true, { leader: '李明' }).composed.body).toContain('接访领导改为李明。');
    expect(words(true).composed.body).not.toContain('接访领导');
  });

  it('nothing of the booking changed: softly, that the time, place and leader stay', () => {
    const { composed } = words(true, { date: '2026-12-10', unchanged: true });
    expect(composed.title).toBe('预约的领导接访时间不变');
    expect(composed.body).toContain('2026年12月10日 14:00-15:00');
    expect(composed.body).toContain('时间、地点和接访领导都不变');
    expect(composed.body).not.toContain('改到');
    expect([...composed.values.detail].length).toBeLessThanOrEqual(20);
  });
});

describe('who is asked whether they still come', () => {
  const fields = ['date', 'from', 'to', 'place', 'leaderId'] as const;
  const appointment = fc.record({
    date: fc.constantFrom('2026-12-10', '2026-12-12'),
    from: fc.constantFrom('09:00', '09:30'),
    to: fc.constantFrom('09:30', '10:00'),
    place: fc.constantFrom('集团信访接待室', '二楼会议室'),
    leaderId: fc.constantFrom('chen', 'li'),
  });

  it('a booking is asked exactly when its date, time, place or leader changed', () => {
    fc.assert(
      fc.property(appointment, fc.subarray([...fields]), (was, altered) => {
        const now = { ...was, ...Object.fromEntries(altered.map((f) => [f, `${was[f]}+`])) };
        expect(appointmentMoved(was, now)).toBe(altered.length > 0);
      }),
    );
  });
});

describe('a moved person’s answer', () => {
  type State = { status: 'active' | 'cancelled' | 'attended'; movedAt: string | null };
  const state = fc.record({
    status: fc.constantFrom<State['status']>('active', 'cancelled', 'attended'),
    movedAt: fc.constantFrom<string | null>(null, '2026-12-01T01:00:00.000Z'),
  });
  // What the server does with an answer taken: the move confirmed, or the booking cancelled.
  const apply = (s: State, come: boolean): State =>
    come ? { ...s, movedAt: null } : { status: 'cancelled', movedAt: s.movedAt };

  it('is refused whenever the day changed since the person read it', () => {
    fc.assert(
      fc.property(state, fc.nat(5), fc.nat(5), fc.boolean(), (s, day, seen, come) => {
        fc.pre(day !== seen);
        expect(moveAnswerOutcome(s, day + 1, seen + 1, come)).toBe('stale');
      }),
    );
  });

  it('is taken once: the same answer again (a double tap) answers the booking as it is', () => {
    fc.assert(
      fc.property(state, fc.boolean(), (s, come) => {
        const first = moveAnswerOutcome(s, 2, 2, come);
        const after = first === 'apply' ? apply(s, come) : s;
        expect(moveAnswerOutcome(after, 2, 2, come)).not.toBe('apply');
        // A waiting move is answered either way; a booking ended otherwise takes no answer.
        if (s.status === 'active' && s.movedAt !== null) expect(first).toBe('apply');
        if (s.status === 'attended') expect(first).toBe('ended');
      }),
    );
  });
});
