import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import { describe, expect, it } from 'vitest';
import { accountChanges, accountFormOf, accountProblems, EMPTY_ACCOUNT, newStaffOf } from './form';

const account: StaffAccount = {
  id: 'a1',
  username: 'ds.handler',
  displayName: '王承办',
  roles: ['handler'],
  unit: { id: 'u1', code: 'DS-AQK', name: '安全科' },
  status: 'active',
  phone: null,
  mustChangePassword: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastSignInAt: null,
  invitationExpiresAt: null,
  temporaryPasswordExpiresAt: null,
};

describe("an administrator's account form", () => {
  it('says what is missing or wrong before anything is sent', () => {
    expect(accountProblems(EMPTY_ACCOUNT, true)).toEqual({
      username: expect.any(String),
      displayName: expect.any(String),
      unitId: expect.any(String),
      roles: expect.any(String),
    });
    const filled = {
      ...EMPTY_ACCOUNT,
      username: 'ds.li',
      displayName: '李',
      unitId: 'u1',
      roles: ['reception' as const],
    };
    expect(accountProblems(filled, true)).toEqual({});
    expect(accountProblems({ ...filled, username: 'li 四' }, true).username).toBeTruthy();
    expect(accountProblems({ ...filled, phone: '12345' }, true).phone).toBeTruthy();
    expect(accountProblems({ ...filled, phone: '13800000009' }, true)).toEqual({});
  });

  it('sends a phone only when one is given', () => {
    const filled = {
      ...EMPTY_ACCOUNT,
      username: ' ds.li ',
      displayName: '李',
      unitId: 'u1',
      roles: ['reception' as const],
    };
    expect(newStaffOf(filled)).toEqual({
      username: 'ds.li',
      displayName: '李',
      unitId: 'u1',
      roles: ['reception'],
      credential: 'invitation',
    });
    expect(newStaffOf({ ...filled, phone: '13800000009' }).phone).toBe('13800000009');
  });

  it('sends only what changed (roles in any order are the same roles)', () => {
    const form = accountFormOf(account);
    expect(accountChanges(account, form)).toEqual({});
    expect(
      accountChanges(
        { ...account, roles: ['handler', 'reception'] },
        { ...form, roles: ['reception', 'handler'] },
      ),
    ).toEqual({});
    expect(
      accountChanges(account, { ...form, displayName: '王五', roles: ['handler', 'unit_head'] }),
    ).toEqual({
      displayName: '王五',
      roles: ['handler', 'unit_head'],
    });
    expect(accountChanges(account, { ...form, unitId: 'u2' })).toEqual({ unitId: 'u2' });
  });

  it('sends a new phone typed on an account, without its spaces, and checks it first', () => {
    const form = accountFormOf({ ...account, phone: '139****0077' });
    expect(form.phone).toBe('');
    expect(accountChanges(account, { ...form, phone: ' 139 1234-0078 ' })).toEqual({ phone: '13912340078' });
    expect(accountProblems({ ...form, phone: '139 1234-0078' }, false)).toEqual({});
    expect(accountProblems({ ...form, phone: '1391234' }, false).phone).toBeTruthy();
  });
});
