import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it, vi } from 'vitest';
import { staffLinesOf } from './StaffTimeline';

vi.mock('@tarojs/components', () => ({ Text: () => null, View: () => null }));
// A step's photos load through the Taro runtime, which needs the app's build.
vi.mock('@/ui/EventAttachments', () => ({ EventAttachments: () => null }));
// The action form's option labels; its fields need the Taro runtime.
vi.mock('./ActionForm', () => ({ optionLabel: (_: string, value: string) => value }));

const unitName = () => '?';

describe('a 包案 handed back (交出包案, Art 18)', () => {
  it('says why, and that the case waits for another leader', () => {
    const released = {
      type: 'case_released',
      data: { reason: '调任新岗位，不再分管安全生产' },
    } as unknown as TimelineEvent;
    expect(staffLinesOf(released, unitName)).toEqual([
      '理由：调任新岗位，不再分管安全生产',
      '本件暂无包案领导，可由其他领导包案',
    ]);
  });
});

describe('a visit a leader received on his reception day (Art 18)', () => {
  it('names the leader and the day before the registration', () => {
    const registered = {
      type: 'registered',
      data: {
        kind: 'request',
        channel: 'visit',
        receivedByLeader: { leaderId: 'L1', leaderName: '陈国栋', dayId: 'D1', date: '2026-12-01' },
      },
    } as unknown as TimelineEvent;
    const lines = staffLinesOf(registered, unitName);
    expect(lines[0]).toBe('领导接访：陈国栋，2026年12月1日');
    expect(staffLinesOf({ ...registered, data: { kind: 'request' } }, unitName)).not.toContainEqual(
      expect.stringContaining('领导接访'),
    );
  });
});
