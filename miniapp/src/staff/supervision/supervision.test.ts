// @vitest-environment jsdom
import type { SupervisionList, SupervisionNotice } from '@xinfang/shared/schemas/supervision';
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The page as the browser's DOM holds it: Taro's View and Text as plain elements, its router and
// page events stubbed, the API and the session as the test says.
const world = vi.hoisted(() => ({
  list: null as unknown as SupervisionList,
  reviewed: [] as { petitionId: string; no: number; body: unknown }[],
  me: { id: 'sup', roles: ['supervisor'] as string[] },
}));
vi.mock('@tarojs/components', async () => {
  const { createElement: h } = await import('react');
  const element =
    (tag: string) =>
    ({ children, className: _c, ...props }: Record<string, unknown> & { children?: ReactNode }) =>
      h(tag, props, children);
  return { View: element('div'), Text: element('span') };
});
vi.mock('@tarojs/taro', () => ({
  default: { navigateTo: vi.fn(), stopPullDownRefresh: () => {} },
  useRouter: () => ({ params: {} }),
  useDidShow: () => {},
  usePullDownRefresh: () => {},
}));
vi.mock('../session/use-staff-session', () => ({
  useStaffSession: () => ({ me: world.me, lost: false }),
}));
vi.mock('../ui/StaffPage', async () => {
  const { createElement: h } = await import('react');
  return {
    StaffPage: ({ children }: { children: ReactNode }) => h('main', {}, children),
    StaffError: ({ error }: { error: Error }) => h('p', { role: 'alert' }, error.message),
  };
});
vi.mock('@/services/supervision', () => ({
  supervisionList: async () => world.list,
  reviewSupervision: async (petitionId: string, no: number, body: unknown) => {
    world.reviewed.push({ petitionId, no, body });
    return {};
  },
}));

import StaffSupervision from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const answered = (petitionNumber: string, mayReview: boolean): SupervisionNotice => ({
  petitionId: petitionNumber,
  petitionNumber,
  petitionTitle: '拖欠工资',
  no: 1,
  unit: { id: 'aqk', code: 'JA-DS-AQK', name: '东山煤矿安全科' },
  concern: 'delay',
  issuedAt: '2026-03-02T01:00:00.000Z',
  dueDate: '2026-03-10',
  status: 'answered',
  answeredAt: '2026-03-05T01:00:00.000Z',
  reviewNote: null,
  documentId: null,
  mayReview,
});

let root: Root;
let host: HTMLElement;
beforeEach(async () => {
  world.list = {
    notices: [answered('XF2026-000001', true), answered('XF2026-000002', false)],
    escalated: [],
  };
  world.reviewed = [];
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root.render(createElement(StaffSupervision)));
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

const row = (number: string) =>
  host.querySelector(`[data-testid="supervision-notice"][data-number="${number}"]`) as HTMLElement;

describe('the supervisor’s list', () => {
  it('offers the review only on the notices the server says the viewer reviews (the issuing unit)', async () => {
    expect(row('XF2026-000001').querySelector('[data-testid="supervision-approve"]')).not.toBeNull();
    expect(row('XF2026-000001').querySelector('[data-testid="supervision-return"]')).not.toBeNull();
    // Another unit's notice: a supervisor sees it answered, but pressing would only be refused.
    expect(row('XF2026-000002').querySelector('[data-testid="supervision-approve"]')).toBeNull();
    expect(row('XF2026-000002').querySelector('[data-testid="supervision-return"]')).toBeNull();
    expect(row('XF2026-000002').textContent).toContain('待审核');

    await act(async () =>
      (row('XF2026-000001').querySelector('[data-testid="supervision-approve"]') as HTMLElement).click(),
    );
    expect(world.reviewed).toEqual([{ petitionId: 'XF2026-000001', no: 1, body: { decision: 'approved' } }]);
  });
});
