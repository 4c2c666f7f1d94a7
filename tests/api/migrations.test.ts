import { migrateToLatest } from '@xinfang/server/db/migrate';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { buildTestApp, type TestApp } from '@xinfang/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('migrations and the demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('applies nothing the second time', async () => {
    const again = await migrateToLatest(t.app.db, t.app.dialect);
    expect(again.applied).toEqual([]);
  });

  it('seeds the coal group into an empty database, and only into an empty one', async () => {
    expect(await seedDemoIfEmpty(t.app.db, t.app.pii)).toBe(true);
    const units = await t.app.db
      .selectFrom('org_unit')
      .select(['code', 'name', 'kind', 'path', 'depth'])
      .execute();
    expect(
      units
        .filter((u) => u.kind === 'mine')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['东山煤矿', '西河煤矿']);
    expect(units.some((u) => u.kind === 'team')).toBe(true);
    for (const unit of units) expect(unit.path.split('/').filter(Boolean)).toHaveLength(unit.depth + 1);

    expect(await seedDemoIfEmpty(t.app.db, t.app.pii)).toBe(false);
    const count = await t.app.db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(units.length);
  });

  it('stores and returns Chinese text unchanged', async () => {
    const unit = await t.app.db
      .selectFrom('org_unit')
      .select('name')
      .where('code', '=', 'JA')
      .executeTakeFirstOrThrow();
    expect(unit.name).toBe('晋安煤业集团');
  });
});
