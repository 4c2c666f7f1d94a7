import { addDays, beijingDate, defaultCalendar, workingDaysAfter } from '@xinfang/shared/clocks';
import type { SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareWalkDatabase, WALK_UNITS, walkCase, writeWalks } from '../../testing/figure-walks';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import type { FigureScope } from './figures.query';
import { supervisionFiguresOf } from './supervision-figures.query';

const UNITS = WALK_UNITS.map((path) => path.at(-1) as string);
const HOUR = 3600_000;
/** Rows fall within 40 days after the base; the figures are read as of `NOW`, 30 days in. */
const BASE = Date.parse('2026-03-01T00:00:00.000Z');
const NOW = new Date(BASE + 30 * 24 * HOUR);
const at = (hours: number) => new Date(BASE + hours * HOUR).toISOString();

const step = fc.record({
  unit: fc.constantFrom(...UNITS),
  level: fc.integer({ min: 0, max: 3 }),
  hour: fc.integer({ min: 0, max: 40 * 24 }),
  withdrawn: fc.boolean(),
  acknowledgedAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
});
const notice = fc.record({
  unit: fc.constantFrom(...UNITS),
  hour: fc.integer({ min: 0, max: 40 * 24 }),
  dueAfterDays: fc.integer({ min: 0, max: 20 }),
  answeredAfter: fc.option(fc.integer({ min: 0, max: 30 * 24 }), { nil: null }),
  ended: fc.boolean(),
  returns: fc.integer({ min: 0, max: 2 }),
});
const scopes: FigureScope[] = [
  { unit: { id: 'group', name: 'group', path: '/group/' }, subtree: true },
  { unit: { id: 'mine1', name: 'mine1', path: '/group/mine1/' }, subtree: true },
  { unit: { id: 'section1', name: 'section1', path: '/group/mine1/section1/' }, subtree: false },
];

/**
 * The 督办 figures counted in the database equal a recount from the rows themselves, on SQLite and
 * MySQL: random steps (withdrawn, acknowledged or not) and 督办单 (answered on time or late, ended,
 * returned) of random units, for a random period and scope.
 */
describe('the 督办 figures', () => {
  let t: TestApp;
  let petitions: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await prepareWalkDatabase(t.app.db);
    // Events name a petition: a few written through the write path.
    petitions = (await writeWalks(t.app.db, defaultCalendar, fc.sample(walkCase, 3))).map((p) => p.id);
  });
  afterAll(() => t?.close());

  it('equal a recount from the rows, per unit of the scope and in total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 12 }),
        fc.array(notice, { maxLength: 10 }),
        fc.constantFrom(...scopes),
        // The period begins by today (day 30) and may reach past it.
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 35 }),
        async (steps, notices, scope, a, b) => {
          await write(t, petitions, steps, notices);
          const period = {
            from: addDays('2026-03-01', Math.min(a, b)),
            to: addDays('2026-03-01', Math.max(a, b)),
          };
          const figures = await supervisionFiguresOf(t.app.db, scope, period, defaultCalendar, NOW);
          const today = beijingDate(NOW.toISOString());
          // Counted up to today, when the period reaches past it.
          const counted = { from: period.from, to: [period.to, today].sort()[0] as string };
          expect(figures.period).toEqual(counted);
          const within = scopedUnits(scope);
          const recounted = (label: string, unitId: string, units: readonly string[]) => ({
            ...recount(unitId, units, steps, notices, petitions, counted, today),
            label,
          });
          const expected = within
            .map((unit) => recounted(unit, unit, [unit]))
            .filter((r) => r.yellow + r.red + r.notices.issued > 0);
          const byUnit = (rows: SupervisionFiguresRow[]) =>
            [...rows].sort((x, y) => (x.unitId < y.unitId ? -1 : 1));
          expect(byUnit(figures.rows)).toEqual(byUnit(expected));
          expect(figures.total).toEqual(recounted('合计', scope.unit.id, within));
          // Worst first: the answers owed past their date never rise down the list.
          const owed = figures.rows.map((r) => r.notices.overdue + r.notices.answeredLate);
          expect(owed).toEqual([...owed].sort((x, y) => y - x));
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});

function scopedUnits(scope: FigureScope): string[] {
  if (!scope.subtree) return [scope.unit.id];
  return WALK_UNITS.filter((path) => path.includes(scope.unit.id)).map((path) => path.at(-1) as string);
}

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;
type Notice = typeof notice extends fc.Arbitrary<infer T> ? T : never;

/** Numbers far above any the walks issue, so the walks' own review events never match them. */
const NO_BASE = 1000;
const petitionOf = (petitions: readonly string[], i: number) => petitions[i % petitions.length] as string;

