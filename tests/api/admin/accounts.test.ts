import type { CreatedStaff, InvitedStaff } from '@xinfang/shared/schemas/admin';
import type { SignInAnswer, StaffAccount } from '@xinfang/shared/schemas/identity';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

/**
 * Accounts as administrators keep them (issue 17): search, create with a temporary password or an
 * invitation (the holder chooses their own password), see the last sign-in, end every session at
 * once. An administrator grants roles only inside his own subtree, never to himself, and reads no
 * petitions unless also given a role that handles them.
 */
describe('accounts, kept by their administrators', () => {
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
  });
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

  it('lets one of two acceptances sent at once through, and tells the other the invitation is used', async () => {
    const created = (
      await kit.http('ds.sysadmin', 'POST', '/api/staff', {
        username: 'ds.tapped',
        displayName: '双击的人',
        unitId: kit.unit('JA-DS-AQK'),
        roles: ['handler'],
        credential: 'invitation',
      })
    ).json() as CreatedStaff;
    const code = created.invitation?.code ?? '';
    const passwords = ['井下安全第一二〇二六甲', '井下安全第一二〇二六乙'] as const;
    // Two different passwords: had both gone through, one holder would be told a password that
    // no longer works.
    const answers = await Promise.all(
      passwords.map((newPassword) => accept({ username: 'ds.tapped', code, newPassword })),
    );
    const won = answers.findIndex((answer) => answer.statusCode === 200);
    expect(won, answers.map((answer) => answer.body).join('\n')).toBeGreaterThanOrEqual(0);
    const lost = answers[1 - won] as LightMyRequestResponse;
    expectError(lost, 401, 'INVALID_CREDENTIALS');
    expect(lost.json().error.message).toContain('已被使用');
    const login = (password: string) =>
      request(kit.app, 'POST', '/api/auth/staff/login', { body: { username: 'ds.tapped', password } });
    expect((await login(passwords[won] as string)).statusCode).toBe(200);
    expectError(await login(passwords[1 - won] as string), 401, 'INVALID_CREDENTIALS');
    const entries = (await kit.audit(created.account.id)).filter(
      (a) => a.action === 'staff.accept_invitation',
    );
    expect(entries.map((a) => [a.outcome, a.actor_type])).toEqual(
      expect.arrayContaining([
        ['success', 'staff'],
        // Not the holder, for all the log can tell: the account is the target only.
        ['failure', 'anonymous'],
      ]),
    );
    expect(entries.filter((a) => a.outcome === 'failure').map((a) => JSON.parse(a.details ?? '{}'))).toEqual([
      { reason: 'already_used' },
    ]);
    // Later, one after the other (the order a slow machine runs the two taps in): the code's
    // holder is still told it was used; a wrong code is told nothing of the sort.
    const again = await accept({ username: 'ds.tapped', code, newPassword: passwords[1 - won] as string });
    expectError(again, 401, 'INVALID_CREDENTIALS');
    expect(again.json().error.message).toContain('已被使用');
    const wrong = await accept({ username: 'ds.tapped', code: 'AAAA-AAAA', newPassword: passwords[0] });
    expect(wrong.json().error.message).not.toContain('已被使用');
    expect((await login(passwords[won] as string)).statusCode).toBe(200);
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

  it('lets a temporary password lapse after 72 hours, said plainly; a reset gives a fresh one', async () => {
    const login = (password: string) =>
      request(kit.app, 'POST', '/api/auth/staff/login', { body: { username: 'ds.temp', password } });
    const created = await kit.http('ds.sysadmin', 'POST', '/api/staff', {
      username: 'ds.temp',
      displayName: '临时密码的人',
      unitId: kit.unit('JA-DS'),
      roles: ['liaison_officer'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { account, temporaryPassword } = created.json() as CreatedStaff;
    // The page says until when; an invitation's account has no such date.
    expect(Date.parse(account.temporaryPasswordExpiresAt ?? '') - Date.now()).toBe(72 * 3600_000);
    kit.tick({ hours: 71 });
    expect((await login(temporaryPassword ?? '')).statusCode).toBe(200);
    kit.tick({ hours: 2 });
    const expired = expectError(await login(temporaryPassword ?? ''), 401, 'INVALID_CREDENTIALS');
    expect(expired.message).toBe('临时密码已过期，请联系管理员重置');
    // Only to whoever knows it: a wrong password is told it is wrong, as always.
    expect(expectError(await login('not-the-password'), 401, 'INVALID_CREDENTIALS').message).toBe(
      '用户名或密码不正确',
    );
    const denied = (await kit.audit(account.id)).filter((a) => a.action === 'auth.staff_login');
    expect(denied.at(-2)).toMatchObject({ outcome: 'denied' });
    expect(JSON.parse(denied.at(-2)?.details ?? '{}')).toEqual({ reason: 'temporary_password_expired' });

    const reset = await kit.http('ds.sysadmin', 'POST', `/api/staff/${account.id}/password-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    const fresh = reset.json() as { account: StaffAccount; temporaryPassword: string };
    expect(Date.parse(fresh.account.temporaryPasswordExpiresAt ?? '') - Date.now()).toBe(72 * 3600_000);
    const signedIn = await login(fresh.temporaryPassword);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    // Once replaced by the person's own, nothing lapses.
    const changed = await request(kit.app, 'POST', '/api/auth/password', {
      token: (signedIn.json() as SignInAnswer).tokens.accessToken,
      body: { currentPassword: fresh.temporaryPassword, newPassword: '井下安全第一二〇二六' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const now = (await kit.http('ds.sysadmin', 'GET', `/api/staff/${account.id}`)).json() as StaffAccount;
    expect(now).toMatchObject({ mustChangePassword: false, temporaryPasswordExpiresAt: null });
    kit.tick({ hours: 100 });
    expect((await login('井下安全第一二〇二六')).statusCode).toBe(200);
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

  it('answers a retried creation with the same account and a fresh way in, keeping no password', async () => {
    const body = {
      username: 'ds.retried',
      displayName: '重试的人',
      unitId: kit.unit('JA-DS-AQK'),
      roles: ['handler'],
    };
    const key = { 'idempotency-key': 'create-staff-retried-0001' };
    const login = (password: string) =>
      request(kit.app, 'POST', '/api/auth/staff/login', { body: { username: 'ds.retried', password } });
    const first = await kit.http('ds.sysadmin', 'POST', '/api/staff', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json() as CreatedStaff;
    // The answer was lost; the phone sends the same request again.
    const again = await kit.http('ds.sysadmin', 'POST', '/api/staff', body, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const replayed = again.json() as CreatedStaff;
    expect(replayed.account.id).toBe(made.account.id);
    expect(replayed.temporaryPassword).toMatch(/^\S{12}$/);
    expect(replayed.temporaryPassword).not.toBe(made.temporaryPassword);
    expect(
      await kit.app.db
        .selectFrom('staff_account')
        .select('id')
        .where('username', '=', 'ds.retried')
        .execute(),
    ).toHaveLength(1);
    // The kept answer holds neither password; the first stopped working, the one shown last works.
    const kept = await kit.app.db
      .selectFrom('idempotency_record')
      .select('response_cipher')
      .where('idem_key', '=', key['idempotency-key'])
      .executeTakeFirstOrThrow();
    const plain = kit.app.pii.decrypt(kept.response_cipher);
    expect(plain).toContain(made.account.id);
    for (const password of [made.temporaryPassword, replayed.temporaryPassword])
      expect(plain).not.toContain(password);
    expectError(await login(made.temporaryPassword ?? ''), 401, 'INVALID_CREDENTIALS');
    expect((await login(replayed.temporaryPassword ?? '')).statusCode).toBe(200);
    const entries = (await kit.audit(made.account.id)).map((a) => `${a.action} ${a.details ?? ''}`);
    expect(entries.filter((e) => e.startsWith('staff.create'))).toHaveLength(1);
    expect(entries.some((e) => e.startsWith('staff.reset_password') && e.includes('create_retried'))).toBe(
      true,
    );
    // Once someone has signed in with it, a late retry shows no password again and changes nothing.
    expectError(await kit.http('ds.sysadmin', 'POST', '/api/staff', body, key), 409, 'ALREADY_EXISTS');
    expect((await login(replayed.temporaryPassword ?? '')).statusCode).toBe(200);
    // The same key for another request is refused; without a key, a taken username is taken.
    expectError(
      await kit.http('ds.sysadmin', 'POST', '/api/staff', { ...body, displayName: '别人' }, key),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectError(await kit.http('ds.sysadmin', 'POST', '/api/staff', body), 409, 'ALREADY_EXISTS');

    // An invitation is issued afresh the same way: the first code stops working.
    const invited = { ...body, username: 'ds.retried.invite', credential: 'invitation' };
    const inviteKey = { 'idempotency-key': 'create-staff-retried-0002' };
    const sent = (
      await kit.http('ds.sysadmin', 'POST', '/api/staff', invited, inviteKey)
    ).json() as CreatedStaff;
    const resent = await kit.http('ds.sysadmin', 'POST', '/api/staff', invited, inviteKey);
    expect(resent.statusCode, resent.body).toBe(201);
    const second = resent.json() as CreatedStaff;
    expect(second.account.id).toBe(sent.account.id);
    expect(second.temporaryPassword).toBeNull();
    expect(second.invitation?.code).not.toBe(sent.invitation?.code);
    const newPassword = '井下安全第一二〇二六';
    expectError(
      await accept({ username: 'ds.retried.invite', code: sent.invitation?.code ?? '', newPassword }),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(
      (await accept({ username: 'ds.retried.invite', code: second.invitation?.code ?? '', newPassword }))
        .statusCode,
    ).toBe(200);
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

/**
 * The top unit always keeps an active administrator (audit: the only one moved himself to a mine
 * and nobody could manage the group again; two disabled each other at once and both were gone).
 */
describe('an administrator at the top, always', () => {
  let kit: PetitionKit;

  beforeAll(async () => {
    kit = await PetitionKit.start();
    await kit.createStaff('admin2', 'JA', ['admin']);
  });
  afterAll(() => kit?.close());

  const activeTopAdmins = async () =>
    (
      await kit.app.db
        .selectFrom('staff_account as s')
        .innerJoin('staff_role as r', 'r.staff_id', 's.id')
        .select('s.username')
        .where('s.unit_id', '=', kit.unit('JA'))
        .where('s.status', '=', 'active')
        .where('r.role', '=', 'admin')
        .orderBy('s.username')
        .execute()
    ).map((row) => row.username);

  it('does not let an administrator move himself, as he may not change his own roles', async () => {
    const self = kit.staffId('admin');
    expectError(
      await kit.http('admin', 'PATCH', `/api/staff/${self}`, { unitId: kit.unit('JA-DS-AQK') }),
      403,
      'FORBIDDEN',
    );
    // Naming the unit he is in is no move.
    const renamed = await kit.http('admin', 'PATCH', `/api/staff/${self}`, {
      unitId: kit.unit('JA'),
      displayName: '集团系统管理员',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const category = await kit.http('admin', 'PUT', '/api/categories/wages', { name: '工资待遇' });
    expect(category.statusCode, category.body).toBe(200);
  });

  it('lets two administrators at the top disable each other at once, but not both', async () => {
    const disable = async (who: string, target: string) =>
      request(kit.app, 'PATCH', `/api/staff/${kit.staffId(target)}`, {
        token: await kit.sessions.token(who),
        body: { status: 'disabled' },
      });
    const refusals = new Set<string>();
    for (let round = 0; round < 4; round += 1) {
      expect(await activeTopAdmins()).toEqual(['admin', 'admin2']);
      // Both signed in before they act, so the two changes meet in the database.
      await Promise.all([kit.sessions.token('admin'), kit.sessions.token('admin2')]);
      const [a, b] = await Promise.all([disable('admin', 'admin2'), disable('admin2', 'admin')]);
      const answers = [a, b] as LightMyRequestResponse[];
      const won = answers.filter((r) => r.statusCode === 200);
      expect(won, answers.map((r) => r.body).join('\n')).toHaveLength(1);
      // The other was refused: the last one at the top stays, or its sender was already signed out.
      const lost = answers.find((r) => r.statusCode !== 200) as LightMyRequestResponse;
      const code = lost.json().error.code as string;
      expect(['LAST_ADMIN', 'UNAUTHENTICATED'], lost.body).toContain(code);
      refusals.add(code);
      const survivor = a.statusCode === 200 ? 'admin' : 'admin2';
      const other = survivor === 'admin' ? 'admin2' : 'admin';
      expect(await activeTopAdmins()).toEqual([survivor]);
      // The one left takes the other back for the next round.
      const enabled = await kit.http(survivor, 'PATCH', `/api/staff/${kit.staffId(other)}`, {
        status: 'active',
      });
      expect(enabled.statusCode, enabled.body).toBe(200);
      kit.sessions.forget(other);
    }
    // Both at once, as a rule: the second waited for the first and found the last one left.
    expect([...refusals]).toContain('LAST_ADMIN');
  });

  it('moves one down while another stays, and keeps one when roles and status change at once', async () => {
    // Only an administrator at the top can change one there, and he may not change himself: the
    // last one can be taken away only by someone acting at the same moment, whose request was let
    // in before the other change and whose transaction runs after it.
    const moved = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('admin2')}`, {
      unitId: kit.unit('JA-DS'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await activeTopAdmins()).toEqual(['admin']);
    const back = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('admin2')}`, {
      unitId: kit.unit('JA'),
    });
    expect(back.statusCode, back.body).toBe(200);
    await Promise.all([kit.sessions.token('admin'), kit.sessions.token('admin2')]);
    const [demote, disable] = await Promise.all([
      kit.http('admin2', 'PATCH', `/api/staff/${kit.staffId('admin')}`, { roles: ['supervisor'] }),
      kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('admin2')}`, { status: 'disabled' }),
    ]);
    const statuses = [demote.statusCode, disable.statusCode];
    expect(
      statuses.filter((s) => s === 200),
      `${demote.body}\n${disable.body}`,
    ).toHaveLength(1);
    expect((await activeTopAdmins()).length).toBe(1);
    const refused = [demote, disable].find((r) => r.statusCode !== 200) as LightMyRequestResponse;
    const code = refused.json().error.code as string;
    // Or its sender had lost the role (demoted first) or the account (disabled first) already.
    expect(['LAST_ADMIN', 'FORBIDDEN', 'UNAUTHENTICATED'], refused.body).toContain(code);
    if (code === 'LAST_ADMIN') expect(refused.json().error.message).toMatch(/唯一在用的管理员/);
  });
});
