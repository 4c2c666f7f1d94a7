import { migrations } from '@xinfang/server/db/migrations';
import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj } from '../notifications/support';
import { PetitionKit } from '../petitions/kit';

/**
 * The figures' own migrations, each down (the rule before) and up again on the rollups the write
 * path kept: up must leave them as the write path counts now, and equal to a recount.
 */
describe('the migrations that count the figures anew', () => {
  let kit: PetitionKit;
  const DAY = '2026-03-02';
  const sumsOf = (sums: Map<string, number>, metric: string) =>
    [...sums].filter(([k]) => k.split('\u0000')[2] === metric && k.includes(DAY)).map(([, v]) => v);
  const step = (name: string) => {
    const migration = migrations[name];
    if (!migration?.down) throw new Error(`${name} is not listed, or has no down`);
    return migration as Required<typeof migration>;
  };

  beforeAll(async () => {
    kit = await PetitionKit.start({ at: bj(`${DAY}T09:00:00`) });
  }, 120_000);
  afterAll(() => kit?.close());

  it('20261207220000: takes a joint letter, a call and an online group out of 集体访, and back down', async () => {
    const group = (phone: string, headcount: number, channel: string) =>
      kit.register('ds.reception', {
        channel,
        petitioner: { realName: '赵磊', phone },
        headcount,
        representatives: ['赵磊'],
      });
    await group('13800000078', 6, 'visit');
    await group('13800000079', 30, 'letter');
    await group('13800000080', 7, 'call');
    await kit.submit('13800000081', { headcount: 8, representatives: ['王芳'] });
    const counted = await storedRollups(kit.app.db);
    expect(sumsOf(counted, 'collective_people')).toEqual([6]);

    const migration = step('20261207220000_count_visits_as_the_field_does');
    await migration.down(kit.app.db);
    const old = await storedRollups(kit.app.db);
    expect(sumsOf(old, 'collective_people')).toEqual([6 + 30 + 7 + 8]);
    expect(sumsOf(old, 'collective')).toEqual([4]);
    await migration.up(kit.app.db);
    expect(await storedRollups(kit.app.db)).toEqual(counted);
    expect(await recountRollups(kit.app.db, kit.app.calendar)).toEqual(counted);
  });

  it('20261207220000: counts 越级访 from the visits, the Art 19 ¶3 declines on their own, and back down', async () => {
    const matter = {
      title: '东山煤矿安全科井下防尘口罩发放不足',
      content: '东山煤矿安全科每月只发两个防尘口罩，井下粉尘大，口罩不够用，请求按规定足额发放防尘口罩。',
    };
    // Accepted at the mine; the same matter brought to the group's desk is declined (Art 19 ¶3),
    // and is a visit two levels above the section it is about (越级访).
    const low = (await kit.submit('13800000001', matter)).petition.id;
    await kit.act('ds.reception', low, 'accept');
    const high = await kit.register('reception', {
      ...matter,
      petitioner: { realName: '张伟', phone: '13800000001' },
    });
    expect(high.petition.state).toBe('declined');
    // A visit to the group about the mine itself is one level up: not 越级.
    await kit.register('reception', { concernedUnitId: kit.unit('JA-DS') });
    const counted = await storedRollups(kit.app.db);
    expect([sumsOf(counted, 'level_skipping'), sumsOf(counted, 'declined_pending_below')]).toEqual([
      [1],
      [1],
    ]);

    const migration = step('20261207220000_count_visits_as_the_field_does');
    await migration.down(kit.app.db);
    const old = await storedRollups(kit.app.db);
    expect([sumsOf(old, 'level_skipping'), sumsOf(old, 'declined_pending_below')]).toEqual([[1], []]);
    await migration.up(kit.app.db);
    expect(await storedRollups(kit.app.db)).toEqual(counted);
    expect(await recountRollups(kit.app.db, kit.app.calendar)).toEqual(counted);
  });

  it('20261207230000: counts the rewards recorded before it as figure facts (Art 29)', async () => {
    const { petition } = await kit.submit('13900000021', {
      kind: 'suggestion',
      categoryCode: 'management_suggestion',
    });
    await kit.act('ds.reception', petition.id, 'accept');
    const letter = { request: '改进', factsAndReasons: '查明', decision: '采纳', outcome: 'adopted' };
    await kit.act('ds.head', petition.id, 'draft_reply', letter);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    await kit.act('ds.head', petition.id, 'record_reward', {
      reward: 'commendation',
      description: '通报表扬',
    });
    const counted = await storedRollups(kit.app.db);
    expect(sumsOf(counted, 'rewarded')).toEqual([1]);

    const migration = step('20261207230000_count_rewarded_suggestions');
    await migration.down(kit.app.db);
    expect(sumsOf(await storedRollups(kit.app.db), 'rewarded')).toEqual([]);
    await migration.up(kit.app.db);
    expect(await storedRollups(kit.app.db)).toEqual(counted);
    expect(await recountRollups(kit.app.db, kit.app.calendar)).toEqual(counted);
  });
});