async function write(t: TestApp, petitions: string[], steps: Step[], notices: Notice[]): Promise<void> {
  const db = t.app.db;
  await db.deleteFrom('escalation').execute();
  await db.deleteFrom('supervision_notice').where('no', '>=', NO_BASE).execute();
  await db.deleteFrom('petition_event').where('id', 'like', 'figrev%').execute();
  for (const [i, s] of steps.entries()) {
    const red = s.level > 0;
    await db
      .insertInto('escalation')
      .values({
        id: `figesc${i}`,
        petition_id: petitionOf(petitions, i),
        clock_key: `answer:${i}:x`,
        clock_name: 'answer',
        level: s.level,
        flag: red ? 'red' : 'yellow',
        unit_id: s.unit,
        due_date: '2026-03-01',
        reached_at: at(s.hour),
        withdrawn_at: red && s.withdrawn ? at(s.hour + 1) : null,
        acknowledged_at: red && s.acknowledgedAfter !== null ? at(s.hour + s.acknowledgedAfter) : null,
        acknowledged_by: red && s.acknowledgedAfter !== null ? 'someone' : null,
      })
      .execute();
  }
  for (const [i, n] of notices.entries()) {
    const petitionId = petitionOf(petitions, i);
    const no = NO_BASE + i;
    await db
      .insertInto('supervision_notice')
      .values({
        petition_id: petitionId,
        no,
        unit_id: n.unit,
        issued_by: 'someone',
        issued_at: at(n.hour),
        concern: 'overdue',
        due_date: dueOf(n),
        answered_at: n.answeredAfter === null ? null : at(n.hour + n.answeredAfter),
        answered_by: n.answeredAfter === null ? null : 'someone',
        review: null,
        reviewed_by: null,
        reviewed_at: null,
        review_note: null,
        ended_at: n.ended ? at(n.hour + 1) : null,
      })
      .execute();
    // Each return, and an approval that is not one.
    const reviews = [...Array(n.returns).fill('returned'), 'approved'];
    for (const [j, decision] of reviews.entries()) {
      await db
        .insertInto('petition_event')
        .values({
          id: `figrev${i}x${j}`,
          petition_id: petitionId,
          seq: 100_000 + i * 10 + j,
          type: 'supervision_reviewed',
          at: at(n.hour + j),
          actor_id: 'someone',
          actor_role: 'supervisor',
          visibility: 'internal',
          stage: 'handling',
          data: JSON.stringify({ no, decision, note: null, dueDate: null }),
        })
        .execute();
    }
  }
}

const dueOf = (n: Notice) => addDays(beijingDate(at(n.hour)), n.dueAfterDays);

/** The row of `unitId` counting the rows of `units`, straight from the generated rows (no label). */
function recount(
  unitId: string,
  units: readonly string[],
  steps: Step[],
  notices: Notice[],
  petitions: readonly string[],
  period: { from: string; to: string },
  today: string,
): Omit<SupervisionFiguresRow, 'label'> {
  const inPeriod = (hour: number) => {
    const day = beijingDate(at(hour));
    return day >= period.from && day <= period.to;
  };
  const counted = steps.filter(
    (s) => units.includes(s.unit) && inPeriod(s.hour) && !(s.level > 0 && s.withdrawn),
  );
  const red = counted.filter((s) => s.level > 0);
  const levels = [...new Set(red.map((s) => s.level))].sort((x, y) => x - y);
  const days = red
    .filter((s) => s.acknowledgedAfter !== null)
    .map((s) =>
      workingDaysAfter(
        beijingDate(at(s.hour)),
        beijingDate(at(s.hour + (s.acknowledgedAfter ?? 0))),
        defaultCalendar,
      ),
    )
    .sort((x, y) => x - y);
  const middle = (days.length - 1) / 2;
  const issued = notices
    .map((n, i) => ({ ...n, i }))
    .filter((n) => units.includes(n.unit) && inPeriod(n.hour));
  const answered = issued.filter((n) => n.answeredAfter !== null);
  const onTime = answered.filter((n) => beijingDate(at(n.hour + (n.answeredAfter ?? 0))) <= dueOf(n));
  const open = issued.filter((n) => n.answeredAfter === null && !n.ended);
  return {
    unitId,
    yellow: counted.filter((s) => s.level === 0).length,
    red: red.length,
    redLevels: levels.map((level) => ({ level, steps: red.filter((s) => s.level === level).length })),
    redAcknowledged: days.length,
    acknowledgeDays: {
      median: days.length ? ((days[Math.floor(middle)] ?? 0) + (days[Math.ceil(middle)] ?? 0)) / 2 : null,
      longest: days.length ? (days[days.length - 1] ?? 0) : null,
    },
    notices: {
      issued: issued.length,
      answeredOnTime: onTime.length,
      answeredLate: answered.length - onTime.length,
      waiting: open.filter((n) => dueOf(n) >= today).length,
      overdue: open.filter((n) => dueOf(n) < today).length,
      ended: issued.filter((n) => n.answeredAfter === null && n.ended).length,
      returned: issued.reduce((total, n) => total + n.returns, 0),
    },
    casesSupervised: new Set(issued.map((n) => petitionOf(petitions, n.i))).size,
  };
}
