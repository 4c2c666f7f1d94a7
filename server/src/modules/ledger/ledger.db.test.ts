import { addDays, defaultCalendar } from '@xinfang/shared/clocks';
import { isOwedLimit, type LedgerFilter, MET_ON_TIME } from '@xinfang/shared/schemas/figures';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../access/principal';
import { prepareWalkDatabase, WALK_UNITS, walkCase, writeWalks } from '../../testing/figure-walks';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { figuresOf } from '../figures/figures.query';
import { figureScopeFor } from '../figures/figures.scope';
import { ledgerPage, ledgerTotal } from './ledger.query';

/**
 * Every number of the figures equals the number of petitions its ledger filter lists, over
 * random petitions, for random units and periods — on SQLite and MySQL.
 */
describe('the figures and their ledger', () => {
  let t: TestApp;
  // An id none of the walks' actors has: a walk's recusal of one of them (Art 28) rightly hides
  // that petition from their ledger, while the figures still count it.
  const head: StaffPrincipal = {
    kind: 'staff',
    id: 'ledger-head',
    roles: ['unit_head'],
    unit: { id: 'group', path: ['group'] },
    mustChangePassword: false,
  };
  const now = new Date('2026-06-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await buildTestApp();
    await prepareWalkDatabase(t.app.db);
    await fc.assert(
      fc.asyncProperty(fc.array(walkCase, { minLength: 30, maxLength: 30 }), async (cases) => {
        await writeWalks(t.app.db, defaultCalendar, cases);
      }),
      { numRuns: 1, seed: 14 },
    );
  }, 300_000);
  afterAll(() => t?.close());

  const ledgerOf = async (filter: LedgerFilter) =>
    ledgerTotal(t.app.db, head, await figureScopeFor(t.app.db, head, filter), filter, now);

  it('agree for every count, breakdown and rate', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WALK_UNITS),
        fc.boolean(),
        fc.integer({ min: -30, max: 120 }),
        fc.integer({ min: 0, max: 200 }),
        async (path, subtree, offset, length) => {
          const from = addDays('2026-03-02', offset);
          const period = { from, to: addDays(from, length) };
          const scope = await figureScopeFor(t.app.db, head, { unitId: path.at(-1), subtree });
          const figures = await figuresOf(t.app.db, scope, period);
          const numbers = [
            ...figures.counts,
            ...Object.values(figures.breakdowns).flat(),
            ...figures.rates.flatMap((r) => [r.numerator, r.denominator]),
          ];
          for (const figure of numbers)
            expect(await ledgerOf(figure.ledger), JSON.stringify(figure.ledger)).toBe(figure.value);
          // A limit owed splits into those met on time and the late (超期件, the table of units).
          for (const { numerator: met, denominator: owed } of figures.rates) {
            const figure = owed.ledger.figure;
            if (!isOwedLimit(figure) || MET_ON_TIME[figure] !== met.metric) continue;
            const late = { ...owed.ledger, late: true };
            expect(await ledgerOf(late), JSON.stringify(late)).toBe(owed.value - met.value);
            expect(await ledgerOf({ ...owed.ledger, late: false })).toBe(met.value);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);

  it('finds by words exactly the petitions whose number, title or content holds them', async () => {
    const rows = await t.app.db.selectFrom('petition').select(['id', 'number', 'title', 'content']).execute();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 2, max: 5 }), async (pick, at, length) => {
        const source = rows[pick % rows.length] as (typeof rows)[number];
        const text = [...`${source.title}${source.content}`];
        const from = at % Math.max(1, text.length - length);
        const phrase = text.slice(from, from + length).join('');
        fc.pre([...phrase.trim()].length >= 2 && !/^xf\d/i.test(phrase));
        const filter: LedgerFilter = { search: phrase };
        const scope = await figureScopeFor(t.app.db, head, filter);
        const found = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await ledgerPage(t.app.db, head, scope, { ...filter, cursor, limit: 100 }, now);
          for (const item of page.items) found.add(item.id);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const needle = phrase.trim().toLowerCase();
        const expected = rows.filter((r) =>
          `${r.number}\n${r.title}\n${r.content}`.toLowerCase().includes(needle),
        );
        expect([...found].sort()).toEqual(expected.map((r) => r.id).sort());
      }),
      { numRuns: 25 },
    );
  });

  it('pages through exactly the petitions it counts, none twice', async () => {
    const filter: LedgerFilter = { from: '2026-01-01', to: '2026-12-31' };
    const scope = await figureScopeFor(t.app.db, head, filter);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ledgerPage(t.app.db, head, scope, { ...filter, cursor, limit: 7 }, now);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await ledgerOf(filter));
    expect(seen.length).toBeGreaterThan(0);
  });
});
