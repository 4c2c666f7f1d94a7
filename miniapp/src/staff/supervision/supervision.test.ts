// @vitest-environment jsdom
import type { EscalatedCase, SupervisionList, SupervisionNotice } from '@xinfang/shared/schemas/supervision';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The page as the browser's DOM holds it: Taro's View and Text as plain elements, its router and
// page events stubbed, the API and the session as the test says.
const world = vi.hoisted(() => ({
  list: null as unknown as SupervisionList,
  reviewed: [] as { petitionId: string; no: number; body: unknown }[],
  acknowledged: [] as string[],
  me: { id: 'sup', roles: ['supervisor'] as string[] },
}));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('../session/use-staff-session', () => ({
  useStaffSession: () => ({ me: world.me, lost: false }),
}));
vi.mock('../ui/StaffPage', async () => (await import('@/testing/page-test')).staffPage);
vi.mock('@/services/supervision', () => ({
  supervisionList: async () => world.list,
  reviewSupervision: async (petitionId: string, no: number, body: unknown) => {
    world.reviewed.push({ petitionId, no, body });
    return {};
  },
  acknowledgeSupervision: async (petitionId: string, no: number) => {
    world.acknowledged.push(`${petitionId}#${no}`);
    return {};
  },
  acknowledgeEscalation: async (id: string) => {
    world.acknowledged.push(id);
    return {};
  },
}));

import StaffSupervision from './index';

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
  acknowledged: { at: '2026-03-03T01:00:00.000Z', by: '刘洋' },
  unacknowledgedDays: null,
  mayAcknowledge: false,
  issuingUnit: { id: 'ja', name: '集团信访办' },
  requirements: '请说明工资核实进度。',
  answer: '已核实考勤，三月十五日前补发。',
});

/** A notice to the viewer's unit, not yet acknowledged: 签收 is offered. */
const waiting = (petitionNumber: string): SupervisionNotice => ({
  ...answered(petitionNumber, false),
  status: 'open',
  answeredAt: null,
  acknowledged: null,
  unacknowledgedDays: 3,
  mayAcknowledge: true,
});

/** A red step two working days unacknowledged, and whether the viewer is the head it reached. */
const red = (petitionNumber: string, mayAcknowledge: boolean): EscalatedCase => ({
  petitionId: petitionNumber,
  petitionNumber,
  petitionTitle: '拖欠工资',
  open: true,
  escalation: {
    id: `step-${petitionNumber}`,
    clock: 'handling',
    deadline: '办理期限',
    level: 1,
    flag: 'red',
    unit: { id: 'ds', name: '东山煤矿' },
    dueDate: '2026-03-10',
    reachedAt: '2026-03-11T01:00:00.000Z',
    withdrawnAt: null,
    acknowledged: null,
    unacknowledgedDays: 2,
    mayAcknowledge,
  },
});

let host: HTMLElement;
beforeEach(async () => {
  world.list = {
    notices: [answered('XF2026-000001', true), answered('XF2026-000002', false)],
    escalated: [],
  };
  world.reviewed = [];
  world.acknowledged = [];
  host = await mount(createElement(StaffSupervision));
});
afterEach(unmount);

const row = (number: string) =>
  host.querySelector(`[data-testid="supervision-notice"][data-number="${number}"]`) as HTMLElement;

describe('the supervisor’s list', () => {
  it('offers the review only on the notices the server says the viewer reviews (the issuing unit)', async () => {
    expect(row('XF2026-000001').querySelector('[data-testid="supervision-approve"]')).not.toBeNull();
    // The answer under review is read on the row before either decision.
    expect(row('XF2026-000001').querySelector('[data-testid="supervision-notice-answer"]')?.textContent).toBe(
      '书面答复：已核实考勤，三月十五日前补发。',
    );
    expect(row('XF2026-000001').querySelector('[data-testid="supervision-return"]')).not.toBeNull();
    // Another unit's notice: a supervisor sees it answered, but pressing would only be refused.
    expect(row('XF2026-000002').querySelector('[data-testid="supervision-approve"]')).toBeNull();
    expect(row('XF2026-000002').querySelector('[data-testid="supervision-return"]')).toBeNull();
    expect(row('XF2026-000002').textContent).toContain('待审核');

    await click(row('XF2026-000001').querySelector('[data-testid="supervision-approve"]'));
    expect(world.reviewed).toEqual([{ petitionId: 'XF2026-000001', no: 1, body: { decision: 'approved' } }]);
  });
});

describe('签收', () => {
  const escalated = (number: string) =>
    host.querySelector(`[data-testid="supervision-escalated-case"][data-number="${number}"]`) as HTMLElement;
  const render = async (list: SupervisionList) => {
    world.list = list;
    await mount(createElement('div'));
    await mount(createElement(StaffSupervision));
  };

  it('shows who signed a notice, or for how long nobody has, and offers 签收 to its unit only', async () => {
    await render({ notices: [answered('XF2026-000001', false), waiting('XF2026-000003')], escalated: [] });
    expect(row('XF2026-000001').textContent).toContain('刘洋于');
    expect(row('XF2026-000001').querySelector('[data-testid="supervision-notice-receipt-ack"]')).toBeNull();
    expect(row('XF2026-000003').textContent).toContain('未签收，已3个工作日');
    await click(row('XF2026-000003').querySelector('[data-testid="supervision-notice-receipt-ack"]'));
    expect(world.acknowledged).toEqual(['XF2026-000003#1']);
  });

  it('shows a red step unacknowledged to the supervisor, and 签收 to the head it reached', async () => {
    await render({ notices: [], escalated: [red('XF2026-000004', false), red('XF2026-000005', true)] });
    expect(escalated('XF2026-000004').textContent).toContain('未签收，已2个工作日');
    expect(
      escalated('XF2026-000004').querySelector('[data-testid="supervision-escalated-receipt-ack"]'),
    ).toBeNull();
    await click(
      escalated('XF2026-000005').querySelector('[data-testid="supervision-escalated-receipt-ack"]'),
    );
    expect(world.acknowledged).toEqual(['step-XF2026-000005']);
  });
});
