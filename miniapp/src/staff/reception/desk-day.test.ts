// @vitest-environment jsdom
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The desk's page on and after the day: who is at the door, a tap recorded once, a day gone by.
const world = vi.hoisted(() => ({
  days: [] as unknown[],
  bookings: [] as unknown[],
  marked: [] as string[],
  answer: null as null | (() => void),
}));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('../session/use-staff-session', () => ({
  useStaffSession: () => ({ me: { id: 'desk', roles: ['reception'] }, lost: false }),
}));
vi.mock('../ui/StaffPage', async () => (await import('@/testing/page-test')).staffPage);
vi.mock('./DayForm', () => ({ DayForm: () => null }));
vi.mock('./VisitForm', () => ({ VisitForm: () => null }));
vi.mock('@/services/reception', () => ({
  deskReceptionDays: async () => ({ items: world.days }),
  dayBookings: async () => ({ items: world.bookings }),
  // Answers only when the test says: the first tap is still on its way.
  recordAttendance: (_day: string, id: string) => {
    world.marked.push(id);
    return new Promise<void>((resolve) => {
      world.answer = resolve;
    });
  },
  movedPersonPhone: vi.fn(),
  cancelReceptionDay: vi.fn(),
}));

import { staffCopy } from '@/copy/staff';
import StaffReception from './index';

const text = staffCopy.reception;

const day: ReceptionDay = {
  id: 'day-1',
  date: '2026-12-02',
  leader: '陈国栋',
  unit: '晋安煤业集团',
  place: '集团信访接待室',
  topics: '工资待遇',
  slots: [{ index: 0, from: '10:00', to: '11:00', capacity: 3, left: 1, ended: true }],
  leaderActive: true,
  cancelReason: null,
  version: 1,
  changedAt: null,
  changeReason: null,
};
const booking = (id: string, patch: Partial<Booking>): Booking => ({
  id,
  day,
  slot: 0,
  from: '10:00',
  to: '11:00',
  topic: '夜班补贴',
  status: 'active',
  petitionId: null,
  petitionNumber: null,
  notKept: false,
  awaitingAnswer: false,
  confirmed: false,
  expired: false,
  createdAt: '2026-11-30T01:00:00.000Z',
  ...patch,
});

let host: HTMLElement;
beforeEach(() => {
  world.days = [day];
  world.marked = [];
  world.bookings = [
    booking('b1', { contact: { realName: '王秀英', phone: '139****0003' } }),
    booking('b2', { expired: true, contact: { realName: null, phone: '138****0052' } }),
  ];
});
afterEach(unmount);
const render = async () => {
  host = await mount(createElement(StaffReception));
};
const all = (id: string) => Array.from(host.querySelectorAll(`[data-testid="${id}"]`)) as HTMLElement[];

describe('the desk’s day once it has come', () => {
  it('names who booked each place, masked, and says which a day gone by left unrecorded', async () => {
    await render();
    expect(all('reception-person').map((n) => n.textContent)).toEqual([
      text.person('王秀英', '139****0003'),
      text.person(null, '138****0052'),
    ]);
    // Nobody here was moved by a change: there is no one to call for a full number.
    expect(all('reception-phone-show')).toEqual([]);
    const rows = all('reception-desk-booking');
    expect(rows[0]?.textContent).toContain(text.status.active);
    expect(rows[1]?.textContent).toContain(text.unrecorded);
  });

  it('records a tap on 已到场 once, however often it is tapped while on its way', async () => {
    await render();
    await click(all('reception-came')[0]);
    await click(all('reception-came')[0]);
    await click(all('reception-missed')[1]);
    expect(world.marked).toEqual(['b1']);
    world.answer?.();
    await render();
    await click(all('reception-missed')[1]);
    expect(world.marked).toEqual(['b1', 'b2']);
  });
});
