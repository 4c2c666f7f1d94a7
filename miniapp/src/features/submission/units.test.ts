import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { describe, expect, it } from 'vitest';
import { buildUnitTree, searchUnits } from './units';

let order = 0;
function unit(id: string, name: string, parentId: string | null, aliases: string[] = []): OrgUnit {
  return {
    id,
    parentId,
    code: id,
    name,
    kind: 'team',
    depth: 0,
    address: null,
    receptionHours: null,
    phone: null,
    sortOrder: order++,
    retired: false,
    receivesPetitions: false,
    letterAddress: null,
    email: null,
    fax: null,
    onlineAddress: null,
    aliases,
  };
}

const tree = buildUnitTree([
  unit('ja', '晋安煤业集团', null),
  unit('ds', '东山煤矿', 'ja'),
  unit('ds-jy', '机运区', 'ds', ['运输', '皮带']),
  unit('ds-jy-1', '运输队', 'ds-jy', ['车队']),
  unit('ds-zc', '综采区', 'ds', ['采煤']),
  unit('xh', '西河煤矿', 'ja'),
  unit('xh-zc', '综采区', 'xh', ['采煤']),
]);
const names = (query: string) => searchUnits(tree, query).map((u) => u.id);

describe('finding a unit without knowing the org chart', () => {
  it('finds units by the words people use, not only by their names', () => {
    expect(names('运输')).toEqual(['ds-jy', 'ds-jy-1']);
    expect(names('车队')).toEqual(['ds-jy-1']);
    expect(names('采煤')).toEqual(['ds-zc', 'xh-zc']);
  });

  it('narrows by the units above: every word must fit the path', () => {
    expect(names('东山 采煤')).toEqual(['ds-zc']);
    expect(names('西河 综采')).toEqual(['xh-zc']);
    expect(names('西河 运输')).toEqual([]);
  });

  it('finds nothing for an empty query', () => {
    expect(names('  ')).toEqual([]);
  });
});
