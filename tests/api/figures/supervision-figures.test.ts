import type { SupervisionFigures, SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The 督办 figures of Art 41's 通报 over February 2026 (the kit starts on 2 March): the steps and
 * 督办单 of the period's first and last Beijing instants counted, those a millisecond outside not;
 * a withdrawn red not counted; a unit head sees his own subtree, and is refused another's.
 */
describe('督办 figures (GET /api/figures/supervision)', () => {
  let kit: PetitionKit;
  const february = { from: '2026-02-01', to: '2026-02-28' };
  const url = (query: Record<string, string>) => `/api/figures/supervision?${new URLSearchParams(query)}`;
  let next = 0;
  const id = () => {
    next += 1;
    return `SUPFIG${String(next).padStart(20, '0')}`;
  };

  const step = (code: string, level: number, reachedAt: string, extra: Record<string, string> = {}) =>
    kit.app.db
      .insertInto('escalation')
      .values({
        id: id(),
        petition_id: id(),
        clock_key: `handling:${next}:x`,
        clock_name: 'handling',
        level,
        flag: level === 0 ? 'yellow' : 'red',
        unit_id: kit.unit(code),
        due_date: '2026-01-30',
        reached_at: reachedAt,
        withdrawn_at: null,
        ...extra,
      })
      .execute();
  const notice = (code: string, issuedAt: string, dueDate: string, answeredAt: string | null) =>
    kit.app.db
      .insertInto('supervision_notice')
      .values({
        petition_id: id(),
        no: 1,
        unit_id: kit.unit(code),
        issued_by: kit.staffId('supervisor'),
        issued_at: issuedAt,
        concern: 'overdue',
        due_date: dueDate,
        answered_at: answeredAt,
        answered_by: answeredAt ? kit.staffId('ds.handler') : null,
        review: null,
        reviewed_by: null,
        reviewed_at: null,
        review_note: null,
      })
      .execute();

  beforeAll(async () => {
    kit = await PetitionKit.start();
    // 安全科: raised at the first instant of 1 February (Beijing), acknowledged on the 3rd — two
    // working days; one a millisecond before the period, one just after it, one withdrawn.
    await step('JA-DS-AQK', 1, '2026-01-31T16:00:00.000Z', {
      acknowledged_at: '2026-02-03T02:00:00.000Z',
      acknowledged_by: kit.staffId('ds.head'),
    });
    await step('JA-DS-AQK', 1, '2026-01-31T15:59:59.999Z');
    await step('JA-DS-AQK', 1, '2026-02-28T16:00:00.000Z');
    await step('JA-DS-AQK', 1, '2026-02-10T02:00:00.000Z', { withdrawn_at: '2026-02-11T02:00:00.000Z' });
    await step('JA-DS-AQK', 0, '2026-02-05T02:00:00.000Z');
    // 东山煤矿: a red two levels up at the period's last instant.
    await step('JA-DS', 2, '2026-02-28T15:59:59.999Z');
    // 西河煤矿: two reds, and a 督办单 still unanswered past its date.
    await step('JA-XH', 1, '2026-02-15T02:00:00.000Z');
    await step('JA-XH', 1, '2026-02-16T02:00:00.000Z');
    await notice('JA-XH', '2026-02-12T02:00:00.000Z', '2026-02-25', null);
    // 安全科's 督办单 due on the 20th: one answered at its last instant, one at the next day's first.
    await notice('JA-DS-AQK', '2026-02-10T02:00:00.000Z', '2026-02-20', '2026-02-20T15:59:59.999Z');
    await notice('JA-DS-AQK', '2026-02-11T02:00:00.000Z', '2026-02-20', '2026-02-20T16:00:00.000Z');
  }, 120_000);
  afterAll(() => kit?.close());

  const figures = async (who: string, query: Record<string, string> = february) => {
    const response = await kit.http(who, 'GET', url(query));
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SupervisionFigures;
  };
  const brief = (row: SupervisionFiguresRow) => ({
    unitId: row.unitId,
    yellow: row.yellow,
    redLevels: row.redLevels,
    redAcknowledged: row.redAcknowledged,
    acknowledgeDays: row.acknowledgeDays,
    notices: row.notices,
  });
  const notices = (counts: Partial<SupervisionFiguresRow['notices']>) => ({
    issued: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    waiting: 0,
    overdue: 0,
    ended: 0,
    returned: 0,
    ...counts,
  });

  it('counts the period’s steps and notices per unit, worst first, for the group', async () => {
    const group = await figures('leader');
    expect(group.period).toEqual(february);
    expect(group.rows.map(brief)).toEqual([
      {
        unitId: kit.unit('JA-XH'),
        yellow: 0,
        redLevels: [{ level: 1, steps: 2 }],
        redAcknowledged: 0,
        acknowledgeDays: { median: null, longest: null },
        notices: notices({ issued: 1, overdue: 1 }),
      },
      {
        unitId: kit.unit('JA-DS-AQK'),
        yellow: 1,
        redLevels: [{ level: 1, steps: 1 }],
        redAcknowledged: 1,
        acknowledgeDays: { median: 2, longest: 2 },
        notices: notices({ issued: 2, answeredOnTime: 1, answeredLate: 1 }),
      },
      {
        unitId: kit.unit('JA-DS'),
        yellow: 0,
        redLevels: [{ level: 2, steps: 1 }],
        redAcknowledged: 0,
        acknowledgeDays: { median: null, longest: null },
        notices: notices({}),
      },
    ]);
    expect(group.total).toMatchObject({ label: '合计', yellow: 1, red: 4, casesSupervised: 3 });
    expect(group.total.notices).toEqual(
      notices({ issued: 3, answeredOnTime: 1, answeredLate: 1, overdue: 1 }),
    );
  });

  it('shows a unit head his own subtree alone, and refuses him another unit’s', async () => {
    const east = await figures('ds.head');
    expect(east.rows.map((r) => r.unitId)).toEqual([kit.unit('JA-DS-AQK'), kit.unit('JA-DS')]);
    expect(east.total).toMatchObject({ yellow: 1, red: 2, casesSupervised: 2 });
    expectError(
      await kit.http('ds.head', 'GET', url({ ...february, unitId: kit.unit('JA-XH') })),
      403,
      'FORBIDDEN',
    );
    // A handler reads his own unit's alone (the figures' access rule).
    const own = await figures('ds.handler');
    expect(own).toMatchObject({ subtree: false, unit: { id: kit.unit('JA-DS-AQK') } });
    expect(own.rows.map((r) => r.unitId)).toEqual([kit.unit('JA-DS-AQK')]);
    expectError(await kit.http('ds.handler', 'GET', url({ ...february, subtree: 'true' })), 403, 'FORBIDDEN');
  });

  it('refuses a period ending before it begins, or not begun', async () => {
    expectError(
      await kit.http('leader', 'GET', url({ from: '2026-02-28', to: '2026-02-01' })),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('leader', 'GET', url({ from: '2026-04-01', to: '2026-04-30' })),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('leader', 'GET', url({ from: 'February', to: '2026-02-28' })),
      400,
      'VALIDATION_FAILED',
    );
  });
});
