import { accuserFirewall, hidesAccuser } from '@xinfang/shared/lifecycle';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { accuserHidden, accuserShown } from './accuser-firewall';

/**
 * The SQL this file writes says what `shared`'s rule says, on SQLite and on MySQL: for random
 * viewers and petitions, the rows a query keeps are exactly those `hidesAccuser` lets through.
 */
const UNITS = ['g', 'm1', 'm2', 's1', 's2', 't1'];
const PATHS: readonly string[][] = [
  ['g'],
  ['g', 'm1'],
  ['g', 'm2'],
  ['g', 'm1', 's1'],
  ['g', 'm1', 's2'],
  ['g', 'm1', 's1', 't1'],
];

describe('the accuser firewall in SQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.db.schema
      .createTable('firewall_probe')
      .addColumn('id', 'varchar(8)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('concerned_unit_id', 'varchar(8)')
      .execute();
    let n = 0;
    // null: the petitioner did not know the unit, and reception has not named it yet.
    for (const kind of ['suggestion', 'accusation', 'request'])
      for (const unit of [...UNITS, null]) {
        n += 1;
        await sql`insert into firewall_probe (id, kind, concerned_unit_id) values (${`p${n}`}, ${kind}, ${unit})`.execute(
          t.app.db,
        );
      }
  });
  afterAll(() => t?.close());

  it('keeps and hides the same petitions as the rule, for every viewer', async () => {
    const rows = (
      await sql<{
        id: string;
        kind: 'accusation';
        concerned_unit_id: string | null;
      }>`select id, kind, concerned_unit_id from firewall_probe`.execute(t.app.db)
    ).rows;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.boolean(), async (path, petitioner) => {
        const viewer = petitioner
          ? ({ kind: 'petitioner' } as const)
          : ({ kind: 'staff', unit: { id: path.at(-1) as string, path } } as const);
        const firewall = accuserFirewall(viewer);
        const expected = rows.filter(
          (r) => !hidesAccuser(firewall, { kind: r.kind, concernedUnitId: r.concerned_unit_id }),
        );
        const shown = await sql<{
          id: string;
        }>`select id from firewall_probe where ${accuserShown(viewer, 'firewall_probe')} order by id`.execute(
          t.app.db,
        );
        const hidden = await sql<{
          id: string;
        }>`select id from firewall_probe where ${accuserHidden(viewer, 'firewall_probe')} order by id`.execute(
          t.app.db,
        );
        expect(shown.rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
        expect(shown.rows.length + hidden.rows.length).toBe(rows.length);
      }),
      { numRuns: 30 },
    );
  });
});
