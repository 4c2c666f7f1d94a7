import type { SensitivePeriodView } from '@xinfang/shared/schemas/screening';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTopUnit, periodRows, withdrawalReasonProblem } from './sensitive-periods';

const period = (id: string, from: string, to: string): SensitivePeriodView => ({
  id,
  name: `敏感期${id}`,
  from,
  to,
  declaredAt: '2026-11-01T01:00:00.000Z',
  withdrawalReason: null,
});

describe('who may declare and withdraw a sensitive period', () => {
  const units = [
    { id: 'group', parentId: null },
    { id: 'mine', parentId: 'group' },
    { id: 'section', parentId: 'mine' },
  ];
  it('a supervisor of the group itself, not of a unit below it', () => {
    expect(isTopUnit(units, 'group')).toBe(true);
    expect(isTopUnit(units, 'mine')).toBe(false);
    expect(isTopUnit(units, 'section')).toBe(false);
  });
  it('nobody, while the units are not known or the unit is not among them', () => {
    expect(isTopUnit([], 'group')).toBe(false);
    expect(isTopUnit(units, 'elsewhere')).toBe(false);
  });
});

describe('the periods the office may withdraw', () => {
  const today = '2026-11-04';
  it('one not begun or under way may be withdrawn; one over may not', () => {
    const rows = periodRows(
      [
        period('a', '2026-11-01', '2026-11-03'),
        period('b', '2026-11-03', today),
        period('c', '2026-11-20', '2026-11-24'),
      ],
      {},
      today,
    );
    expect(rows.map((r) => [r.period.id, r.withdrawable, r.withdrawal])).toEqual([
      ['a', false, null],
      ['b', true, null],
      ['c', true, null],
    ]);
  });
  it('one withdrawn here shows its reason and is not offered again', () => {
    const [row] = periodRows([period('b', '2026-11-03', today)], { b: '汛情解除' }, today);
    expect(row).toMatchObject({ withdrawal: '汛情解除', withdrawable: false });
  });
  it('one the list says was withdrawn shows the server’s reason, after a reload too', () => {
    const withdrawn = { ...period('b', '2026-11-03', today), withdrawalReason: '会议提前结束' };
    const [row] = periodRows([withdrawn], {}, today);
    expect(row).toMatchObject({ withdrawal: '会议提前结束', withdrawable: false });
  });
  it('for every period and day: withdrawable exactly when not withdrawn here and not over', () => {
    const day = fc
      .integer({ min: 0, max: 60 })
      .map((n) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, fc.option(fc.string({ minLength: 1 })), (from, to, now, reason) => {
        const withdrawn: Record<string, string> = reason === null ? {} : { x: reason };
        const [row] = periodRows([period('x', from, to)], withdrawn, now);
        expect(row?.withdrawable).toBe(reason === null && to >= now);
        expect(row?.withdrawal).toBe(reason);
      }),
    );
  });
});

describe('the reason for a withdrawal', () => {
  it('is required: blank or spaces are refused before sending', () => {
    expect(withdrawalReasonProblem('')).toBe('请写明撤回的理由');
    expect(withdrawalReasonProblem(' \n ')).toBe('请写明撤回的理由');
    expect(withdrawalReasonProblem('会议改期')).toBeNull();
  });
});
