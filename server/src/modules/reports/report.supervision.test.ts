import type { SupervisionFigures, SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import { describe, expect, it } from 'vitest';
import { supervisionSection } from './report.supervision';

const row = (label: string, overdue: number, extra: Partial<SupervisionFiguresRow> = {}) => ({
  unitId: label,
  label,
  yellow: 1,
  red: 2,
  redLevels: [{ level: 1, steps: 2 }],
  redAcknowledged: 1,
  acknowledgeDays: { median: 3, longest: 3 },
  notices: { issued: 4, answeredOnTime: 1, answeredLate: 1, waiting: 0, overdue, ended: 0, returned: 1 },
  casesSupervised: 3,
  ...extra,
});

const figures = (rows: SupervisionFiguresRow[], subtree: boolean): SupervisionFigures => ({
  unit: { id: 'G', name: '晋安煤业集团' },
  subtree,
  period: { from: '2026-03-01', to: '2026-03-31' },
  today: '2026-03-20',
  rows,
  total: row('合计', 3, { acknowledgeDays: { median: 2.5, longest: 4 } }),
});

describe('附表 督办通报', () => {
  it('lists the units in the figures’ order with the columns of the 督办通报 card, the total last', () => {
    const section = supervisionSection(figures([row('西河煤矿', 2), row('东山煤矿', 1)], true));
    expect(section.heading).toBe('附表　督办通报');
    expect(section.table?.head).toEqual([
      '单位',
      '黄灯',
      '红灯',
      '红灯已签收',
      '督办单',
      '按期答复',
      '逾期答复',
      '超期未答复',
      '退回重答',
      '督办事项',
    ]);
    expect(section.table?.rows.map((cells) => cells[0])).toEqual(['西河煤矿', '东山煤矿', '合计']);
    expect(section.table?.rows[0]).toEqual(['西河煤矿', '1', '2', '1/2', '4', '1', '1', '2', '1', '3']);
    expect(section.paragraphs.join('')).toContain('未答复的算到 2026-03-20');
    expect(section.paragraphs.join('')).toContain('红灯一半在2.5个工作日内签收，最长4个工作日');
  });

  it('prints a unit’s own row without a total that repeats it', () => {
    const section = supervisionSection(figures([row('西河煤矿安全科', 0)], false));
    expect(section.table?.rows.map((cells) => cells[0])).toEqual(['西河煤矿安全科']);
  });

  it('says in one line, without a table, that nothing was lit or issued', () => {
    expect(supervisionSection(figures([], true))).toEqual({
      heading: '附表　督办通报',
      paragraphs: ['本期没有亮灯，也没有下发督办单。'],
    });
  });
});
