// @vitest-environment jsdom
import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, mount, unmount } from '@/testing/page-test';

// The desk's visit form as the browser's DOM holds it: the text fields as plain text areas, the
// unit picker and the scans as buttons that choose, the API as the test says.
const world = vi.hoisted(() => ({ sent: [] as { body: Record<string, unknown>; key: string }[] }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/ui/TextField', async () => {
  const { createElement: h } = await import('react');
  return {
    TextField: ({ label, value, onChange, error, testId }: Record<string, unknown>) =>
      h(
        'label',
        {},
        String(label),
        h('textarea', {
          'data-testid': testId,
          value,
          onChange: (e: { target: { value: string } }) => (onChange as (v: string) => void)(e.target.value),
        }),
        error ? h('span', { role: 'alert' }, String(error)) : null,
      ),
  };
});
vi.mock('@/features/submission/UnitPicker', async () => {
  const { createElement: h } = await import('react');
  return {
    UnitPicker: ({ onChange, error }: { onChange: (id: string) => void; error?: string | null }) =>
      h(
        'div',
        {},
        h('button', { 'data-testid': 'unit-pick', onClick: () => onChange('aqk') }),
        error ? h('span', { role: 'alert', 'data-testid': 'unit-error' }, error) : null,
      ),
  };
});
vi.mock('../register/Scans', async () => {
  const { createElement: h } = await import('react');
  return {
    Scans: ({ commit }: { commit: (change: (d: { attachments: unknown[] }) => unknown) => void }) =>
      h('button', {
        'data-testid': 'scan-add',
        onClick: () => commit((d) => ({ ...d, attachments: [...d.attachments, { id: 'scan-1' }] })),
      }),
  };
});
vi.mock('../ui/StaffPage', async () => (await import('@/testing/page-test')).staffPage);
vi.mock('@/services/org', () => ({
  getCategories: async () => [{ code: 'wages', name: '工资待遇' }],
  getUnits: async () => [],
}));
vi.mock('@/services/reception', () => ({
  registerBookedVisit: async (_day: string, _booking: string, body: Record<string, unknown>, key: string) => {
    world.sent.push({ body, key });
    return { petition: { number: 'XF2026-000009' } };
  },
}));

import { VisitForm } from './VisitForm';

const day = { id: 'day-1', date: '2026-12-02' } as ReceptionDay;
const booking = { id: 'b1', day, topic: '夜班补贴三个月未发放' } as Booking;

let host: HTMLElement;
const done = vi.fn();
beforeEach(async () => {
  world.sent = [];
  host = await mount(createElement(VisitForm, { dayId: day.id, booking, onDone: done }));
});
afterEach(unmount);
const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const type = async (id: string, text: string) => {
  const area = byTestId(id) as HTMLTextAreaElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, text);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

describe('the visit a leader received, registered from its booking', () => {
  it('asks the unit it is about, as the walk-in form does, before anything is sent', async () => {
    await click(byTestId('reception-visit-category-wages'));
    await click(byTestId('reception-visit-save'));
    expect(world.sent).toEqual([]);
    expect(byTestId('unit-error')).not.toBeNull();
    expect(byTestId('reception-visit-problems')).not.toBeNull();
  });

  it('sends the unit, the materials and a group with its representatives (Art 20)', async () => {
    await click(byTestId('reception-visit-category-wages'));
    await click(byTestId('unit-pick'));
    await click(byTestId('scan-add'));
    await click(byTestId('reception-visit-collective'));
    await type('reception-visit-headcount', '6');
    await type('reception-visit-rep-0', '张建华');
    await click(byTestId('reception-visit-save'));
    expect(world.sent).toEqual([
      {
        key: expect.any(String),
        body: {
          kind: 'request',
          categoryCode: 'wages',
          concernedUnitId: 'aqk',
          title: '夜班补贴三个月未发放',
          content: '夜班补贴三个月未发放',
          attachmentIds: ['scan-1'],
          headcount: 6,
          representatives: ['张建华'],
        },
      },
    ]);
    expect(done).toHaveBeenCalledWith({ petition: { number: 'XF2026-000009' } });
  });
});
