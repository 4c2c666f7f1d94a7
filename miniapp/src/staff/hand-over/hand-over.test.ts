// @vitest-environment jsdom
import type { HandOverPlan } from '@xinfang/shared/schemas/hand-over';
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The page as the browser's DOM holds it: Taro's View and Text as plain elements, its router and
// page events stubbed, the API and the session as the test says.
const world = vi.hoisted(() => ({
  plan: null as unknown as HandOverPlan,
  sent: [] as { id: string; body: unknown; key: string }[],
  answer: null as null | (() => Promise<unknown>),
  me: { id: 'head', roles: ['unit_head'] as string[] },
}));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () =>
  (await import('@/testing/page-test')).taroApi({ params: { id: 'zhang' } }),
);
vi.mock('@/ui/TextField', async () => {
  const { createElement: h } = await import('react');
  return {
    TextField: ({ label, value, onChange, error }: Record<string, unknown>) =>
      h(
        'label',
        {},
        String(label),
        h('textarea', {
          'aria-label': label,
          value,
          onChange: (e: { target: { value: string } }) => (onChange as (v: string) => void)(e.target.value),
        }),
        error ? h('span', { role: 'alert' }, String(error)) : null,
      ),
  };
});
vi.mock('../session/use-staff-session', () => ({
  useStaffSession: () => ({ me: world.me, lost: false }),
}));
vi.mock('../ui/StaffPage', async () => (await import('@/testing/page-test')).staffPage);
vi.mock('../services/staff-api', () => ({
  handOverPlan: async () => world.plan,
  handOver: async (id: string, body: unknown, key: string) => {
    world.sent.push({ id, body, key });
    return (world.answer as () => Promise<unknown>)();
  },
}));

import { ApiError } from '@/services/api';
import StaffHandOver from './index';

const PLAN: HandOverPlan = {
  person: {
    id: 'zhang',
    displayName: '张工',
    unit: { id: 'aqk', code: 'JA-DS-AQK', name: '东山煤矿安全科' },
  },
  cases: {
    total: 2,
    petitions: [
      { number: 'XF2026-000001', state: 'handling' },
      { number: 'XF2026-000002', state: 'handling' },
    ],
  },
  blocked: [],
  successors: [
    { id: 'wang', displayName: '王工' },
    { id: 'li', displayName: '李工' },
  ],
  planVersion: 'v1',
};

let host: HTMLElement;
beforeEach(async () => {
  world.plan = PLAN;
  world.sent = [];
  world.me = { id: 'head', roles: ['unit_head'] };
  host = await mount(createElement(StaffHandOver));
});
afterEach(unmount);

const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const press = (id: string) => click(byTestId(id));
const choose = (name: string) =>
  click(Array.from(host.querySelectorAll('[role="radio"]')).find((r) => r.textContent?.includes(name)));
const write = (text: string) =>
  act(async () => {
    const area = host.querySelector('textarea') as HTMLTextAreaElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setter?.call(area, text);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('the hand-over page', () => {
  it('lists the cases, asks for a successor and a reason, then confirms how many move to whom', async () => {
    expect(byTestId('staff-hand-over-cases')?.textContent).toBe('XF2026-000001XF2026-000002');
    await press('staff-hand-over-submit');
    expect(host.textContent).toContain('请选择接手的承办人');
    expect(host.textContent).toContain('请写明移交理由');
    expect(world.sent).toEqual([]);

    await choose('王工');
    await write('调往机电科');
    await press('staff-hand-over-submit');
    expect(byTestId('staff-hand-over-question')?.textContent).toBe(
      '确认把这 2 件信访事项全部交给 王工 承办吗？',
    );
    expect(world.sent).toEqual([]);

    world.answer = async () => ({ successor: { id: 'wang', displayName: '王工' }, cases: PLAN.cases });
    await press('staff-hand-over-confirm');
    expect(world.sent).toEqual([
      {
        id: 'zhang',
        body: { successorId: 'wang', reason: '调往机电科', planVersion: 'v1' },
        key: expect.any(String),
      },
    ]);
    expect(byTestId('staff-hand-over-done')?.textContent).toBe(
      '已把 2 件信访事项交给 王工 承办，双方都已收到通知。',
    );
  });

  it('shows a refusal in the server’s words, with the cases it names, and sends the next try afresh', async () => {
    await choose('李工');
    await write('调岗');
    await press('staff-hand-over-submit');
    const refusal =
      '1 件信访事项不能交给所选人员承办，全部未移交。该人员与本件有直接利害关系：信访事项 XF2026-000002';
    world.answer = async () => {
      throw new ApiError('LIFECYCLE_REFUSED', refusal, 422);
    };
    await press('staff-hand-over-confirm');
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(refusal);
    expect(byTestId('staff-hand-over-done')).toBeNull();

    await press('staff-hand-over-submit');
    await press('staff-hand-over-confirm');
    const [first, second] = world.sent;
    expect(second?.key).not.toBe(first?.key);
  });

  it('says when nobody may take every case, and offers no form', async () => {
    world.plan = { ...PLAN, successors: [] };
    await unmount();
    host = await mount(createElement(StaffHandOver));
    expect(byTestId('staff-hand-over-no-successor')?.textContent).toContain('逐件指定承办人');
    expect(byTestId('staff-hand-over-submit')).toBeNull();
  });

  it('names the cases that cannot move now, and why; when the plan changed, shows the new one', async () => {
    const why = '本单位对这件交办提出了异议，要等信访部门处理异议';
    world.plan = { ...PLAN, blocked: [{ number: 'XF2026-000003', state: 'objected', why }] };
    await unmount();
    host = await mount(createElement(StaffHandOver));
    expect(byTestId('staff-hand-over-blocked')?.textContent).toBe(`XF2026-000003：${why}`);
    expect(byTestId('staff-hand-over-cases')?.textContent).toBe('XF2026-000001XF2026-000002');

    await choose('王工');
    await write('调岗');
    await press('staff-hand-over-submit');
    // Meanwhile a third case was assigned to him: the server refuses, the page shows it.
    const late = { number: 'XF2026-000004', state: 'handling' };
    world.answer = async () => {
      world.plan = {
        ...world.plan,
        cases: { total: 3, petitions: [...PLAN.cases.petitions, late] },
        planVersion: 'v2',
      };
      throw new ApiError('VERSION_CONFLICT', '又有新的变化，请再看一下', 409);
    };
    await press('staff-hand-over-confirm');
    expect(byTestId('staff-hand-over-changed')?.textContent).toContain('又有新的变化，请再看一下');
    expect(byTestId('staff-hand-over-cases')?.textContent).toContain('XF2026-000004');
    expect(byTestId('staff-hand-over-done')).toBeNull();

    world.answer = async () => ({ successor: { id: 'wang', displayName: '王工' }, cases: world.plan.cases });
    await press('staff-hand-over-submit');
    expect(byTestId('staff-hand-over-question')?.textContent).toContain('这 3 件');
    await press('staff-hand-over-confirm');
    expect(world.sent.map((s) => (s.body as { planVersion: string }).planVersion)).toEqual(['v1', 'v2']);
  });
});
