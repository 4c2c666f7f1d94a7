import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import type { StaffHoldings, StaffInUse } from '@xinfang/shared/schemas/admin';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, messageCentre, toldAbout } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Nobody's case is left owned by nobody when an account changes (audit 32, D1): a disabled 承办人's
 * cases are released through the write path, with the reason, for the unit head to name another;
 * a move or a role taken away that would leave a 承办人 or 包案领导 unable to act on his cases is
 * refused with their numbers; a 包案领导 who can no longer see his case (his unit's line moved
 * away from it) has left it, and another leader may take it over; a petition office's last
 * reception is disabled or moved only when the administrator confirms it.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  await kit.createStaff('aqk.zhang', 'JA-DS-AQK', ['handler']);
  await kit.createStaff('aqk.wang', 'JA-DS-AQK', ['handler']);
});
afterAll(() => kit?.close());

/** A worker's request, assigned by the mine's office to its safety department, and accepted. */
async function handledByAqk(): Promise<{ id: string; number: string }> {
  const { petition } = await kit.submit(WORKER);
  await kit.act('ds.reception', petition.id, 'assign', {
    unit: kit.unit('JA-DS-AQK'),
    reportBackBy: '2026-04-30',
  });
  await kit.act('ds.handler', petition.id, 'accept');
  return { id: petition.id, number: petition.number };
}

const patch = (who: string, username: string, body: Record<string, unknown>) =>
  kit.http(who, 'PATCH', `/api/staff/${kit.staffId(username)}`, body);

