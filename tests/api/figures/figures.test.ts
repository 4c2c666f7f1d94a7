import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import { seedDemoHistory } from '@xinfang/server/seed/demo-history';
import { RATE_NAMES } from '@xinfang/shared/figures';
import type { Figures } from '@xinfang/shared/schemas/figures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The figures over the demo organisation: its cases went through the write path, so the rollups
 * must equal a recount; then the figures answer each role as the access rule says.
 */
describe('figures', () => {
  let kit: PetitionKit;
  const period = () => ({ from: kit.beijingDate(-180), to: kit.beijingDate(0) });
  const url = (query: Record<string, string>) => `/api/figures?${new URLSearchParams(query)}`;

  beforeAll(async () => {
    kit = await PetitionKit.start();
    await seedDemoHistory(kit.app, kit.now());
    await seedDemoCases(kit.app, kit.now());
  }, 300_000);
  afterAll(() => kit?.close());

  const expectRecounted = async () =>
    expect(await storedRollups(kit.app.db)).toEqual(await recountRollups(kit.app.db, kit.app.calendar));

  it('leaves the history’s follow-ups recorded, but for the cases concluded in the last fortnight', async () => {
    const list = async (status: string) =>
      (await kit.http('ds.head', 'GET', `/api/follow-ups?status=${status}`)).json().items as unknown[];
    expect((await list('done')).length).toBeGreaterThan(10);
    expect((await list('open')).length).toBeGreaterThan(0);
    expect(await list('overdue')).toEqual([]);
  });

  it('keeps the rollups equal to a recount through the demo cases, the deadline job and repeat links', async () => {
    expect((await storedRollups(kit.app.db)).size).toBeGreaterThan(0);
    await expectRecounted();
    const [a, b] = await kit.app.db
      .selectFrom('petition')
      .select('id')
      .orderBy('received_at')
      .limit(2)
      .execute();
    const link = await kit.http('head', 'POST', `/api/petitions/${b?.id}/links`, { petitionId: a?.id });
    expect(link.statusCode, link.body).toBe(200);
    await expectRecounted();
    const metrics = [...(await storedRollups(kit.app.db)).keys()].map((key) => key.split('\u0000')[2]);
    expect(metrics).toContain('repeat');
    kit.tick({ days: 45 });
    await kit.app.jobs.run('deadlines');
    await expectRecounted();
  }, 120_000);

  it('answers the group’s leaders with counts, breakdowns that add up, and rates within 0–1', async () => {
    const response = await kit.http('leader', 'GET', url(period()));
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as Figures;
    const received = figures.counts.find((c) => c.metric === 'received');
    expect(received?.value).toBeGreaterThan(0);
    expect(received?.ledger).toMatchObject({ figure: 'received', ...period() });
    for (const list of Object.values(figures.breakdowns)) {
      expect(list.reduce((sum, e) => sum + e.value, 0)).toBe(received?.value);
    }
    expect(figures.rates.map((r) => r.rate)).toEqual(RATE_NAMES);
    for (const rate of figures.rates) {
      if (rate.value !== null) expect(rate.value).toBeGreaterThanOrEqual(0);
      if (rate.value !== null) expect(rate.value).toBeLessThanOrEqual(1);
    }
    expect(figures.previousPeriod.to < figures.period.from).toBe(true);
    // The demo's history gives every number something to compare with.
    expect(received?.previousYear).toBeGreaterThan(0);
    expect(received?.previousPeriod).toBeGreaterThan(0);
    for (const name of ['timely_acceptance', 'on_time.first', 'satisfaction.first', 'resolution'])
      expect(figures.rates.find((r) => r.rate === name)?.value, name).not.toBeNull();
    expect(figures.counts.find((c) => c.metric === 'collective_people')?.value).toBeGreaterThan(0);
  });

  it('lets a handler read their own unit alone, and nobody read outside their subtree', async () => {
    const own = { ...period(), unitId: kit.unit('JA-DS-AQK') };
    expectError(await kit.http('ds.handler', 'GET', url({ ...own, subtree: 'true' })), 403, 'FORBIDDEN');
    for (const query of [own, { ...own, subtree: 'false' }, period()]) {
      const alone = await kit.http('ds.handler', 'GET', url(query));
      expect(alone.statusCode, alone.body).toBe(200);
      expect(alone.json()).toMatchObject({ subtree: false, breakdowns: { unit: [] } });
    }
    expectError(
      await kit.http('ds.handler', 'GET', url({ ...period(), unitId: kit.unit('JA'), subtree: 'false' })),
      403,
      'FORBIDDEN',
    );
    expectError(
      await kit.http('xh.head', 'GET', url({ ...period(), unitId: kit.unit('JA-DS') })),
      403,
      'FORBIDDEN',
    );
    const mine = await kit.http('ds.head', 'GET', url({ ...own, unitId: kit.unit('JA-DS') }));
    expect(mine.statusCode, mine.body).toBe(200);
    expectError(await kit.http('admin', 'GET', url(period())), 403, 'FORBIDDEN');
    expectError(await kit.http('13800000001', 'GET', url(period())), 403, 'FORBIDDEN');
  });

  it('refuses a period that is not one, in the one error shape', async () => {
    expectError(
      await kit.http('leader', 'GET', url({ from: '2026-02-30', to: '2026-03-01' })),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('leader', 'GET', url({ from: '2026-03-02', to: '2026-03-01' })),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await kit.http('leader', 'GET', '/api/figures?from=2026-03-01'), 400, 'VALIDATION_FAILED');
    expectError(await kit.http('leader', 'GET', url({ ...period(), unitId: 'nope' })), 404, 'NOT_FOUND');
  });
});
