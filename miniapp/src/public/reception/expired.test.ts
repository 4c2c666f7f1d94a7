// @vitest-environment jsdom
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount } from '@/testing/page-test';

// 我的预约 with a booking whose day is over and nothing was recorded: the person books again.
const world = vi.hoisted(() => ({ days: [] as unknown[], mine: [] as unknown[] }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/ui/Page', async () => {
  const { createElement: h } = await import('react');
  return { Page: ({ children }: { children: ReactNode }) => h('main', {}, children) };
});
vi.mock('@/session/use-session', () => ({ useSession: () => ({ me: { kind: 'petitioner' } }) }));
vi.mock('@/services/reception', () => ({
  receptionDays: async () => ({ items: world.days }),
  myBookings: async () => ({ items: world.mine }),
  bookSlot: vi.fn(),
  cancelBooking: vi.fn(),
  answerMovedBooking: vi.fn(),
}));

import { copy } from '@/copy/zh-CN';
import Reception from './index';

const text = copy.reception;

const dayOf = (id: string, date: string): ReceptionDay => ({
  id,
  date,
  leader: '陈国栋',
  unit: '晋安煤业集团',
  place: '集团信访接待室',
  topics: '工资待遇',
  slots: [{ index: 0, from: '10:00', to: '11:00', capacity: 2, left: 2, ended: false }],
  leaderActive: true,
  cancelReason: null,
  version: 1,
  changedAt: null,
  changeReason: null,
});
const past: Booking = {
  id: 'b1',
  day: dayOf('day-0', '2026-12-02'),
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
  expired: true,
  createdAt: '2026-11-30T01:00:00.000Z',
};

let host: HTMLElement;
afterEach(unmount);
const all = (id: string) => Array.from(host.querySelectorAll(`[data-testid="${id}"]`)) as HTMLElement[];

describe('a booking whose day is over', () => {
  it('reads 已过期, cannot be cancelled, and does not stop booking another day', async () => {
    world.days = [dayOf('day-1', '2026-12-08')];
    world.mine = [past];
    host = await mount(createElement(Reception));
    const row = all('reception-booking')[0];
    expect(row?.textContent).toContain(`${text.expired}：`);
    expect(row?.textContent).not.toContain(text.status.active);
    expect(all('reception-booking-expired').map((n) => n.textContent)).toEqual([text.expiredNote]);
    expect(all('reception-cancel')).toEqual([]);
    expect(all('reception-book-0')).toHaveLength(1);
  });
});
