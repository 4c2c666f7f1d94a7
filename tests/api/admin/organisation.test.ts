import type { AdminUnit, UnitInUse } from '@xinfang/shared/schemas/admin';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The organisation as administrators keep it (issue 17): units with codes and the channels they
 * publish (Art 17–18), which units receive petitions (and so where online petitions go, Art 22),
 * renaming, recoding, moving, and retiring — refused while the unit holds open cases, with their
 * numbers (an administrator reads no case, so nothing more) — and bringing a unit back.
 */
describe('the organisation, kept by its administrators', { timeout: 30_000 }, () => {
  let kit: PetitionKit;
  /** The petition received by 机电区 in the routing test, which keeps it from being retired. */
  let heldId = '';
  const units = () => kit.http(null, 'GET', '/api/org/units').then((r) => r.json() as OrgUnit[]);
  const adminUnits = async (who: string) => {
    const response = await kit.http(who, 'GET', '/api/admin/units');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AdminUnit[];
  };

  beforeAll(async () => {
    kit = await PetitionKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  it('publishes each receiving unit with its channels, and the demo marks the group and its mines', async () => {
    const receiving = (await units()).filter((u) => u.receivesPetitions).map((u) => u.code);
    expect(receiving.sort()).toEqual(['JA', 'JA-DS', 'JA-XH']);
    const group = (await units()).find((u) => u.code === 'JA');
    expect(group).toMatchObject({
      address: expect.stringContaining('迎泽路'),
      letterAddress: expect.stringContaining('邮编'),
      email: expect.stringContaining('@'),
      onlineAddress: expect.stringContaining('信访通'),
      fax: null,
    });
  });

  it('adds a unit with its code and channels, renames, recodes and moves it', async () => {
    const created = await kit.http('ds.sysadmin', 'POST', '/api/org/units', {
      parentId: kit.unit('JA-DS'),
      code: 'JA-DS-TF',
      name: '通风区',
      kind: 'section',
      receivesPetitions: true,
      address: '东山矿区通风楼 2 层',
      receptionHours: '每周三 9:00–11:00',
      phone: '0351-5551299',
      letterAddress: '东山矿区通风楼 通风区办公室',
      email: 'tf@jinan-coal.example.cn',
      fax: '0351-5551298',
      onlineAddress: '微信小程序「信访通」',
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json() as OrgUnit;
    expect(unit).toMatchObject({ code: 'JA-DS-TF', receivesPetitions: true, fax: '0351-5551298' });
    expect((await units()).find((u) => u.id === unit.id)?.email).toBe('tf@jinan-coal.example.cn');

    expectError(
      await kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${unit.id}`, { code: 'JA-DS-AQK' }),
      409,
      'ALREADY_EXISTS',
    );
    expectError(
      await kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${unit.id}`, { email: 'not an address' }),
      400,
      'VALIDATION_FAILED',
    );
    const renamed = await kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${unit.id}`, {
      code: 'JA-DS-TFQ',
      name: '通风工区',
      receptionHours: null,
    });
    expect(renamed.json()).toMatchObject({ code: 'JA-DS-TFQ', name: '通风工区', receptionHours: null });

    const moved = await kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${unit.id}`, {
      parentId: kit.unit('JA-DS-ZC'),
    });
    expect(moved.json()).toMatchObject({ parentId: kit.unit('JA-DS-ZC'), depth: 3 });
    // Not under another mine, which is not this administrator's.
    expectError(
      await kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${unit.id}`, { parentId: kit.unit('JA-XH') }),
      403,
      'FORBIDDEN',
    );
  });

  it('sends online petitions to the nearest unit that receives them, and stops when it no longer does', async () => {
    const section = (
      await kit.http('admin', 'POST', '/api/org/units', {
        parentId: kit.unit('JA-DS'),
        code: 'JA-DS-JD',
        name: '机电区',
        kind: 'section',
        receivesPetitions: true,
      })
    ).json() as OrgUnit;
    const team = (
      await kit.http('admin', 'POST', '/api/org/units', {
        parentId: section.id,
        code: 'JA-DS-JD-1',
        name: '机电一队',
        kind: 'team',
      })
    ).json() as OrgUnit;
    const first = await kit.submit('13800000001', { concernedUnitId: team.id });
    expect(first.petition.units.receiving.id).toBe(section.id);
    heldId = first.petition.id;

    await kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${section.id}`, { receivesPetitions: false });
    const second = await kit.submit('13800000001', { concernedUnitId: team.id });
    expect(second.petition.units.receiving.id).toBe(kit.unit('JA-DS'));
    // Accusations go to the top whatever receives below it (Art 30).
    const accusation = await kit.submit('13800000001', {
      concernedUnitId: team.id,
      kind: 'accusation',
      categoryCode: 'cadre_conduct',
    });
    expect(accusation.petition.units.receiving.id).toBe(kit.unit('JA'));

    // The section holds the first petition, in triage: it cannot be retired yet.
    const loads = await adminUnits('ds.sysadmin');
    expect(loads.find((u) => u.id === section.id)).toMatchObject({ openPetitions: 1, activeStaff: 0 });
    expect(loads.find((u) => u.code === 'JA-DS-AQK')?.activeStaff).toBe(1);
  });

  it('refuses to retire a unit holding open petitions, naming them by number only', async () => {
    const section = (await units()).find((u) => u.code === 'JA-DS-JD') as OrgUnit;
    const team = (await units()).find((u) => u.code === 'JA-DS-JD-1') as OrgUnit;
    expectError(
      await kit.http('ds.sysadmin', 'POST', `/api/org/units/${section.id}/retire`),
      400,
      'VALIDATION_FAILED',
    );
    expect((await kit.http('ds.sysadmin', 'POST', `/api/org/units/${team.id}/retire`)).statusCode).toBe(200);
    const refused = await kit.http('ds.sysadmin', 'POST', `/api/org/units/${section.id}/retire`);
    const error = expectError(refused, 409, 'IN_USE');
    expect(error.message).toContain('1 件未办结');
    const held = error.details as unknown as UnitInUse;
    expect(held.total).toBe(1);
    expect(held.petitions).toEqual([
      { number: expect.stringMatching(/^XF\d{4}-\d{6}$/), state: 'registered' },
    ]);
    // Nothing of the case itself: no title, no content, no petitioner.
    expect(Object.keys(held.petitions[0] ?? {}).sort()).toEqual(['number', 'state']);

    // Handed on (forwarded to the authority it belongs to), the section can go.
    await kit.detail('ds.reception', heldId);
    await kit.act('ds.reception', heldId, 'forward', {
      recipientOrgan: '晋安市人力资源和社会保障局',
      reason: '属劳动保障部门职责',
    });
    const retired = await kit.http('ds.sysadmin', 'POST', `/api/org/units/${section.id}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await units()).some((u) => u.id === section.id)).toBe(false);
    expect((await adminUnits('ds.sysadmin')).find((u) => u.id === section.id)?.retired).toBe(true);

    // Nobody is placed in a retired unit: neither a new account nor one moved there.
    const placed = [
      await kit.http('ds.sysadmin', 'POST', '/api/staff', {
        username: 'ds.jd',
        displayName: '李明（机电区）',
        unitId: section.id,
        roles: ['handler'],
        credential: 'invitation',
      }),
      await kit.http('ds.sysadmin', 'PATCH', `/api/staff/${kit.staffId('ds.handler')}`, {
        unitId: section.id,
      }),
    ];
    for (const response of placed) {
      expect(expectError(response, 400, 'VALIDATION_FAILED').details).toEqual([
        { path: '/body/unitId', message: 'is not an active unit' },
      ]);
    }

    // Back again: the team needs its parent back first.
    expectError(
      await kit.http('ds.sysadmin', 'POST', `/api/org/units/${team.id}/reinstate`),
      400,
      'VALIDATION_FAILED',
    );
    for (const id of [section.id, team.id]) {
      const back = await kit.http('ds.sysadmin', 'POST', `/api/org/units/${id}/reinstate`);
      expect(back.json(), back.body).toMatchObject({ retired: false });
    }
    const audited = await kit.audit(section.id);
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['org.create_unit', 'org.update_unit', 'org.retire_unit', 'org.reinstate_unit']),
    );
  });

  it('shows each administrator their own subtree only, retired units included', async () => {
    const mine = await adminUnits('ds.sysadmin');
    expect(mine.every((u) => u.code.startsWith('JA-DS'))).toBe(true);
    expect(mine.some((u) => u.code === 'JA-DS')).toBe(true);
    const all = await adminUnits('admin');
    expect(all.some((u) => u.code === 'JA-XH')).toBe(true);
    expectError(await kit.http('ds.head', 'GET', '/api/admin/units'), 403, 'FORBIDDEN');
  });
});