async function holdings(username: string): Promise<StaffHoldings> {
  const response = await kit.http('admin', 'GET', `/api/staff/${kit.staffId(username)}/holdings`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as StaffHoldings;
}

describe('a 承办人 (Art 24)', () => {
  let held = { id: '', number: '' };

  beforeAll(async () => {
    held = await handledByAqk();
    await kit.act('ds.head', held.id, 'set_handler', { staffId: kit.staffId('aqk.zhang') });
  });

  it('is listed with the cases he answers for, numbers and states only', async () => {
    expect(await holdings('aqk.zhang')).toEqual({
      handling: { total: 1, petitions: [{ number: held.number, state: 'handling' }] },
      leading: { total: 0, petitions: [] },
      onlyReceptionOf: null,
    });
    const scoped = await kit.http('ds.sysadmin', 'GET', `/api/staff/${kit.staffId('aqk.zhang')}/holdings`);
    expect(scoped.statusCode, scoped.body).toBe(200);
    const outside = await kit.http('ds.sysadmin', 'GET', `/api/staff/${kit.staffId('xh.handler')}/holdings`);
    expectError(outside, 403, 'FORBIDDEN');
  });

  it('is not moved out of the handling unit, nor loses the roles, while he answers for a case', async () => {
    for (const change of [
      { unitId: kit.unit('JA-XH') },
      { unitId: kit.unit('JA-DS-RLK') },
      { roles: ['liaison_officer'] },
    ]) {
      const error = expectError(await patch('admin', 'aqk.zhang', change), 409, 'IN_USE');
      expect(error.message).toContain(`仍承办 1 件信访事项（${held.number}）`);
      expect(error.message).toContain('请先由单位负责人改派');
      expect(error.details).toMatchObject({
        reason: 'holds_cases',
        handling: { total: 1, petitions: [{ number: held.number, state: 'handling' }] },
        leading: { total: 0, petitions: [] },
      } satisfies Partial<StaffInUse>);
    }
    // Nothing changed: still his, in his unit, with his role.
    const account = (
      await kit.http('admin', 'GET', `/api/staff/${kit.staffId('aqk.zhang')}`)
    ).json() as StaffAccount;
    expect([account.unit.code, account.roles]).toEqual(['JA-DS-AQK', ['handler']]);
    expect((await kit.detail('ds.head', held.id)).handler?.id).toBe(kit.staffId('aqk.zhang'));
    // A role kept beside another one, a new name: nothing he holds is touched.
    const renamed = await patch('admin', 'aqk.zhang', { roles: ['handler', 'liaison_officer'] });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('when disabled, releases his cases through the write path, with the reason, for the head to name another', async () => {
    const off = await patch('admin', 'aqk.zhang', { status: 'disabled' });
    expect(off.statusCode, off.body).toBe(200);
    const detail = await kit.detail('ds.head', held.id);
    expect(detail.handler).toBeNull();
    const released = (await kit.audit(held.id)).filter((a) => a.action === 'petition.handler_released');
    expect(released).toHaveLength(1);
    expect(JSON.parse(released[0]?.details ?? '{}')).toMatchObject({
      staffId: kit.staffId('aqk.zhang'),
      reason: '承办人账号已停用',
    });
    const update = (await kit.audit(kit.staffId('aqk.zhang'))).filter((a) => a.action === 'staff.update');
    expect(JSON.parse(update.at(-1)?.details ?? '{}')).toMatchObject({
      'status.before': 'active',
      'status.after': 'disabled',
      casesReleased: 1,
    });
    // The head who names another is told, once: the mine's, the safety department having none.
    expect((await toldAbout(kit, held.id)).handler_released).toEqual([kit.staffId('ds.head')]);
    const notice = (await messageCentre(kit, 'ds.head')).items.find((n) => n.event === 'handler_released');
    expect(notice).toMatchObject({ petitionId: held.id, petitionNumber: held.number });
    expect(notice?.body).toContain(`承办人账号已停用，信访事项 ${held.number} 待重新指定承办人`);
    // Counted again where it now waits: his own queue no longer holds it.
    const db = kit.app.db;
    expect(await keptTallies(db)).toEqual(await recountTallies(db));
    expect(await holdings('aqk.zhang')).toMatchObject({ handling: { total: 0 } });

    // The petitioner writes: the handling unit's staff are told, not the disabled account.
    await kit.act(WORKER, held.id, 'petitioner_message', { text: '我补充一份考勤记录。' });
    const told = (await toldAbout(kit, held.id)).petitioner_wrote ?? [];
    expect(told).not.toContain(kit.staffId('aqk.zhang'));
    expect(told).toContain(kit.staffId('ds.handler'));

    // The head names another, with no reason owed for a case without one.
    const named = await kit.act('ds.head', held.id, 'set_handler', { staffId: kit.staffId('aqk.wang') });
    expect(named.handler?.id).toBe(kit.staffId('aqk.wang'));
    // Enabled again, he holds nothing of it.
    expect((await patch('admin', 'aqk.zhang', { status: 'active' })).statusCode).toBe(200);
    expect((await kit.detail('ds.head', held.id)).handler?.id).toBe(kit.staffId('aqk.wang'));
  });

  it("when disabled, tells his own unit's heads of each case he leaves, not one recused from it", async () => {
    await kit.createStaff('aqk.head', 'JA-DS-AQK', ['unit_head']);
    await kit.createStaff('aqk.deputy', 'JA-DS-AQK', ['unit_head']);
    await kit.createStaff('aqk.li', 'JA-DS-AQK', ['handler']);
    const [first, second] = [await handledByAqk(), await handledByAqk()];
    for (const { id } of [first, second])
      await kit.act('aqk.head', id, 'set_handler', { staffId: kit.staffId('aqk.li') });
    // The deputy stands aside from the second case (Art 28): he is not told of it.
    await kit.act('aqk.head', second.id, 'recuse', { staffId: kit.staffId('aqk.deputy'), reason: '近亲属' });

    expect((await patch('admin', 'aqk.li', { status: 'disabled' })).statusCode).toBe(200);
    const heads = [kit.staffId('aqk.deputy'), kit.staffId('aqk.head')].sort();
    expect((await toldAbout(kit, first.id)).handler_released).toEqual(heads);
    expect((await toldAbout(kit, second.id)).handler_released).toEqual([kit.staffId('aqk.head')]);
    // The section's own heads: nobody further up the line is told.
    for (const id of [first.id, second.id])
      expect((await toldAbout(kit, id)).handler_released).not.toContain(kit.staffId('ds.head'));
    for (const username of ['aqk.head', 'aqk.deputy'])
      expect((await patch('admin', username, { status: 'disabled' })).statusCode).toBe(200);
  });
});

describe('a 包案领导 (Art 18)', () => {
  it('is not moved where he could no longer act on his case, nor loses the roles', async () => {
    const { id, number } = await handledByAqk();
    await kit.act('leader', id, 'take_case', { plan: '五定：本人包案，两周内化解。' });
    expect(await holdings('leader')).toMatchObject({
      leading: { total: 1, petitions: [{ number, state: 'handling' }] },
    });
    for (const change of [{ unitId: kit.unit('JA-XH') }, { roles: ['supervisor'] }]) {
      const error = expectError(await patch('admin', 'leader', change), 409, 'IN_USE');
      expect(error.message).toContain(`是 1 件信访事项的包案领导（${number}）`);
      expect(error.details).toMatchObject({ reason: 'holds_cases', leading: { total: 1 } });
    }
    // Moved down within the case's line, he still leads it: allowed.
    const down = await patch('admin', 'leader', { unitId: kit.unit('JA-DS') });
    expect(down.statusCode, down.body).toBe(200);
    await kit.refused('head', id, 'take_case', { plan: '由副总接手' }, 'ownership.taken');
  });

  it('has left a case he can no longer see, which another leader then takes over', async () => {
    const { id } = await handledByAqk();
    await kit.act('ds.head', id, 'take_case', { plan: '矿长包案，一周内答复。' });
    await kit.refused('head', id, 'take_case', { plan: '由集团副总接手' }, 'ownership.taken');
    // The safety department moves to the other mine: the case goes with it, out of his line.
    const moved = await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS-AQK')}`, {
      parentId: kit.unit('JA-XH'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // He still sees it (his mine received it), but may no longer act on it as its leader.
    expect(await holdings('ds.head')).toMatchObject({ leading: { total: 0 } });
    const taken = await kit.act('head', id, 'take_case', { plan: '由集团副总接手包案' });
    expect(taken.responsibleLeader?.id).toBe(kit.staffId('head'));
    // Back where it was, for the cases that follow.
    const back = await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS-AQK')}`, {
      parentId: kit.unit('JA-DS'),
    });
    expect(back.statusCode, back.body).toBe(200);
  });
});

describe("a petition office's last reception (Art 22)", () => {
  it('is disabled, moved or relieved of the role only once the administrator confirms it', async () => {
    expect((await holdings('ds.reception')).onlyReceptionOf).toMatchObject({ code: 'JA-DS' });
    for (const change of [
      { status: 'disabled' },
      { unitId: kit.unit('JA-DS-XFB') },
      { roles: ['handler'] },
    ]) {
      const error = expectError(await patch('ds.sysadmin', 'ds.reception', change), 409, 'IN_USE');
      expect(error.message).toContain('东山煤矿将没有在岗的接待员');
      expect(error.details).toMatchObject({
        reason: 'last_reception',
        onlyReceptionOf: { code: 'JA-DS', name: '东山煤矿' },
      });
    }
    // A second reception on the desk: the first may go without a question.
    await kit.createStaff('ds.reception2', 'JA-DS', ['reception']);
    expect((await holdings('ds.reception')).onlyReceptionOf).toBeNull();
    const off = await patch('ds.sysadmin', 'ds.reception2', { status: 'disabled' });
    expect(off.statusCode, off.body).toBe(200);
    // Confirmed, the desk may go empty: disabling is never blocked.
    const confirmed = await patch('ds.sysadmin', 'ds.reception', {
      status: 'disabled',
      leaveDeskEmpty: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const update = (await kit.audit(kit.staffId('ds.reception'))).filter((a) => a.action === 'staff.update');
    expect(JSON.parse(update.at(-1)?.details ?? '{}')).toMatchObject({ leaveDeskEmpty: true });
    expect((await patch('ds.sysadmin', 'ds.reception', { status: 'active' })).statusCode).toBe(200);
  });
});

describe('enabling an account again (audit 32, D9)', () => {
  it('in a retired unit is refused: it is moved to a unit in use first', async () => {
    const created = await kit.http('admin', 'POST', '/api/org/units', {
      parentId: kit.unit('JA-DS'),
      code: 'JA-DS-OLD',
      name: '旧调度室',
      kind: 'department',
    });
    expect(created.statusCode, created.body).toBe(201);
    const unitId = (created.json() as { id: string }).id;
    await kit.refreshDirectory();
    await kit.createStaff('old.dispatcher', 'JA-DS-OLD', ['liaison_officer']);
    expect((await patch('admin', 'old.dispatcher', { status: 'disabled' })).statusCode).toBe(200);
    const retired = await kit.http('admin', 'POST', `/api/org/units/${unitId}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);

    const error = expectError(
      await patch('admin', 'old.dispatcher', { status: 'active' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.message).toContain('所在单位已撤销');
    const moved = await patch('admin', 'old.dispatcher', { status: 'active', unitId: kit.unit('JA-DS') });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as StaffAccount).status).toBe('active');
  });

  it('keeps the name and the state before and after in the audit entry (D7)', async () => {
    const renamed = await patch('admin', 'ds.liaison', { displayName: '吴磊（综采一队安全员）' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const update = (await kit.audit(kit.staffId('ds.liaison'))).filter((a) => a.action === 'staff.update');
    expect(JSON.parse(update.at(-1)?.details ?? '{}')).toEqual({
      fields: 'displayName',
      'displayName.before': '吴磊（综采一队信息员）',
      'displayName.after': '吴磊（综采一队安全员）',
    });
  });
});
