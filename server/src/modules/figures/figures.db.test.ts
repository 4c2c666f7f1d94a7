import { defaultCalendar } from '@xinfang/shared/clocks';
import { figureUnitOf } from '@xinfang/shared/figures';
import type { Petition } from '@xinfang/shared/lifecycle';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  prepareWalkDatabase,
  walkCase,
  walkSuggestion,
  writeSuggestions,
  writeWalks,
} from '../../testing/figure-walks';
import { buildTestApp, type TestApp, testDialect } from '../../testing/test-app';
import { hydrate, visibleUnitIds } from '../petitions/petition.repository';
import { linkRepeats } from '../petitions/repeats';
import { countPetition, createFiguresEffect } from './figures.effect';
import { rebuildFigures } from './figures.rebuild';
import { recountRollups, storedRollups } from './figures.recount';

/**
 * The rollups the figures effect keeps equal a full recount from the petitions and their events,
 * on SQLite and on MySQL, after random lifecycle walks written step by step (each step through
 * the effect, in its own transaction), random repeat links made and undone between them, and
 * suggestions to improve work issued from them and adopted or not.
 */
describe('the figures rollups', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    await prepareWalkDatabase(t.app.db);
  });
  afterAll(() => t?.close());

  it('equal a full recount after random walks, repeat links and suggestions to improve work', async () => {
    let written: Petition[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(walkCase, { minLength: 1, maxLength: 4 }),
        fc.array(walkSuggestion, { maxLength: 3 }),
        async (cases, suggestions) => {
          written = await writeWalks(t.app.db, defaultCalendar, cases, written);
          await writeSuggestions(t.app.db, defaultCalendar, written, suggestions);
          expect(await storedRollups(t.app.db)).toEqual(await recountRollups(t.app.db, defaultCalendar));
        },
      ),
      { numRuns: 12 },
    );
    // Some of it counted something beyond the intake.
    const metrics = new Set([...(await storedRollups(t.app.db)).keys()].map((k) => k.split('\u0000')[2]));
    expect(metrics.size).toBeGreaterThan(4);
    // Suggestions to improve work were issued and recounted along the way (Art 40).
    expect(metrics).toContain('improvement_suggested');
    // The unit a petition is counted for always sees it: the ledger behind a figure is in the caller's reach.
    for (const p of written) expect(visibleUnitIds(p)).toContain(figureUnitOf(p).id);
  }, 300_000);

  it('are rebuilt to the same sums from scratch, and a rebuild run again changes nothing', async () => {
    const kept = await storedRollups(t.app.db);
    await t.app.db.deleteFrom('figure_rollup').execute();
    await t.app.db.deleteFrom('figure_rollup_month').execute();
    await t.app.db.deleteFrom('figure_fact').execute();
    await rebuildFigures(t.app.db, defaultCalendar);
    expect(await storedRollups(t.app.db)).toEqual(kept);
    await rebuildFigures(t.app.db, defaultCalendar);
    expect(await storedRollups(t.app.db)).toEqual(kept);
  }, 120_000);

  it('counts a change once however often the effect runs', async () => {
    const rollups = await storedRollups(t.app.db);
    const countFigures = createFiguresEffect({ calendar: defaultCalendar });
    const rows = await t.app.db.selectFrom('petition').selectAll().limit(5).execute();
    for (const { petition, row } of await hydrate(t.app.db, rows)) {
      const facts = {
        channel: row.channel,
        kind: row.kind,
        categoryCode: row.category_code,
        receivedAt: row.received_at,
      };
      await t.app.db
        .transaction()
        .execute((trx) => countFigures(trx, { before: petition, after: petition, facts }));
    }
    expect(await storedRollups(t.app.db)).toEqual(rollups);
  });

  // Two transactions that each link a stored petition to an earlier one make it a repeat twice
  // over: on MySQL each reads its facts, and the second must see what the first committed (a burst
  // of one person's submissions on Galera once failed here on figure_fact's key). SQLite has one
  // writer: the second could not even begin while the first is open.
  it.runIf(testDialect() === 'mysql')(
    'two transactions making one petition a repeat both commit, and count it once',
    async () => {
      let written: Petition[] = [];
      const noLink = walkCase.map((c) => ({ ...c, link: null }));
      await fc.assert(
        fc.asyncProperty(fc.tuple(noLink, noLink, noLink), async (cases) => {
          written = await writeWalks(t.app.db, defaultCalendar, cases, written);
          const [a, b, later] = written
            .slice(-3)
            .sort((x, y) => x.receivedAt.localeCompare(y.receivedAt) || x.id.localeCompare(y.id)) as [
            Petition,
            Petition,
            Petition,
          ];
          const repeatOf = (trx: Parameters<typeof countPetition>[0], earlier: Petition) =>
            linkRepeats(
              trx,
              later.id,
              [{ petitionId: earlier.id, similarity: 0.9 }],
              'staff',
              's',
              new Date(),
            ).then(() => countPetition(trx, later, defaultCalendar));

          // The second reads first (its snapshot is older than the first's commit), then waits.
          let snapshotTaken = () => {};
          const taken = new Promise<void>((resolve) => {
            snapshotTaken = resolve;
          });
          let firstCommitted = () => {};
          const committed = new Promise<void>((resolve) => {
            firstCommitted = resolve;
          });
          const second = t.app.db.transaction().execute(async (trx) => {
            await trx
              .selectFrom('figure_fact')
              .select('metric')
              .where('petition_id', '=', later.id)
              .execute();
            snapshotTaken();
            await committed;
            await repeatOf(trx, b);
          });
          await taken;
          await t.app.db.transaction().execute((trx) => repeatOf(trx, a));
          firstCommitted();
          await second;

          const facts = await t.app.db
            .selectFrom('figure_fact')
            .select('metric')
            .where('petition_id', '=', later.id)
            .where('metric', '=', 'repeat')
            .execute();
          expect(facts).toHaveLength(1);
          expect(await storedRollups(t.app.db)).toEqual(await recountRollups(t.app.db, defaultCalendar));
        }),
        { numRuns: 4 },
      );
    },
    120_000,
  );
});
