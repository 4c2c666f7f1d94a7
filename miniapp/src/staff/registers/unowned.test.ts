// @vitest-environment jsdom
import type { UnownedCase, UnownedCaseList } from '@xinfang/shared/schemas/registers';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The registers page as the browser's DOM holds it: Taro's View and Text as plain elements, the
// session and the API as the test says; the plan editor (a form of its own) left out.
const world = vi.hoisted(() => ({
  roles: ['unit_head'] as string[],
  pages: {} as Record<string, unknown>,
  asked: [] as (string | null)[],
  navigateTo: vi.fn(),
}));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () =>
  (await import('@/testing/page-test')).taroApi({ navigateTo: world.navigateTo }),
);
vi.mock('../session/use-staff-session', () => ({
  useStaffSession: () => ({ me: { id: 'me', roles: world.roles }, lost: false }),
}));
vi.mock('../ui/StaffPage', async () => (await import('@/testing/page-test')).staffPage);
vi.mock('./PlanEditor', () => ({ PlanEditor: () => null }));
vi.mock('@/services/registers', () => ({
  backlogRegister: async () => ({ items: [], longOpenDays: 90 }),
  repeatRegister: async () => ({ items: [], moreThan: 2, periodDays: 365 }),
  unownedCases: async (cursor: string | null) => {
    world.asked.push(cursor);
    return world.pages[cursor ?? ''];
  },
}));

import { staffCopy } from '@/copy/staff';
import { petitionAction } from '../routes';
import StaffRegisters from './index';

const text = staffCopy.unowned;

const item = (id: string, patch: Partial<UnownedCase>): UnownedCase => ({
  case: {
    petitionId: id,
    petitionNumber: `XF2026-${id}`,
    title: '井下通风设备长期故障',
    kind: 'request',
    stage: 'first',
    state: 'handling',
    receivedAt: '2026-03-02T01:00:00.000Z',
    handlingUnit: { id: 'ds', code: 'JA-DS', name: '东山煤矿' },
  },
  reasons: ['overdue'],
  released: null,
  formerLeader: null,
  nextDueAt: '2026-05-06T15:59:59.999Z',
  ageDays: 40,
  plan: null,
  ...patch,
});
const released = item('000001', {
  reasons: ['released', 'overdue'],
  released: {
    leader: { id: 'l1', name: '陈国栋' },
    at: '2026-04-10T02:30:00.000Z',
    reason: '调任新岗位',
  },
});
const left = item('000002', {
  reasons: ['leader_left'],
  formerLeader: { id: 'l2', name: '孙立' },
  nextDueAt: null,
});
const page = (items: UnownedCase[], nextCursor: string | null): UnownedCaseList => ({ items, nextCursor });

let host: HTMLElement;
beforeEach(() => {
  world.roles = ['unit_head'];
  world.pages = { '': page([released], 'eyJrIjoxfQ'), eyJrIjoxfQ: page([left], null) };
  world.asked = [];
  world.navigateTo.mockClear();
});
afterEach(unmount);
const all = (id: string) => Array.from(host.querySelectorAll(`[data-testid="${id}"]`)) as HTMLElement[];
const press = async (id: string) => click(all(id)[0]);
const openTab = async () => {
  host = await mount(createElement(StaffRegisters));
  expect(all('register-unowned')).toEqual([]);
  await press('registers-tab-unowned');
};

describe('待包案, a tab of the registers page (Art 18)', () => {
  it('says why each case needs a leader, who handed it back, when and why, a page at a time', async () => {
    await openTab();
    expect(all('register-backlog')).toEqual([]);
    expect(all('register-unowned-reason').map((n) => n.textContent)).toEqual([
      text.reasons.released,
      text.reasons.overdue,
    ]);
    expect(all('register-unowned-released').map((n) => n.textContent)).toEqual([
      text.released('陈国栋', '2026年4月10日 10:30', '调任新岗位'),
    ]);
    expect(all('register-unowned-item')[0]?.textContent).toContain(text.due('2026年5月6日'));

    await press('register-unowned-more');
    expect(world.asked).toEqual([null, 'eyJrIjoxfQ']);
    expect(all('register-unowned-item').map((n) => n.getAttribute('data-number'))).toEqual([
      'XF2026-000001',
      'XF2026-000002',
    ]);
    expect(all('register-unowned-former').map((n) => n.textContent)).toEqual([text.formerLeader('孙立')]);
    expect(all('register-unowned-item')[1]?.textContent).toContain(text.age(40));
    expect(all('register-unowned-more')).toEqual([]);
  });

  it('lets a leader take a case through its own 包案 action; others only read', async () => {
    await openTab();
    await press('register-unowned-take');
    expect(world.navigateTo).toHaveBeenCalledWith({ url: petitionAction('000001', 'take_case') });

    await unmount();
    world.roles = ['reception'];
    await openTab();
    expect(all('register-unowned-item')).toHaveLength(1);
    expect(all('register-unowned-take')).toEqual([]);
  });

  it('shows a case once when a later page has it again, where and as that page says', async () => {
    // Its deadline was extended between pages: it stands further down now, for one reason less.
    const moved = { ...released, reasons: ['released'] } satisfies UnownedCase;
    world.pages = { '': page([released, left], 'eyJrIjoyfQ'), eyJrIjoyfQ: page([moved], null) };
    await openTab();
    await press('register-unowned-more');
    expect(all('register-unowned-item').map((n) => n.getAttribute('data-number'))).toEqual([
      'XF2026-000002',
      'XF2026-000001',
    ]);
    expect(all('register-unowned-reason').map((n) => n.textContent)).toEqual([
      text.reasons.leader_left,
      text.reasons.released,
    ]);
  });
});
