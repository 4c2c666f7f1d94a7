// @vitest-environment jsdom
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The page as the browser's DOM holds it: Taro's View and Text as plain elements, the signed-in
// petitioner and the API as the test says: what 我的预约 answers, and what each answer does.
const world = vi.hoisted(() => ({
  mine: [] as unknown[],
  answers: [] as { id: string; body: unknown }[],
  answer: null as null | ((booking: unknown) => unknown),
}));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/ui/Page', async () => {
  const { createElement: h } = await import('react');
  return { Page: ({ children }: { children: ReactNode }) => h('main', {}, children) };
});
vi.mock('@/session/use-session', () => ({ useSession: () => ({ me: { kind: 'petitioner' } }) }));
vi.mock('@/services/reception', () => ({
  receptionDays: async () => ({ items: [] }),
  myBookings: async () => ({ items: world.mine }),
  bookSlot: vi.fn(),
  cancelBooking: vi.fn(),
  answerMovedBooking: async (id: string, body: { come: boolean }) => {
    world.answers.push({ id, body });
    return (world.answer as (b: unknown) => unknown)(body);
  },
}));

import { copy } from '@/copy/zh-CN';
import { ApiError } from '@/services/api';
import Reception from './index';

const text = copy.reception;

const day: ReceptionDay = {
  id: 'day-1',
  date: '2026-12-26',
  leader: '陈国栋',
  unit: '晋安煤业集团',
  place: '集团信访接待室',
  topics: '工资待遇',
  slots: [{ index: 0, from: '10:00', to: '10:30', capacity: 2, left: 0, ended: false }],
  leaderActive: true,
  cancelReason: null,
  version: 2,
  changedAt: '2026-12-01T01:00:00.000Z',
  changeReason: '领导上午要开会',
};
const moved: Booking = {
  id: 'b1',
  day,
  slot: 0,
  from: '10:00',
  to: '10:30',
  topic: '夜班补贴',
  status: 'active',
  petitionId: null,
  petitionNumber: null,
  notKept: false,
  awaitingAnswer: true,
  confirmed: false,
  expired: false,
  createdAt: '2026-11-30T01:00:00.000Z',
};

let host: HTMLElement;
const render = async (mine: Booking[]) => {
  world.mine = mine;
  host = await mount(createElement(Reception));
};
beforeEach(() => {
  world.answers = [];
});
afterEach(unmount);
const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const press = (id: string) => click(byTestId(id));

describe('a booking the desk’s change moved', () => {
  it('shows the time it holds now, and asks with two large buttons whether the person comes', async () => {
    await render([moved]);
    const asked = byTestId('reception-moved');
    expect(asked?.textContent).toContain('2026年12月26日 10:00–10:30');
    expect(asked?.textContent).toContain('集团信访接待室');
    expect(asked?.textContent).toContain('陈国栋');
    expect(byTestId('reception-moved-come')?.textContent).toBe(text.movedCome);
    expect(byTestId('reception-moved-cancel')?.textContent).toBe(text.movedCancel);
    // Not inline: full-width buttons; the small cancel button gives way to the question.
    for (const id of ['reception-moved-come', 'reception-moved-cancel']) {
      expect(byTestId(id)?.className).toContain('xf-button');
      expect(byTestId(id)?.className).not.toContain('xf-button--inline');
    }
    expect(byTestId('reception-cancel')).toBeNull();
  });

  it('「按新时间来」 sends the day as read; the answered booking asks no more', async () => {
    await render([moved]);
    world.answer = () => {
      world.mine = [{ ...moved, awaitingAnswer: false, confirmed: true }];
      return world.mine[0];
    };
    await press('reception-moved-come');
    expect(world.answers).toEqual([{ id: 'b1', body: { version: 2, come: true } }]);
    expect(byTestId('reception-status')?.textContent).toBe(text.movedComing);
    expect(byTestId('reception-moved')).toBeNull();
    expect(byTestId('reception-booking-confirmed')?.textContent).toBe(text.movedConfirmed);
  });

  it('「不来了」 cancels it; a day changed again meanwhile is said plainly and shown anew', async () => {
    await render([moved]);
    world.answer = () => {
      world.mine = [{ ...moved, day: { ...day, version: 3 }, from: '14:00', to: '14:30' }];
      throw new ApiError('VERSION_CONFLICT', '接访安排又调整了', 409);
    };
    await press('reception-moved-cancel');
    expect(world.answers).toEqual([{ id: 'b1', body: { version: 2, come: false } }]);
    expect(byTestId('reception-status')?.textContent).toBe(text.movedAgain);
    // Reloaded: the new time is asked about, with the new version.
    expect(byTestId('reception-moved-time')?.textContent).toContain('14:00–14:30');
    world.answer = () => {
      world.mine = [{ ...moved, status: 'cancelled', awaitingAnswer: false }];
      return world.mine[0];
    };
    await press('reception-moved-cancel');
    expect(world.answers.at(-1)).toEqual({ id: 'b1', body: { version: 3, come: false } });
    expect(byTestId('reception-status')?.textContent).toBe(text.cancelled);
    expect(byTestId('reception-moved')).toBeNull();
  });

  it('asks nothing of a booking whose time stands', async () => {
    await render([{ ...moved, awaitingAnswer: false }]);
    expect(byTestId('reception-moved')).toBeNull();
    expect(byTestId('reception-cancel')).not.toBeNull();
  });
});
