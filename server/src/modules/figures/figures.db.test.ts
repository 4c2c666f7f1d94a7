import { defaultCalendar } from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';
import { start, step, walk } from '@xinfang/shared/testing/walks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { savePetition } from '../petitions/petition.repository';
import { linkRepeats, unlink } from '../petitions/repeats';
import { countPetition, createFiguresEffect } from './figures.effect';
import { recountRollups, storedRollups } from './figures.recount';

/**
 * The rollups the figures effect keeps equal a full recount from the petitions and their events,
 * on SQLite and on MySQL, after random lifecycle walks written step by step (each step through
 * the effect, in its own transaction) and random repeat links made and undone between them.
 */
const UNITS: readonly string[][] = [
  ['group'],
  ['group', 'mine1'],
  ['group', 'mine1', 'section1'],
  ['group', 'mine1', 'section1', 'team1'],
  ['group', 'mine1', 'section2'],
  ['group', 'mine2'],
];
const CATEGORIES = ['wages', 'safety'];

describe('the figures rollups', () => {
  let t: TestApp;
  const countFigures = createFiguresEffect({ calendar: defaultCalendar });

  beforeAll(async () => {
    t = await buildTestApp();
    const at = new Date().toISOString();
    for (const path of UNITS) {
      const id = path.at(-1) as string;
      await t.app.db
        .insertInto('org_unit')
        .values({
          id,
          parent_id: path.at(-2) ?? null,
          path: `/${path.join('/')}/`,
          depth: path.length - 1,
          code: id,
          name: id,
          kind: path.length === 1 ? 'group' : 'unit',
          address: null,
          reception_hours: null,
          phone: null,
          retired_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await t.app.db
      .insertInto('petitioner_account')
      .values({ id: 'p1', status: 'active', created_at: at, updated_at: at })
      .execute();
  }, 60_000);
  afterAll(() => t?.close());

  async function write(before: Petition | null, after: Petition, category: string): Promise<void> {
    await t.app.db.transaction().execute(async (trx) => {
      const events = after.events.slice(before?.events.length ?? 0);
      const created = {
        number: `XF2026-${after.id.slice(-6)}`,
        query_code_hash: 'x',
        petitioner_id: 'p1',
        kind: after.kind,
        channel: after.channel,
        category_code: category,
        title: '标题',
        content: '内容',
        receiving_unit_id: after.units.receiving.id,
        headcount: after.collective?.headcount ?? null,
        received_at: after.receivedAt,
        next_due_at: after.receivedAt,
        created_at: after.receivedAt,
      };
      const ok = await savePetition(trx, {
        before,
        after,
        events,
        columns: before ? { updated_at: after.receivedAt } : { ...created, updated_at: after.receivedAt },
      });
      expect(ok).toBe(true);
      await countFigures(trx, { after });
    });
  }

  it('equal a full recount after random walks and repeat links', async () => {
    const written: Petition[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            s: start,
            steps: fc.array(step, { minLength: 3, maxLength: 25 }),
            category: fc.constantFrom(...CATEGORIES),
            link: fc.option(fc.tuple(fc.nat(), fc.boolean()), { nil: null }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (cases) => {
          for (const c of cases) {
            const id = newId(Date.now());
            const path = walk(c.s, c.steps).map(({ petition }) => ({ ...petition, id }));
            let before: Petition | null = null;
            for (const petition of path) {
              await write(before, petition, c.category);
              before = petition;
            }
            const last = before as Petition;
            const other = c.link ? written[c.link[0] % Math.max(written.length, 1)] : undefined;
            if (c.link && other) {
              await t.app.db.transaction().execute(async (trx) => {
                if (c.link?.[1])
                  await linkRepeats(
                    trx,
                    last.id,
                    [{ petitionId: other.id, similarity: 0.9 }],
                    'staff',
                    's',
                    new Date(),
                  );
                else await unlink(trx, last.id, other.id);
                for (const p of [last, other]) await countPetition(trx, p, defaultCalendar);
              });
            }
            written.push(last);
          }
          expect(await storedRollups(t.app.db)).toEqual(await recountRollups(t.app.db, defaultCalendar));
        },
      ),
      { numRuns: 12 },
    );
    // Some of it counted something beyond the intake.
    const metrics = new Set([...(await storedRollups(t.app.db)).keys()].map((k) => k.split('\u0000')[2]));
    expect(metrics.size).toBeGreaterThan(4);
  }, 300_000);

  it('counts a change once however often the effect runs', async () => {
    const rollups = await storedRollups(t.app.db);
    const any = await t.app.db.selectFrom('petition').select('id').limit(3).execute();
    const { hydrate } = await import('../petitions/petition.repository');
    const rows = await t.app.db
      .selectFrom('petition')
      .selectAll()
      .where(
        'id',
        'in',
        any.map((r) => r.id),
      )
      .execute();
    for (const { petition } of await hydrate(t.app.db, rows)) {
      await t.app.db.transaction().execute((trx) => countFigures(trx, { after: petition }));
    }
    expect(await storedRollups(t.app.db)).toEqual(rollups);
  });
});
