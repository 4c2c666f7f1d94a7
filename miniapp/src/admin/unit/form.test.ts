import type { AdminUnit } from '@xinfang/shared/schemas/admin';
import { describe, expect, it } from 'vitest';
import { bodyOf, formOf, newForm, unitProblems } from './form';

const section: AdminUnit = {
  id: 'aqk',
  parentId: 'ds',
  code: 'JA-DS-AQK',
  name: '安全科',
  kind: 'department',
  depth: 2,
  address: '矿办公楼 105 室',
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
  openPetitions: 2,
  activeStaff: 3,
};

describe("a unit's form", () => {
  it('starts a new unit one level below its parent, its code prefixed', () => {
    expect(newForm(section)).toMatchObject({
      parentId: 'aqk',
      kind: 'section',
      code: 'JA-DS-AQK-',
      name: '',
    });
  });

  it('says what is missing or malformed', () => {
    expect(unitProblems(newForm(section))).toEqual({ name: expect.any(String) });
    expect(unitProblems({ ...newForm(section), name: '夜班组', code: 'JA DS', email: 'xf@' })).toEqual({
      code: expect.any(String),
      email: expect.any(String),
    });
    expect(unitProblems(formOf(section))).toEqual({});
  });

  it('clears a channel left blank, and trims the rest', () => {
    const body = bodyOf({ ...formOf(section), address: '  ', phone: ' 0351-1 ', name: ' 安全科 ' });
    expect(body).toMatchObject({ name: '安全科', address: null, phone: '0351-1', code: 'JA-DS-AQK' });
  });
});
