import {
  monthlyDeltas,
  type RollupDelta,
  rollupKey,
} from '@xinfang/server/modules/figures/figure.repository';
import { percentText } from '@xinfang/shared/figures';
import type { Figures, LedgerPage, UnitTable, UnitTableRow } from '@xinfang/shared/schemas/figures';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from './petitions/kit';

const METRICS = [
  'received',
  'repeat',
  'collective',
  'level_skipping',
  'triage_owed',
  'triaged_on_time',
  'owed.first',
  'on_time.first',
  'replied.first',
  'rated.first',
  'satisfied.first',
] as const;

/** A first answer, as the mine's head drafts, approves and issues it. */
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤，夜班加班属实。',
  decision: '补发全部夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

/** A rollup row of random data: a metric counted on a day of one winter for a unit of the group. */
const rollup = (units: number) =>
  fc.record({
    // The group's own cases (本级, the first unit) as often as all the units below together.
    unit: fc.oneof(fc.constant(0), fc.nat(units - 1)),
    metric: fc.constantFrom(...METRICS),
    day: fc.date({ min: new Date('2025-12-01'), max: new Date('2026-03-02'), noInvalidDate: true }),
    channel: fc.constantFrom('online', 'letter'),
    value: fc.integer({ min: 1, max: 9 }),
  });
type Rollup = ReturnType<typeof rollup> extends fc.Arbitrary<infer T> ? T : never;

/**
 * The table of units side by side (各单位对比): over random rollups its rows add up to its total,
 * and the total is the unit's own figures, for any period; it answers each role as the figures do.
 */
