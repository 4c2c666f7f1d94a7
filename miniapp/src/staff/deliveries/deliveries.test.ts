// @vitest-environment jsdom
import type { PendingDelivery } from '@xinfang/shared/schemas/documents';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount } from '@/testing/page-test';

// The page as the browser's DOM holds it: Taro's View and Text as plain elements, its router and
// page events stubbed, the office's list as the server answers it.
const world = vi.hoisted(() => ({ items: [] as unknown[] }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('../session/use-staff-session', () => ({
  useStaffSession: () => ({ me: { id: 'clerk', roles: ['reception'] }, lost: false }),
}));
vi.mock('../session/roles', () => ({ can: { deliver: () => true } }));
vi.mock('../ui/StaffPage', async () => (await import('@/testing/page-test')).staffPage);
vi.mock('@/services/documents', () => ({
  pendingDeliveries: async () => ({ items: world.items, nextCursor: null }),
}));

import StaffDeliveries from './index';

const BIANG = '𰻞'; // U+30EDE, Extension G: in no font the server has
const ANSWER: PendingDelivery = {
  documentId: 'd1',
  title: '信访事项处理意见书',
  number: '东山信复〔2026〕3号',
  petitionId: 'p1',
  petitionNumber: 'XF2026-000009',
  petitionTitle: '补发夜班加班费',
  petitionerName: `李${BIANG}`,
  issuingUnit: { id: 'ds', code: 'JA-DS', name: '东山煤矿' },
  issuedAt: '2026-03-03T02:00:00.000Z',
  sealed: true,
  unprintable: [],
  ageDays: 2,
  version: 4,
};

let host: HTMLElement;
afterEach(unmount);

/** The hint of each row of the list, in order (null where a row has none). */
async function hints(items: PendingDelivery[]): Promise<(string | null)[]> {
  world.items = items;
  host = await mount(createElement(StaffDeliveries));
  return Array.from(host.querySelectorAll('[data-testid="staff-delivery"]')).map(
    (row) => row.querySelector('[data-testid="staff-delivery-unprintable"]')?.textContent ?? null,
  );
}

describe('the office’s list of answers to deliver, with characters no font has (生僻字)', () => {
  it('tells the clerk who prints and posts it which to write in by hand, as the case’s list does', async () => {
    expect(
      await hints([
        { ...ANSWER, unprintable: [BIANG] },
        { ...ANSWER, documentId: 'd2', petitionNumber: 'XF2026-000010', unprintable: [] },
      ]),
    ).toEqual([`有1个字无法打印，纸上印作“□”：${BIANG}。请在打印件上手写补上。`, null]);
    expect(host.textContent).toContain('XF2026-000010');
  });
});
