// @vitest-environment jsdom
import type { SupervisionNotice } from '@xinfang/shared/schemas/supervision';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The card as the browser's DOM holds it: Taro's View and Text as plain elements, the API as the
// test says.
const world = vi.hoisted(() => ({ items: [] as SupervisionNotice[], acknowledged: [] as string[] }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/services/supervision', () => ({
  supervisionNoticesOf: async () => ({ items: world.items }),
  acknowledgeSupervision: async (petitionId: string, no: number) => {
    world.acknowledged.push(`${petitionId}#${no}`);
    // The server signs it: the card reads the notices again.
    world.items = world.items.map((n) =>
      n.no === no
        ? { ...n, acknowledged: { at: '2026-03-04T02:00:00.000Z', by: '周涛' }, mayAcknowledge: false }
        : n,
    );
    return {};
  },
}));

import { SupervisionNoticesCard } from './SupervisionNoticesCard';

const notice = (no: number, over: Partial<SupervisionNotice>): SupervisionNotice => ({
  petitionId: 'p1',
  petitionNumber: 'XF-2026-0001',
  petitionTitle: '拖欠工资',
  no,
  unit: { id: 'aqk', code: 'JA-DS-AQK', name: '东山煤矿安全科' },
  concern: 'delay',
  issuedAt: '2026-03-02T01:00:00.000Z',
  dueDate: '2026-03-10',
  status: 'open',
  answeredAt: null,
  reviewNote: null,
  documentId: null,
  mayReview: false,
  acknowledged: null,
  unacknowledgedDays: 2,
  mayAcknowledge: true,
  issuingUnit: { id: 'ds', name: '东山煤矿' },
  requirements: '请说明核查进度。',
  answer: null,
  ...over,
});

beforeEach(() => {
  world.items = [
    notice(1, {
      status: 'approved',
      answeredAt: '2026-03-03T01:00:00.000Z',
      answer: '已核实考勤。',
      reviewNote: '答复属实。',
      acknowledged: { at: '2026-03-02T03:00:00.000Z', by: '刘洋' },
      unacknowledgedDays: null,
      mayAcknowledge: false,
      issuingUnit: { id: 'ja', name: '集团信访办' },
      requirements: '请说明受理进度。',
    }),
    notice(2, {}),
  ];
  world.acknowledged = [];
});
afterEach(unmount);

const rows = (host: HTMLElement) => [...host.querySelectorAll('[data-testid="staff-supervision-notice"]')];

describe('a case’s 督办单', () => {
  it('say who asked what by when, where each stands, its 签收, answer and review', async () => {
    const host = await mount(
      createElement(SupervisionNoticesCard, {
        petitionId: 'p1',
        version: 3,
        answerable: [2],
        onAnswer: vi.fn(),
      }),
    );
    const [approved, open] = rows(host);
    expect(approved?.textContent).toContain('第1号督办单');
    expect(approved?.textContent).toContain('已办结');
    expect(approved?.textContent).toContain('集团信访办督办东山煤矿安全科');
    expect(approved?.textContent).toContain('督办要求（拖延办理）：请说明受理进度。');
    expect(approved?.textContent).toContain('刘洋于');
    expect(approved?.textContent).toContain('书面答复：已核实考勤。');
    expect(approved?.textContent).toContain('审核通过：答复属实。');
    expect(open?.textContent).toContain('待答复');
    expect(open?.textContent).toContain('未签收，已2个工作日');
  });

  it('offer 签收 to whom the server lets sign, then say who signed; the answer to whom may answer', async () => {
    const onAnswer = vi.fn();
    const host = await mount(
      createElement(SupervisionNoticesCard, { petitionId: 'p1', version: 3, answerable: [2], onAnswer }),
    );
    const acks = () => [...host.querySelectorAll('[data-testid="staff-supervision-notice-receipt-ack"]')];
    expect(acks()).toHaveLength(1);
    await click(acks()[0]);
    expect(world.acknowledged).toEqual(['p1#2']);
    expect(rows(host)[1]?.textContent).toContain('周涛于');
    expect(acks()).toEqual([]);

    const answers = [...host.querySelectorAll('[data-testid="staff-supervision-notice-answer-open"]')];
    expect(answers).toHaveLength(1); // the approved one asks for nothing more
    await click(answers[0]);
    expect(onAnswer).toHaveBeenCalledWith(2);
  });

  it('is left out when the case has none, and offers no answer to whom may not give it', async () => {
    world.items = [notice(1, { mayAcknowledge: false })];
    const host = await mount(
      createElement(SupervisionNoticesCard, {
        petitionId: 'p1',
        version: 3,
        answerable: [],
        onAnswer: vi.fn(),
      }),
    );
    expect(host.querySelector('[data-testid="staff-supervision-notice-receipt-ack"]')).toBeNull();
    expect(host.querySelector('[data-testid="staff-supervision-notice-answer-open"]')).toBeNull();
    world.items = [];
    await unmount();
    const empty = await mount(
      createElement(SupervisionNoticesCard, {
        petitionId: 'p2',
        version: 1,
        answerable: [],
        onAnswer: vi.fn(),
      }),
    );
    expect(empty.querySelector('[data-testid="staff-supervision-notices"]')).toBeNull();
  });
});
