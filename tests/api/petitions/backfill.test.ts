import { migrations } from '@xinfang/server/db/migrations';
import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import { signatureBands } from '@xinfang/server/petitions/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from './kit';

/**
 * The migrations that bring the inbox tallies and the text signatures to a database that already
 * holds petitions compute what the write path would have kept: run again on this suite's petitions
 * (taken through several states, units and kinds), they give exactly the recount, the bands and
 * the running clocks.
 */
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start();
  const worker = '13800000001';
  const a = await kit.submit(worker, { concernedUnitId: kit.unit('JA-DS-AQK') });
  await kit.act('ds.reception', a.petition.id, 'assign', {
    unit: kit.unit('JA-DS-AQK'),
    reportBackBy: kit.beijingDate(30),
  });
  await kit.act('ds.handler', a.petition.id, 'accept');
  await kit.act('ds.handler', a.petition.id, 'draft_reply', {
    request: '补发工资',
    factsAndReasons: '经核实属实。',
    decision: '补发。',
    legalBasis: '《劳动法》',
    outcome: 'support',
  });
  const b = await kit.submit(worker, { kind: 'accusation', concernedUnitId: kit.unit('JA-DS-ZC-1') });
  await kit.act(worker, b.petition.id, 'withdraw', {});
  await kit.submit('13900000003', { kind: 'suggestion', concernedUnitId: kit.unit('JA-XH-AQK') });
  await kit.register('ds.reception', { concernedUnitId: kit.unit('JA-DS-JJ-1') });
  kit.tick({ days: 20 });
  await kit.submit('13800000002', { concernedUnitId: kit.unit('JA-DS') });
});
afterAll(() => kit?.close());

describe('the backfilling migrations', () => {
  it('count the inbox tallies as the write path keeps them', async () => {
    const kept = await keptTallies(kit.app.db);
    expect(kept.length).toBeGreaterThan(10);
    const migration = migrations['20261203100000_create_inbox_tally'];
    await migration?.down?.(kit.app.db);
    await migration?.up(kit.app.db);
    expect(await keptTallies(kit.app.db)).toEqual(kept);
    expect(kept).toEqual(await recountTallies(kit.app.db));
  });

  it('sign every petition as the write path does', async () => {
    const migration = migrations['20261203100100_create_petition_signature'];
    await migration?.down?.(kit.app.db);
    await migration?.up(kit.app.db);
    const petitions = await kit.app.db
      .selectFrom('petition')
      .select(['id', 'petitioner_id', 'concerned_unit_id', 'title', 'content'])
      .execute();
    expect(petitions.length).toBeGreaterThan(4);
    for (const p of petitions) {
      const rows = await kit.app.db
        .selectFrom('petition_signature')
        .select(['petitioner_id', 'band'])
        .where('petition_id', '=', p.id)
        .execute();
      expect(rows.every((r) => r.petitioner_id === p.petitioner_id)).toBe(true);
      expect(rows.map((r) => r.band).sort()).toEqual(
        signatureBands(`${p.title}\n${p.content}`, p.concerned_unit_id).sort(),
      );
    }
  });

  it('count the running clocks of every petition as the write path keeps them', async () => {
    const kept = async () =>
      kit.app.db.selectFrom('petition').select(['number', 'running_clocks']).orderBy('number').execute();
    const before = await kept();
    expect(before.filter((p) => p.running_clocks !== '[]').length).toBeGreaterThan(3);
    const migration = migrations['20261206100000_add_running_clocks'];
    await migration?.down?.(kit.app.db);
    await migration?.up(kit.app.db);
    expect(await kept()).toEqual(before);
  });
});