describe('the table of units side by side', () => {
  let kit: PetitionKit;
  let unitIds: string[];
  const url = (path: string, query: Record<string, string>) => `/api/${path}?${new URLSearchParams(query)}`;
  async function read<T>(who: string, path: string, query: Record<string, string>): Promise<T> {
    const response = await kit.http(who, 'GET', url(path, query));
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  }

  beforeAll(async () => {
    kit = await PetitionKit.start();
    const group = await kit.app.db
      .selectFrom('org_unit')
      .select('path')
      .where('id', '=', kit.unit('JA'))
      .executeTakeFirstOrThrow();
    const below = await kit.app.db
      .selectFrom('org_unit')
      .select('id')
      .where('path', 'like', `${group.path}%`)
      .where('id', '<>', kit.unit('JA'))
      .execute();
    unitIds = [kit.unit('JA'), ...below.map((u) => u.id)];
  }, 120_000);
  afterAll(() => kit?.close());

  /** Replaces every rollup with the given daily ones and their monthly sums. */
  async function writeRollups(rows: Rollup[]) {
    await kit.app.db.deleteFrom('figure_rollup').execute();
    await kit.app.db.deleteFrom('figure_rollup_month').execute();
    const days = new Map<string, RollupDelta>();
    for (const r of rows) {
      // Only the intake is broken down by channel and kind (rollupDimensions).
      const intake = r.metric === 'received';
      const d: RollupDelta = {
        metric: r.metric,
        day: r.day.toISOString().slice(0, 10),
        unitId: unitIds[r.unit] as string,
        channel: intake ? r.channel : '',
        kind: intake ? 'request' : '',
        categoryCode: '',
        delta: r.value,
      };
      const key = rollupKey(d);
      days.set(key, { ...d, delta: d.delta + (days.get(key)?.delta ?? 0) });
    }
    if (days.size === 0) return;
    const columns = (d: RollupDelta) => ({
      metric: d.metric,
      unit_id: d.unitId,
      channel: d.channel,
      kind: d.kind,
      category_code: d.categoryCode,
      value: d.delta,
    });
    await kit.app.db
      .insertInto('figure_rollup')
      .values([...days.values()].map((d) => ({ ...columns(d), day: d.day })))
      .execute();
    await kit.app.db
      .insertInto('figure_rollup_month')
      .values(monthlyDeltas([...days.values()]).map((d) => ({ ...columns(d), month: d.day })))
      .execute();
  }

  it('links each cell to the ledger of the cases behind it', async () => {
    // Before the random rollups below: these are the petitions' own, which the ledger lists.
    await kit.submit('13900000041');
    const period = { from: kit.beijingDate(-7), to: kit.beijingDate(0) };
    const table = await read<UnitTable>('leader', 'figures/units', period);
    expect(table.total.cells.find((c) => c.column === 'received')?.value).toBeGreaterThan(0);
    // Each unit's intake, and a rate's cases (its denominator) for the whole unit.
    const cells = [
      ...table.rows.map((row) => ({ row, column: 'received' })),
      { row: table.total, column: 'on_time.first' },
    ].map(({ row, column }) => ({ row, cell: row.cells.find((c) => c.column === column) }));
    for (const { row, cell } of cells) {
      if (!cell) throw new Error(`${row.label}: no cell`);
      const query = Object.fromEntries(Object.entries(cell.ledger).map(([k, v]) => [k, String(v)]));
      const ledger = await read<{ items: unknown[] }>('leader', 'ledger', { ...query, limit: '100' });
      expect(ledger.items.length, `${row.label} ${cell.column}`).toBe(cell.denominator ?? cell.value);
    }
  }, 120_000);

  it('lists under 超期件 exactly the answers owed and not given on time (Art 34)', async () => {
    const from = kit.beijingDate(0);
    const accepted = async () => {
      const { petition } = await kit.submit('13900000042');
      await kit.act('ds.reception', petition.id, 'accept');
      return petition.id;
    };
    const answer = async (id: string) => {
      await kit.act('ds.head', id, 'draft_reply', LETTER);
      await kit.act('ds.head', id, 'approve_reply');
      await kit.act('ds.head', id, 'issue_reply');
    };
    const [onTime, open, late] = [await accepted(), await accepted(), await accepted()];
    await answer(onTime);
    // Past the 60 days: one is answered late, one is still open.
    kit.tick({ days: 70 });
    await answer(late);
    const table = await read<UnitTable>('leader', 'figures/units', { from, to: kit.beijingDate(0) });
    for (const row of [...table.rows, table.total]) {
      const cell = row.cells.find((c) => c.column === 'late.first');
      if (!cell) throw new Error(`${row.label}: no 超期件`);
      const query = Object.fromEntries(Object.entries(cell.ledger).map(([k, v]) => [k, String(v)]));
      const ledger = await read<LedgerPage>('leader', 'ledger', { ...query, limit: '100' });
      expect(ledger.items.length, row.label).toBe(cell.value);
      if (row === table.total) {
        expect([cell.value, cell.denominator]).toEqual([2, 3]);
        expect(ledger.items.map((i) => i.id).sort()).toEqual([open, late].sort());
      }
    }
    // Only a limit owed is met on time or not: any other ledger refuses the filter.
    expectError(await kit.http('leader', 'GET', url('ledger', { late: 'true' })), 400, 'VALIDATION_FAILED');
  }, 120_000);

  it('prints the table in the annual report as its appendix, row by row', async () => {
    const year = kit.beijingDate(0).slice(0, 4);
    const table = await read<UnitTable>('leader', 'figures/units', {
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    });
    const docx = await kit.http('leader', 'GET', `/api/reports/annual?year=${year}&format=docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    const xml =
      (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain('附表　各单位对比');
    expect(words).toContain(['单位', ...table.columns.map((c) => c.label)].join(''));
    const rate = new Map(table.columns.map((c) => [c.column, c.rate]));
    for (const row of [...table.rows, table.total]) {
      const cells = row.cells.map((c) => (rate.get(c.column) ? percentText(c.value) : String(c.value)));
      expect(words, row.label).toContain([row.label, ...cells].join(''));
    }
  }, 120_000);

  it('adds its rows up to its total, and its total is the unit’s own figures', async () => {
    const sumOf = (rows: UnitTableRow[], column: string, key: 'value' | 'numerator' | 'denominator') =>
      rows.reduce((sum, r) => sum + Number(r.cells.find((c) => c.column === column)?.[key] ?? 0), 0);
    await fc.assert(
      fc.asyncProperty(
        fc.array(rollup(unitIds.length), { minLength: 20, maxLength: 80 }),
        // Whole months and days around them, reaching past today too.
        fc.date({ min: new Date('2025-11-20'), max: new Date('2026-03-02'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 120 }),
        async (rows, start, days) => {
          await writeRollups(rows);
          const from = start.toISOString().slice(0, 10);
          const to = new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
          const table = await read<UnitTable>('leader', 'figures/units', { from, to });
          const figures = await read<Figures>('leader', 'figures', { from, to });
          expect(table.period).toEqual(figures.period);
          // One row for the group's own cases (本级) and one for each unit below, as the figures.
          expect(table.rows.map((r) => [r.unitId, r.label])).toEqual(
            figures.breakdowns.unit.map((u) => [u.key, u.label]),
          );
          const count = (metric: string) => figures.counts.find((c) => c.metric === metric);
          for (const cell of table.total.cells) {
            const rate = figures.rates.find((r) => r.rate === cell.column);
            if (rate) {
              expect([cell.value, cell.numerator, cell.denominator]).toEqual([
                rate.value,
                rate.numerator.value,
                rate.denominator.value,
              ]);
              expect(cell.ledger).toEqual(rate.denominator.ledger);
            } else if (cell.column === 'late.first') {
              expect(cell.value).toBe(
                (count('owed.first')?.value ?? 0) - (count('on_time.first')?.value ?? 0),
              );
            } else {
              expect(cell.value).toBe(count(cell.column)?.value);
              expect(cell.ledger).toEqual(count(cell.column)?.ledger);
            }
            const key = cell.numerator === undefined ? 'value' : 'numerator';
            expect(sumOf(table.rows, cell.column, key)).toBe(Number(cell[key]));
            if (cell.denominator !== undefined)
              expect(sumOf(table.rows, cell.column, 'denominator')).toBe(cell.denominator);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);

  it('answers each role as the figures do: a handler his unit alone, nobody outside their subtree', async () => {
    const period = { from: kit.beijingDate(-30), to: kit.beijingDate(0) };
    const own = { ...period, unitId: kit.unit('JA-DS-AQK') };
    expectError(
      await kit.http('ds.handler', 'GET', url('figures/units', { ...own, subtree: 'true' })),
      403,
      'FORBIDDEN',
    );
    const alone = await read<UnitTable>('ds.handler', 'figures/units', period);
    expect(alone).toMatchObject({
      subtree: false,
      rows: [{ unitId: kit.unit('JA-DS-AQK'), subtree: false }],
    });
    expect(alone.rows[0]?.cells).toEqual(alone.total.cells);
    expectError(
      await kit.http('xh.head', 'GET', url('figures/units', { ...period, unitId: kit.unit('JA-DS') })),
      403,
      'FORBIDDEN',
    );
    expectError(await kit.http('admin', 'GET', url('figures/units', period)), 403, 'FORBIDDEN');
    expectError(await kit.http('13800000001', 'GET', url('figures/units', period)), 403, 'FORBIDDEN');
    const mine = await read<UnitTable>('ds.head', 'figures/units', { ...period, unitId: kit.unit('JA-DS') });
    expect(mine.rows[0]).toMatchObject({ unitId: kit.unit('JA-DS'), subtree: false });
    expect(mine.rows.slice(1).every((r) => r.subtree)).toBe(true);
    expectError(
      await kit.http('leader', 'GET', url('figures/units', { from: '2026-03-02', to: '2026-03-01' })),
      400,
      'VALIDATION_FAILED',
    );
  });
});
