// @vitest-environment jsdom
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The desk's page as the browser's DOM holds it: Taro's View and Text as plain elements, the
// session and the API as the test says; the day's forms (tested apart) left out.
const world = vi.hoisted(() => ({
  days: [] as unknown[],
  bookings: [] as unknown[],
  asked: [] as string[],
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
  recordAttendance: vi.fn(),
  movedPersonPhone: async (dayId: string, bookingId: string) => {
    world.asked.push(`${dayId}/${bookingId}`);
    return { phone: '13900000003' };
  },
  cancelReceptionDay: vi.fn(),
}));

import { staffCopy } from '@/copy/staff';
import StaffReception from './index';

const text = staffCopy.reception;

const day: ReceptionDay = {
  id: 'day-1',
  date: '2099-12-26',
  leader: '陈国栋',
  unit: '晋安煤业集团',
  place: '集团信访接待室',
  topics: '工资待遇',
  slots: [{ index: 0, from: '10:00', to: '10:30', capacity: 3, left: 0, ended: false }],
  leaderActive: true,
  cancelReason: null,
  version: 2,
  changedAt: '2026-12-01T01:00:00.000Z',
  changeReason: '领导上午要开会',
};
const booking = (id: string, patch: Partial<Booking>): Booking => ({
  id,
  day,
  slot: 0,
  from: '10:00',
  to: '10:30',
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
});
afterEach(unmount);
const render = async () => {
  host = await mount(createElement(StaffReception));
};
const all = (id: string) => Array.from(host.querySelectorAll(`[data-testid="${id}"]`)) as HTMLElement[];

describe('the desk’s day: who a change moved and has not answered', () => {
  it('counts them and shows each one’s name and masked phone to call; the others as before', async () => {
    world.bookings = [
      booking('b1', { awaitingAnswer: true, contact: { realName: '王秀英', phone: '139****0003' } }),
      booking('b2', { awaitingAnswer: true, contact: { realName: null, phone: '138****0052' } }),
      booking('b3', { confirmed: true }),
      booking('b4', {}),
    ];
    await render();
    expect(all('reception-unanswered').map((n) => n.textContent)).toEqual([text.unanswered(2)]);
    expect(all('reception-contact').map((n) => n.textContent)).toEqual([
      '王秀英 · 139****0003',
      '未填姓名 · 138****0052',
    ]);
    const rows = all('reception-desk-booking');
    expect(rows.map((r) => r.getAttribute('data-awaiting'))).toEqual(['true', 'true', 'false', 'false']);
    expect(rows[0]?.textContent).toContain(text.awaitingAnswer);
    expect(rows[2]?.textContent).toContain(text.confirmedMove);
    expect(rows[3]?.textContent).toContain(text.status.active);
  });

  it('shows the full number to call on a tap, for that person only', async () => {
    world.asked = [];
    world.bookings = [
      booking('b1', { awaitingAnswer: true, contact: { realName: '王秀英', phone: '139****0003' } }),
      booking('b4', {}),
    ];
    await render();
    expect(all('reception-phone-show')).toHaveLength(1);
    await click(all('reception-phone-show')[0]);
    expect(world.asked).toEqual(['day-1/b1']);
    expect(all('reception-phone').map((n) => n.textContent)).toEqual([text.phoneShown('13900000003')]);
  });

  it('says nothing when everyone has answered', async () => {
    world.bookings = [booking('b3', { confirmed: true }), booking('b4', {})];
    await render();
    expect(all('reception-unanswered')).toEqual([]);
    expect(all('reception-contact')).toEqual([]);
  });
});
