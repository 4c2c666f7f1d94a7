import { defaultCalendar } from '@xinfang/shared/clocks';
import { PETITION_STATES } from '@xinfang/shared/lifecycle';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathRange } from '../../db/subtree';
import { prepareWalkDatabase, walkCase, writeWalks } from '../../testing/figure-walks';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import {
  type PageConditions,
  type PageQueue,
  type PageValues,
  pageQuery,
  runPage,
  SORTS,
  type Sort,
} from './petition-page.query';

/**
 * A list page's statement is prepared once per shape and run with each call's values. Were a value
 * compiled into the statement instead of bound, the next call of that shape would answer with the
 * first one's: another petitioner's petitions, another unit's inbox. So: after many random pages,
 * shapes repeating with other values, each prepared page equals the page Kysely builds afresh.
 */
describe('a list page prepared once per shape', () => {
  let t: TestApp;
  let ids: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.app.db;
    await prepareWalkDatabase(db);
    const written = await writeWalks(
      db,
      defaultCalendar,
      fc.sample(walkCase, { numRuns: 16, seed: 20261204 }),
    );
    ids = written.map((p) => p.id);
    // A second petitioner, and recusals, so that those values too pick different rows.
    const at = new Date().toISOString();
    await db
      .insertInto('petitioner_account')
      .values({ id: 'p2', status: 'active', real_name: '李四', created_at: at, updated_at: at })
      .execute();
    await db
      .updateTable('petition')
      .set({ petitioner_id: 'p2' })
      .where(
        'id',
        'in',
        ids.filter((_, i) => i % 2 === 1),
      )
      .execute();
    await db
      .insertInto('petition_recusal')
      .values(ids.slice(0, 6).map((id, i) => ({ petition_id: id, staff_id: i % 2 ? 's1' : 's2' })))
      .execute();
  }, 120_000);
  afterAll(() => t?.close());

  const scope = fc.constantFrom<PageConditions[]>(
    { owner: 'p1' },
    { owner: 'p2' },
    { recusedStaff: 's1' },
    { recusedStaff: 's2' },
    { ...subtree('/group/mine1/'), recusedStaff: 's1' },
    { ...subtree('/group/mine2/'), recusedStaff: 's2' },
    { ...subtree('/group/mine1/section1/'), recusedStaff: 's2' },
  );
  const page = fc.record({
    scope,
    sort: fc.constantFrom<Sort[]>('due', 'received', 'oldest'),
    queue: sometimes(
      fc.constantFrom<PageQueue[]>('triage', 'handling', 'approval', 'overdue', 'mine'),
      'all' as PageQueue,
    ),
    state: sometimes(fc.constantFrom(...PETITION_STATES), undefined),
    unit: sometimes(fc.constantFrom('/group/mine1/', '/group/mine2/', '/group/mine1/section2/'), undefined),
    after: fc.option(fc.nat(), { nil: undefined }),
    limit: fc.integer({ min: 1, max: 6 }),
  });

  it('answers every call with its own values', async () => {
    const db = t.app.db;
    const keys = await db.selectFrom('petition').select(['id', 'next_due_at', 'received_at']).execute();
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(page, async (p) => {
        const v: PageConditions = { ...p.scope };
        if (p.queue === 'mine') v.handler = 's1';
        if (p.queue === 'overdue') v.overdueAt = new Date().toISOString();
        if (p.state) v.state = p.state;
        if (p.unit) Object.assign(v, { unitFrom: pathRange(p.unit).from, unitTo: pathRange(p.unit).to });
        const after = p.after === undefined ? undefined : keys[p.after % keys.length];
        if (after) {
          v.afterKey = after[SORTS[p.sort].column];
          v.afterId = after.id;
        }
        const values: PageValues = { ...v, limit: p.limit };
        const prepared = await runPage(db, values, p.sort, p.queue);
        expect(prepared).toEqual(await pageQuery(db, values, p.sort, p.queue).execute());
        if (prepared.length > 0) nonEmpty += 1;
      }),
      { numRuns: 300, seed: 20261204 },
    );
    // The pages were not all empty: the comparison compared something.
    expect(nonEmpty).toBeGreaterThan(50);
  }, 120_000);
});

function subtree(path: string) {
  const range = pathRange(path);
  return { subtreeFrom: range.from, subtreeTo: range.to };
}

/** A value one time in four, else the default: most pages unfiltered, so that most find rows. */
function sometimes<T, D>(value: fc.Arbitrary<T>, otherwise: D): fc.Arbitrary<T | D> {
  return fc.oneof({ arbitrary: fc.constant(otherwise), weight: 3 }, { arbitrary: value, weight: 1 });
}
