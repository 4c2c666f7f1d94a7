import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { describe, expect, it } from 'vitest';
import { publishedUnits } from './published';

const unit = (code: string, extra: Partial<OrgUnit>): OrgUnit => ({
  id: code,
  parentId: null,
  code,
  name: code,
  kind: 'mine',
  depth: 1,
  address: null,
  receptionHours: null,
  phone: null,
  sortOrder: 0,
  retired: false,
  receivesPetitions: true,
  letterAddress: null,
  email: null,
  fax: null,
  onlineAddress: null,
  aliases: [],
  ...extra,
});

describe("the channels the petitioner's home page publishes (Art 18)", () => {
  it('lists the units that receive petitions, from the top down, with every channel they publish', () => {
    const listed = publishedUnits([
      unit('MINE', { depth: 1, phone: '0351-1', email: 'xf@mine.cn' }),
      unit('TEAM', { depth: 3, address: '井口', receivesPetitions: false }),
      unit('OLD', { depth: 1, address: '旧楼', retired: true }),
      unit('SILENT', { depth: 2 }),
      unit('GROUP', {
        depth: 0,
        address: '集团一楼',
        letterAddress: '太原市某路 1 号 030000',
        onlineAddress: '微信小程序',
      }),
    ]);
    expect(listed.map((e) => [e.unit.code, e.channels])).toEqual([
      [
        'GROUP',
        [
          ['address', '集团一楼'],
          ['letterAddress', '太原市某路 1 号 030000'],
          ['onlineAddress', '微信小程序'],
        ],
      ],
      [
        'MINE',
        [
          ['phone', '0351-1'],
          ['email', 'xf@mine.cn'],
        ],
      ],
    ]);
  });
});
