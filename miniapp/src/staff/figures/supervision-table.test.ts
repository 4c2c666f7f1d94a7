// @vitest-environment jsdom
import type { SupervisionFigures, SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount } from '@/testing/page-test';

vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());

import { SupervisionTable } from './SupervisionTable';

/** A unit with one 督办单 overdue, its other figures nothing. */
const supervisedUnit = (over: Partial<SupervisionFiguresRow> = {}): SupervisionFiguresRow => ({
  unitId: 'aqk',
  label: '东山煤矿安全科',
  yellow: 0,
  red: 0,
  redLevels: [],
  redAcknowledged: 0,
  acknowledgeDays: { median: null, longest: null },
  notices: { issued: 1, answeredOnTime: 0, answeredLate: 0, waiting: 0, overdue: 1, ended: 0, returned: 0 },
  casesSupervised: 1,
  ...over,
});

const figures = (rows: SupervisionFigures['rows']): SupervisionFigures => ({
  unit: { id: 'ds', name: '东山煤矿' },
  subtree: true,
  period: { from: '2026-03-01', to: '2026-03-31' },
  today: '2026-03-31',
  rows,
  total: supervisedUnit({ unitId: 'ds', label: '合计' }),
});

afterEach(unmount);

describe('the 督办通报 section', () => {
  it('lists the units in the server’s order (worst first) over their total, each cell named', async () => {
    const host = await mount(
      createElement(SupervisionTable, {
        figures: figures([supervisedUnit(), supervisedUnit({ unitId: 'zc', label: '综采一队' })]),
      }),
    );
    const rows = [...host.querySelectorAll('[data-testid="staff-figures-supervision-row"]')];
    expect(rows.map((r) => r.getAttribute('data-unit'))).toEqual(['aqk', 'zc']);
    const overdue = rows[0]?.querySelector('[data-column="overdue"]');
    expect(overdue?.textContent).toBe('超期未答复1');
    const total = host.querySelector('[data-testid="staff-figures-supervision-total"]');
    expect(total?.textContent).toContain('合计');
    expect(host.textContent).toContain('未答复的算到 2026-03-31');
  });

  it('says plainly when nothing was raised or issued', async () => {
    const host = await mount(createElement(SupervisionTable, { figures: figures([]) }));
    expect(host.querySelector('[data-testid="staff-figures-supervision-none"]')?.textContent).toBe(
      '这段时间没有亮灯，也没有下发督办单。',
    );
    expect(host.querySelector('[data-testid="staff-figures-supervision-total"]')).toBeNull();
  });
});
