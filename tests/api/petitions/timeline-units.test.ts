import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from './kit';

const WORKER = '13800000001';

/**
 * Every step names the unit it concerns, by name, even once that unit is retired; and no unit is
 * retired while it still holds an open case (Art 22: every case keeps a unit answering for it).
 */
describe('units in the timeline', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  it('names the unit of each step for staff, the petitioner and the lookup — after it is retired too', async () => {
    const { petition, queryCode } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-JJ-1') });
    await kit.act('ds.reception', petition.id, 'assign', {
      unit: kit.unit('JA-DS-JJ-1'),
      reportBackBy: kit.beijingDate(20),
    });
    const retire = () => kit.http('admin', 'POST', `/api/org/units/${kit.unit('JA-DS-JJ-1')}/retire`);
    const refused = await retire();
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.message).toContain('未办结');

    // The team does not handle it after all (the mine's head objects for it); the office agrees.
    await kit.act('ds.head', petition.id, 'object', { reasons: '本队无此职责' });
    await kit.act('ds.reception', petition.id, 'agree_objection', {});
    expect((await retire()).statusCode).toBe(200);

    const named = { code: 'JA-DS-JJ-1', name: '掘进一队' };
    const assigned = (timeline: { type: string; unit: unknown }[]) =>
      timeline.find((e) => e.type === 'assigned')?.unit;
    expect(assigned((await kit.detail('ds.reception', petition.id)).timeline)).toMatchObject(named);
    expect(assigned((await kit.detail(WORKER, petition.id)).timeline)).toMatchObject(named);
    const lookup = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(assigned(lookup.json().timeline)).toMatchObject(named);
  });
});
