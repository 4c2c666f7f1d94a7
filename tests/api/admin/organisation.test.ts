import type { AdminUnit, UnitInUse } from '@xinfang/shared/schemas/admin';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit, uniqueText } from '../petitions/kit';

/**
 * The organisation as administrators keep it (issue 17): units with codes and the channels they
 * publish (Art 17–18), which units receive petitions (and so where online petitions go, Art 22),
 * renaming, recoding, moving, and retiring — refused while the unit holds open cases, with their
 * numbers (an administrator reads no case, so nothing more) — and bringing a unit back.
 */
describe('the organisation, kept by its administrators', () => {
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
  });
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
    // The audit log says what each change was, the move by the old and new parent's ids and names.
    const updates = (await kit.audit(unit.id))
      .filter((a) => a.action === 'org.update_unit')
      .map((a) => JSON.parse(a.details ?? '{}'));
    const nameOf = async (code: string) => (await units()).find((u) => u.code === code)?.name;
    expect(updates).toEqual([
      {
        fields: 'code,name,receptionHours',
        'code.before': 'JA-DS-TF',
        'code.after': 'JA-DS-TFQ',
        'name.before': '通风区',
        'name.after': '通风工区',
        'receptionHours.before': '每周三 9:00–11:00',
        'receptionHours.after': null,
      },
      {
        fields: 'parentId',
        'parentId.before': kit.unit('JA-DS'),
        'parentId.after': kit.unit('JA-DS-ZC'),
        'parentName.before': await nameOf('JA-DS'),
        'parentName.after': await nameOf('JA-DS-ZC'),
      },
    ]);
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

  it('refuses to retire a unit while staff, follow-ups, 督办, co-handling parts or decisions remain with it', async () => {
    const created = await kit.http('admin', 'POST', '/api/org/units', {
      parentId: kit.unit('JA-DS'),
      code: 'JA-DS-TMP',
      name: '临时信访站',
      kind: 'department',
      receivesPetitions: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const unitId = (created.json() as OrgUnit).id;
    await kit.refreshDirectory();
    await kit.createStaff('tmp.rec', 'JA-DS-TMP', ['reception']);
    const retire = () => kit.http('admin', 'POST', `/api/org/units/${unitId}/retire`);

    // Its reception would go on registering cases in a unit that is gone.
    const staffed = expectError(await retire(), 409, 'IN_USE');
    expect(staffed.message).toContain('1 名在岗工作人员');
    expect(staffed.details).toMatchObject({ total: 0, petitions: [], staff: 1, followUps: 0 });

    // With the account gone, what the unit still owes keeps it: each is named. (Its only
    // reception leaves the desk empty: the administrator says he knows.)
    const off = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('tmp.rec')}`, {
      status: 'disabled',
      leaveDeskEmpty: true,
    });
    expect(off.statusCode, off.body).toBe(200);
    const { petition } = await kit.submit('13800000001');
    const db = kit.app.db;
    const at = kit.now().toISOString();
    await db
      .insertInto('follow_up')
      .values({
        id: '01TMPFOLLOWUP0000000000000',
        petition_id: petition.id,
        concluded_seq: 1,
        unit_id: unitId,
        due_date: '2099-12-31',
        created_at: at,
        method: null,
        followed_on: null,
        petitioner_said: null,
        satisfied: null,
        recorded_by: null,
        recorded_at: null,
      })
      .execute();
    await db
      .insertInto('supervision_notice')
      .values({
        petition_id: petition.id,
        no: 1,
        unit_id: unitId,
        issued_by: kit.staffId('supervisor'),
        issued_at: at,
        concern: 'delay',
        due_date: '2099-12-31',
        answered_at: null,
        answered_by: null,
        review: null,
        reviewed_by: null,
        reviewed_at: null,
        review_note: null,
      })
      .execute();
    await db
      .insertInto('assist_part')
      .values({
        petition_id: petition.id,
        no: 1,
        unit_id: unitId,
        lead_unit_id: kit.unit('JA-DS'),
        part: '请核实情况',
        due_date: '2099-12-31',
        status: 'open',
        requested_by: kit.staffId('ds.reception'),
        requested_at: at,
        answered_by: null,
        answered_at: null,
        overdue_told_at: null,
      })
      .execute();
    await db
      .insertInto('rehandling_decision')
      .values({
        petition_id: petition.id,
        rated_seq: 1,
        unit_id: unitId,
        rated_at: at,
        rehandle: null,
        decided_by: null,
        decided_at: null,
      })
      .execute();
    const owed = expectError(await retire(), 409, 'IN_USE');
    for (const line of [
      '1 项未完成的回访',
      '1 件未答复的督办',
      '1 项未答复的协办事项',
      '1 件待决定是否重新办理的事项',
    ])
      expect(owed.message).toContain(line);
    expect(owed.message).not.toContain('在岗工作人员');
    expect(owed.details).toMatchObject({
      staff: 0,
      followUps: 1,
      supervision: 1,
      assistParts: 1,
      rehandling: 1,
    });

    // Done, answered and decided, it goes.
    await db.updateTable('follow_up').set({ recorded_at: at }).where('unit_id', '=', unitId).execute();
    await db
      .updateTable('supervision_notice')
      .set({ answered_at: at })
      .where('unit_id', '=', unitId)
      .execute();
    await db.updateTable('assist_part').set({ status: 'answered' }).where('unit_id', '=', unitId).execute();
    await db.updateTable('rehandling_decision').set({ rehandle: 0 }).where('unit_id', '=', unitId).execute();
    const retired = await retire();
    expect(retired.json(), retired.body).toMatchObject({ retired: true });
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

/**
 * Art 30 across a reorganisation: an accusation is never held or handled by the accused unit or a
 * unit below it, so a unit handling or assisting with one is not moved under the accused unit; and
 * should a unit holding one have come to lie there all the same (before the check), the accused
 * unit's staff still neither read it nor act on it.
 */
describe('a reorganisation never hands an accusation to the unit it accuses (Art 30)', {
  timeout: 60_000,
}, () => {
  let kit: PetitionKit;
  const ACCUSER = '13800000001';
  const move = (id: string, parentCode: string) =>
    kit.http('ds.sysadmin', 'PATCH', `/api/org/units/${id}`, { parentId: kit.unit(parentCode) });
  const parentOf = async (code: string) =>
    ((await kit.http(null, 'GET', `/api/org/units/${kit.unit(code)}`)).json() as OrgUnit).parentId;

  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit?.close());

  /** An online accusation about `accused`, which the group's reception assigns to `handling`. */
  async function accusationHandledBy(accused: string, handling: string) {
    const { petition } = await kit.submit(ACCUSER, {
      kind: 'accusation',
      concernedUnitId: kit.unit(accused),
      categoryCode: 'cadre_conduct',
      title: `检举科长吃拿卡要${uniqueText(8)}`,
      content: `科长在检查中多次索要财物，本人亲眼所见，请查处。${uniqueText()}`,
    });
    await kit.detail('reception', petition.id);
    await kit.act('reception', petition.id, 'assign', {
      unit: kit.unit(handling),
      reportBackBy: '2026-04-30',
    });
    return petition;
  }

  it('refuses to move the unit handling an accusation under the accused unit, naming the case', async () => {
    const accusation = await accusationHandledBy('JA-DS-AQK', 'JA-DS-RLK');
    expectError(await kit.http('ds.handler', 'GET', `/api/petitions/${accusation.id}`), 404, 'NOT_FOUND');

    const error = expectError(await move(kit.unit('JA-DS-RLK'), 'JA-DS-AQK'), 422, 'LIFECYCLE_REFUSED');
    expect(error.details).toMatchObject({
      rule: 'org.move_under_accused_unit',
      article: 'Art 30',
      param: 'parentId',
      total: 1,
      petitions: [accusation.number],
    });
    expect(error.message).toContain(accusation.number);
    expect(error.message).toContain('《信访工作条例》第三十条');
    // Nothing moved: the accused section neither reads the case nor finds it in its list.
    expect(await parentOf('JA-DS-RLK')).toBe(kit.unit('JA-DS'));
    expectError(await kit.http('ds.handler', 'GET', `/api/petitions/${accusation.id}`), 404, 'NOT_FOUND');
    expect((await kit.listAll('ds.handler')).map((p) => p.id)).not.toContain(accusation.id);
    expect(
      (await kit.audit(kit.unit('JA-DS-RLK'))).filter(
        (a) => a.action === 'org.update_unit' && a.outcome === 'success',
      ),
    ).toHaveLength(0);

    // Under a unit the accusation does not accuse, the section moves (and back again).
    expect((await move(kit.unit('JA-DS-RLK'), 'JA-DS-ZC')).statusCode).toBe(200);
    expect((await move(kit.unit('JA-DS-RLK'), 'JA-DS')).statusCode).toBe(200);
  });

  it('refuses to move a unit assisting with an accusation under the accused unit', async () => {
    const accusation = await accusationHandledBy('JA-DS-ZC', 'JA-DS-AQK');
    await kit.act('ds.handler', accusation.id, 'accept');
    await kit.act('ds.handler', accusation.id, 'request_assist', {
      unit: kit.unit('JA-DS-RLK'),
      part: '请提供综采队三月的排班表',
      dueDate: kit.beijingDate(5),
    });
    const error = expectError(await move(kit.unit('JA-DS-RLK'), 'JA-DS-ZC'), 422, 'LIFECYCLE_REFUSED');
    expect(error.details).toMatchObject({
      rule: 'org.move_under_accused_unit',
      petitions: [accusation.number],
    });
    // Nor the handling section under a team of the accused one.
    expectError(await move(kit.unit('JA-DS-AQK'), 'JA-DS-ZC-1'), 422, 'LIFECYCLE_REFUSED');
    expect(await parentOf('JA-DS-RLK')).toBe(kit.unit('JA-DS'));
  });

  it('keeps a case already under the accused unit from its staff, who may not read or act on it', async () => {
    const accusation = await accusationHandledBy('JA-DS-AQK', 'JA-DS-RLK');
    // The section moved under the accused one before moves were checked, as that move wrote it.
    const unitRow = (code: string) =>
      kit.app.db
        .selectFrom('org_unit')
        .select(['id', 'path', 'depth'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
    const aqk = await unitRow('JA-DS-AQK');
    const rlk = await unitRow('JA-DS-RLK');
    await kit.app.db
      .updateTable('org_unit')
      .set({ parent_id: aqk.id, path: `${aqk.path}${rlk.id}/`, depth: aqk.depth + 1 })
      .where('id', '=', rlk.id)
      .execute();

    const detail = await kit.http('ds.handler', 'GET', `/api/petitions/${accusation.id}`);
    expectError(detail, 404, 'NOT_FOUND');
    expectError(
      await kit.send('ds.handler', accusation.id, 'send_message', { text: '请来安全科当面说明情况。' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await kit.http('ds.handler', 'GET', `/api/petitions/${accusation.id}/documents`),
      404,
      'NOT_FOUND',
    );
    // The mine above both, which the accusation does not accuse, still sees it.
    expect((await kit.http('ds.head', 'GET', `/api/petitions/${accusation.id}`)).statusCode).toBe(200);
  });
});
