import type { AdminUnit } from '@xinfang/shared/schemas/admin';
import { describe, expect, it } from 'vitest';
import { treeRows } from './tree';

const unit = (
  id: string,
  parentId: string | null,
  name: string,
  extra: Partial<AdminUnit> = {},
): AdminUnit => ({
  id,
  parentId,
  code: id.toUpperCase(),
  name,
  kind: 'team',
  depth: 0,
  address: null,
  receptionHours: null,
  phone: null,
  sortOrder: 0,
  retired: false,
  receivesPetitions: false,
  letterAddress: null,
  email: null,
  fax: null,
  onlineAddress: null,
  aliases: [],
  openPetitions: 0,
  activeStaff: 0,
  ...extra,
});

const UNITS = [
  unit('mine', null, '东山煤矿'),
  unit('b', 'mine', '掘进区', { sortOrder: 2 }),
  unit('a', 'mine', '综采区', { sortOrder: 1 }),
  unit('a1', 'a', '综采一队'),
  unit('old', 'mine', '旧机电区', { retired: true }),
];

const names = (rows: ReturnType<typeof treeRows>) => rows.map((r) => `${'  '.repeat(r.depth)}${r.unit.name}`);

describe("the administrators' tree of units", () => {
  it('shows each unit under its parent in order, and only below the units opened', () => {
    expect(names(treeRows(UNITS, { expanded: new Set(), includeRetired: false }))).toEqual(['东山煤矿']);
    expect(names(treeRows(UNITS, { expanded: new Set(['mine', 'a']), includeRetired: false }))).toEqual([
      '东山煤矿',
      '  综采区',
      '    综采一队',
      '  掘进区',
    ]);
    expect(names(treeRows(UNITS, { expanded: new Set(['mine']), includeRetired: true }))).toEqual([
      '东山煤矿',
      '  旧机电区',
      '  综采区',
      '  掘进区',
    ]);
  });

  it('finds units by name or code and shows the units above them', () => {
    expect(names(treeRows(UNITS, { expanded: new Set(), includeRetired: false, query: '一队' }))).toEqual([
      '东山煤矿',
      '  综采区',
      '    综采一队',
    ]);
    expect(names(treeRows(UNITS, { expanded: new Set(), includeRetired: false, query: 'b' }))).toEqual([
      '东山煤矿',
      '  掘进区',
    ]);
  });
});
