import type { CreatedStaff, InvitedStaff } from '@xinfang/shared/schemas/admin';
import type { SignInAnswer, StaffAccount } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

/**
 * Accounts as administrators keep them (issue 17): search, create with a temporary password or an
 * invitation (the holder chooses their own password), see the last sign-in, end every session at
 * once. An administrator grants roles only inside his own subtree, never to himself, and reads no
 * petitions unless also given a role that handles them.
 */
describe('accounts, kept by their administrators', { timeout: 30_000 }, () => {
  let kit: PetitionKit;
  const accept = (body: { username: string; code: string; newPassword: string }) =>
    request(kit.app, 'POST', '/api/auth/staff/invitation', { body });
  const list = async (who: string, query: string) => {
    const response = await kit.http(who, 'GET', `/api/staff?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as StaffAccount[];
  };

  beforeAll(async () => {
    kit = await PetitionKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  it('finds accounts by part of a username or a name, inside the subtree only', async () => {
    expect((await list('admin', 'q=.handler')).map((a) => a.username).sort()).toEqual([
      'ds.handler',
      'xh.handler',
    ]);
    expect((await list('ds.sysadmin', 'q=.handler')).map((a) => a.username)).toEqual(['ds.handler']);
    expect((await list('admin', `q=${encodeURIComponent('矿长')}`)).map((a) => a.username).sort()).toEqual([
      'ds.head',
      'xh.head',
    ]);
    // Wildcards are taken literally.
    expect(await list('admin', 'q=%25')).toEqual([]);
    expect(await list('admin', 'q=_')).toEqual([]);
  });

  it('invites: the holder chooses a password with the code, once, and is signed in', async () => {
    const created = await kit.http('ds.sysadmin', 'POST', '/api/staff', {
      username: 'ds.invited',
      displayName: '王新（安全科）',
      unitId: kit.unit('JA-DS-AQK'),
      roles: ['handler'],
      credential: 'invitation',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { account, temporaryPassword, invitation } = created.json() as CreatedStaff;
    expect(temporaryPassword).toBeNull();
    expect(invitation?.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(account).toMatchObject({ mustChangePassword: false, lastSignInAt: null });
    expect(account.invitationExpiresAt).toBe(invitation?.expiresAt);
    expect(Date.parse(invitation?.expiresAt ?? '') - Date.now()).toBe(72 * 3600_000);
    const code = invitation?.code ?? '';

    // No password works before the invitation is accepted; a wrong code is a wrong code.
    const login = (password: string) =>
      request(kit.app, 'POST', '/api/auth/staff/login', { body: { username: 'ds.invited', password } });
    expectError(await login('demo-pass-2026'), 401, 'INVALID_CREDENTIALS');
    expectError(
      await accept({ username: 'ds.invited', code: 'ABCD-EFGH', newPassword: '井下安全第一二〇二六' }),
      401,
      'INVALID_CREDENTIALS',
    );
    // A weak password is refused and the invitation stays.
    expectError(
      await accept({ username: 'ds.invited', code, newPassword: 'password' }),
      422,
      'WEAK_PASSWORD',
    );
    const accepted = await accept({
      username: 'DS.Invited',
      code: code.toLowerCase().replace('-', ' '),
      newPassword: '井下安全第一二〇二六',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const me = (accepted.json() as SignInAnswer).me;
    expect(me).toMatchObject({ kind: 'staff', username: 'ds.invited', mustChangePassword: false });
    expect((await login('井下安全第一二〇二六')).statusCode).toBe(200);
    // Used once.
    expectError(
      await accept({ username: 'ds.invited', code, newPassword: '另一个很长的新密码二〇二六' }),
      401,
      'INVALID_CREDENTIALS',
    );
    const [listed] = await list('ds.sysadmin', 'q=ds.invited');
    expect(listed).toMatchObject({ invitationExpiresAt: null, lastSignInAt: expect.any(String) });
    // Someone who has signed in gets a password reset, not another invitation.
    expectError(
      await kit.http('ds.sysadmin', 'POST', `/api/staff/${account.id}/invitation`),
      400,
      'VALIDATION_FAILED',
    );
    const actions = (await kit.audit(account.id)).map((a) => `${a.action}:${a.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.create:success',
        'staff.accept_invitation:failure',
        'staff.accept_invitation:success',
      ]),
    );
  });

  it('lets an invitation lapse after 72 hours, and a new one replaces the old', async () => {
    const created = (
      await kit.http('ds.sysadmin', 'POST', '/api/staff', {
        username: 'ds.late',
        displayName: '迟到的人',
        unitId: kit.unit('JA-DS'),
        roles: ['reception'],
        credential: 'invitation',
      })
    ).json() as CreatedStaff;
    kit.tick({ hours: 73 });
    expectError(
      await accept({
        username: 'ds.late',
        code: created.invitation?.code ?? '',
        newPassword: '井下安全第一二〇二六',
      }),
      401,
      'INVALID_CREDENTIALS',
    );
    const again = await kit.http('ds.sysadmin', 'POST', `/api/staff/${created.account.id}/invitation`);
    expect(again.statusCode, again.body).toBe(200);
    const { invitation } = again.json() as InvitedStaff;
    expect(invitation.code).not.toBe(created.invitation?.code);
    expect(
      (await accept({ username: 'ds.late', code: invitation.code, newPassword: '井下安全第一二〇二六' }))
        .statusCode,
    ).toBe(200);
  });

  it('records the last sign-in, and ends every session of an account at once', async () => {
    const handler = kit.staffId('ds.handler');
    const before = (await list('ds.sysadmin', 'q=ds.handler'))[0]?.lastSignInAt ?? null;
    kit.tick({ minutes: 5 });
    const at = new Date().toISOString();
    const signedIn = await request(kit.app, 'POST', '/api/auth/staff/login', {
      body: { username: 'ds.handler', password: 'demo-pass-2026' },
    });
    const session = signedIn.json() as SignInAnswer;
    const after = (await list('ds.sysadmin', 'q=ds.handler'))[0]?.lastSignInAt;
    expect(after).toBe(at);
    expect(after).not.toBe(before);

    const ended = await kit.http('ds.sysadmin', 'POST', `/api/staff/${handler}/sessions/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expectError(
      await request(kit.app, 'GET', '/api/petitions/counts', { token: session.tokens.accessToken }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await request(kit.app, 'POST', '/api/auth/refresh', {
        body: { refreshToken: session.tokens.refreshToken },
      }),
      401,
      'UNAUTHENTICATED',
    );
    kit.sessions.forget('ds.handler');
    expect((await kit.audit(handler)).map((a) => a.action)).toContain('staff.end_sessions');
  });

  it("changes an account's phone: checked, encrypted, masked, audited without the number", async () => {
    // The demo's mine head has one, shown masked.
    expect((await list('ds.sysadmin', 'q=ds.head'))[0]?.phone).toBe('136****0101');
    const id = kit.staffId('ds.handler');
    const patch = (who: string, staffId: string, body: unknown) =>
      kit.http(who, 'PATCH', `/api/staff/${staffId}`, body);
    const stored = () =>
      kit.app.db
        .selectFrom('staff_account')
        .select(['phone_cipher', 'phone_hash'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    for (const phone of ['12345', '1380000000a', '+1 415 555 0100'])
      expectError(await patch('ds.sysadmin', id, { phone }), 400, 'VALIDATION_FAILED');
    // Nor another mine's account: 东山's administrator may not change 西河's handler's phone.
    const west = kit.staffId('xh.handler');
    expectError(await patch('ds.sysadmin', west, { phone: '13912340077' }), 403, 'FORBIDDEN');
    expect((await kit.audit(west)).filter((a) => a.action === 'staff.update')).toEqual([]);

    const changed = await patch('ds.sysadmin', id, { phone: '13912340077' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as StaffAccount).phone).toBe('139****0077');
    const row = await stored();
    expect(row.phone_cipher).not.toContain('13912340077');
    expect(kit.app.pii.decrypt(row.phone_cipher as string)).toBe('13912340077');
    expect(row.phone_hash).toBe(kit.app.pii.lookupHash('phone', '13912340077'));
    expect((await list('ds.sysadmin', 'q=ds.handler'))[0]?.phone).toBe('139****0077');

    const cleared = await patch('ds.sysadmin', id, { phone: null });
    expect((cleared.json() as StaffAccount).phone).toBeNull();
    expect(await stored()).toEqual({ phone_cipher: null, phone_hash: null });

    const updates = (await kit.audit(id)).filter((a) => a.action === 'staff.update');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    for (const entry of updates) expect(JSON.stringify(entry)).not.toMatch(/0077|1234/);
    expect(updates.at(-1)?.details).toContain('phone');
    expect(kit.logs.lines.join('\n')).not.toMatch(/1391234|12340077/);
  });

  it('grants roles only inside his own subtree, never to himself, and reads no petitions', async () => {
    const self = kit.staffId('ds.sysadmin');
    // Above or beside his subtree: no account may be placed there, or moved there.
    for (const unitCode of ['JA', 'JA-XH-AQK']) {
      expectError(
        await kit.http('ds.sysadmin', 'POST', '/api/staff', {
          username: `ds.above.${unitCode.toLowerCase()}`,
          displayName: '越权',
          unitId: kit.unit(unitCode),
          roles: ['supervisor'],
        }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await kit.http('ds.sysadmin', 'PATCH', `/api/staff/${kit.staffId('ds.reception')}`, {
          unitId: kit.unit(unitCode),
        }),
        403,
        'FORBIDDEN',
      );
    }
    // Nor may he change the roles of anyone outside it, or his own.
    expectError(
      await kit.http('ds.sysadmin', 'PATCH', `/api/staff/${kit.staffId('supervisor')}`, {
        roles: ['handler'],
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await kit.http('ds.sysadmin', 'PATCH', `/api/staff/${self}`, { roles: ['admin', 'handler'] }),
      403,
      'FORBIDDEN',
    );
    // Inside it, any role: its reach is the account's unit, inside his own.
    const granted = await kit.http('ds.sysadmin', 'PATCH', `/api/staff/${kit.staffId('ds.reception')}`, {
      roles: ['reception', 'supervisor'],
    });
    expect(granted.json()).toMatchObject({ roles: ['reception', 'supervisor'] });

    // An administrator reads no petitions, no attachments, no overview.
    const petition = await kit.submit('13800000001');
    for (const url of ['/api/petitions', `/api/petitions/${petition.petition.id}`, '/api/petitions/counts']) {
      expectError(await kit.http('ds.sysadmin', 'GET', url), 403, 'FORBIDDEN');
    }
  });
});
