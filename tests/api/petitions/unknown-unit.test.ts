import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from './kit';

const WORKER = '13800000001';
const RESIDENT = '13900000003';

/**
 * 「不清楚，由信访办分办」: a petitioner who does not know the org chart leaves the unit out. The
 * petition office at the top of the organisation receives it and names the unit while triaging —
 * and from that moment an accusation is kept from the unit it names (Art 30).
 */
describe('a petition whose unit the petitioner did not know', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  it('reaches the group’s petition office, which names the unit; the unit then sees it', async () => {
    const { petition } = await kit.submit(WORKER, { concernedUnitId: undefined });
    expect(petition.units.receiving.code).toBe('JA');
    expect(petition.units.concerned).toBeNull();
    expect(petition.timeline[0]?.data).toMatchObject({ concernedUnitId: null });

    // Nobody below the group holds it yet; the group's reception does, and may name the unit.
    const notFound = await kit.http('ds.reception', 'GET', `/api/petitions/${petition.id}`);
    expectError(notFound, 404, 'NOT_FOUND');
    const desk = await kit.detail('reception', petition.id);
    expect(desk.allowedActions.map((a) => a.type)).toContain('set_concerned_unit');

    const named = await kit.act('reception', petition.id, 'set_concerned_unit', {
      unit: kit.unit('JA-DS-JY-1'),
    });
    expect(named.units.concerned?.name).toBe('运输队');
    // The unit the request concerns (and its mine) may now read it, as for any request about them.
    expect((await kit.detail('ds.reception', petition.id)).units.concerned?.code).toBe('JA-DS-JY-1');

    // The petitioner reads the step, with the unit's name.
    const mine = await kit.detail(WORKER, petition.id);
    expect(mine.timeline.at(-1)).toMatchObject({
      type: 'concerned_unit_set',
      unit: { name: '运输队' },
      data: { previousUnitId: null },
    });
  });

  it('an accusation: nothing is kept from anyone until the unit is named, then the firewall applies', async () => {
    const { petition } = await kit.submit(RESIDENT, { kind: 'accusation', concernedUnitId: undefined });
    const before = await kit.detail('reception', petition.id);
    expect(before.identityWithheld).toBe(false);
    expect(before.petitioner).toMatchObject({ realName: '王秀英' });

    // Reception finds that the accusation is about the group itself: from now on the group's own
    // staff, the accused, no longer see who wrote it, and may not handle it here (Art 30).
    await kit.act('reception', petition.id, 'set_concerned_unit', { unit: kit.unit('JA') });
    const after = await kit.detail('reception', petition.id);
    expect(after.identityWithheld).toBe(true);
    expect(after.petitioner).toBeNull();
    expect(after.allowedActions.map((a) => a.type)).not.toContain('accept');
    await kit.refused('reception', petition.id, 'accept', {}, 'triage.accusation_to_accused_unit');
  });

  it('an accused mine named by reception can no longer be given the case', async () => {
    const { petition } = await kit.submit(RESIDENT, { kind: 'accusation', concernedUnitId: undefined });
    await kit.act('reception', petition.id, 'set_concerned_unit', { unit: kit.unit('JA-DS') });
    const assign = { unit: kit.unit('JA-DS-AQK'), reportBackBy: kit.beijingDate(20) };
    const refusal = await kit.refused(
      'reception',
      petition.id,
      'assign',
      assign,
      'triage.accusation_to_accused_unit',
    );
    expect(refusal).toMatchObject({ article: 'Art 30' });
    // The accused mine's own staff never see it.
    expectError(await kit.http('ds.head', 'GET', `/api/petitions/${petition.id}`), 404, 'NOT_FOUND');
  });

  it('a mine that names itself as accused hands the accusation up, and sees no more of it', async () => {
    const { petition } = await kit.register('ds.reception', {
      kind: 'accusation',
      concernedUnitId: undefined,
      petitioner: { realName: '王秀英', phone: RESIDENT },
    });
    expect(petition.units.receiving.code).toBe('JA-DS');
    const named = await kit.act('ds.reception', petition.id, 'set_concerned_unit', {
      unit: kit.unit('JA-DS'),
    });
    // Art 30: the accused mine's office neither keeps the materials nor counts the case as its own.
    expect(named.units.receiving.code).toBe('JA');
    expect(named.timeline.at(-1)).toMatchObject({
      type: 'concerned_unit_set',
      data: { unitId: kit.unit('JA-DS'), handedUpTo: kit.unit('JA') },
    });
    for (const who of ['ds.reception', 'ds.head', 'ds.handler'])
      expectError(await kit.http(who, 'GET', `/api/petitions/${petition.id}`), 404, 'NOT_FOUND');
    const mineList = await kit.list('ds.head', { queue: 'triage' });
    expect(mineList.items.map((p) => p.id)).not.toContain(petition.id);
    // The group's office holds it now, with the accuser's name, and may act on it.
    const group = await kit.detail('reception', petition.id);
    expect(group.petitioner).toMatchObject({ realName: '王秀英' });
    expect(group.allowedActions.map((a) => a.type)).toContain('forward');
    const groupList = await kit.list('reception', { queue: 'triage' });
    expect(groupList.items.map((p) => p.id)).toContain(petition.id);
  });

  it('an accusation registered at the accused mine’s own desk goes to the group at once', async () => {
    const { petition } = await kit.register('ds.reception', {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS'),
      petitioner: { realName: '王秀英', phone: RESIDENT },
    });
    expect(petition.units.receiving.code).toBe('JA');
    expectError(await kit.http('ds.head', 'GET', `/api/petitions/${petition.id}`), 404, 'NOT_FOUND');
    expect((await kit.detail('reception', petition.id)).units.receiving.code).toBe('JA');
    // A request about the mine, and an accusation about one of its teams, stay with the mine.
    const request = await kit.register('ds.reception', { concernedUnitId: kit.unit('JA-DS') });
    expect(request.petition.units.receiving.code).toBe('JA-DS');
    const aboutTeam = await kit.register('ds.reception', {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
      petitioner: { realName: '王秀英', phone: RESIDENT },
    });
    expect(aboutTeam.petition.units.receiving.code).toBe('JA-DS');
  });

  it('reception may register a letter without the unit too', async () => {
    const { petition } = await kit.register('reception', { concernedUnitId: undefined });
    expect(petition.units).toMatchObject({ receiving: { code: 'JA' }, concerned: null });
  });
});

describe('unit aliases: the words people use find the unit', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  async function units(): Promise<OrgUnit[]> {
    return (await kit.http(null, 'GET', '/api/org/units')).json() as OrgUnit[];
  }

  it('are part of the published tree', async () => {
    const transport = (await units()).filter((u) => u.aliases.includes('运输')).map((u) => u.name);
    expect(transport).toEqual(expect.arrayContaining(['运输队', '机运区']));
  });

  it('are kept by admins through the org API, and checked', async () => {
    const id = kit.unit('JA-DS-ZC-1');
    const changed = await kit.http('admin', 'PATCH', `/api/org/units/${id}`, { aliases: ['一队', '采煤队'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as OrgUnit).aliases).toEqual(['一队', '采煤队']);
    expect((await units()).find((u) => u.id === id)?.aliases).toEqual(['一队', '采煤队']);

    const spaced = await kit.http('admin', 'PATCH', `/api/org/units/${id}`, { aliases: ['采煤 一队'] });
    expectError(spaced, 400, 'VALIDATION_FAILED');
    const denied = await kit.http('ds.head', 'PATCH', `/api/org/units/${id}`, { aliases: ['x'] });
    expect(denied.statusCode).toBe(403);
  });
});
