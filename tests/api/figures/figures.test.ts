import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import { seedDemoHistory } from '@xinfang/server/seed/demo-history';
import { RATE_NAMES } from '@xinfang/shared/figures';
import type { Figures, UnitTable } from '@xinfang/shared/schemas/figures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj } from '../notifications/support';
import { clock, expectError, PetitionKit } from '../petitions/kit';

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

  it('sets the two mines side by side with the contrast of their histories (各单位对比)', async () => {
    const year = { from: kit.beijingDate(-430), to: kit.beijingDate(0) };
    const response = await kit.http('leader', 'GET', `/api/figures/units?${new URLSearchParams(year)}`);
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = response.json() as UnitTable;
    const cell = (code: string, column: string) =>
      rows.find((r) => r.unitId === kit.unit(code))?.cells.find((c) => c.column === column)?.value ?? NaN;
    // 西河煤矿: fewer petitions, answered on time and rated satisfied less often; its repeats, its
    // group visit and the answers it owes past their 60 days, beside 东山煤矿's.
    expect(cell('JA-XH', 'received')).toBeGreaterThanOrEqual(15);
    expect(cell('JA-XH', 'received')).toBeLessThan(cell('JA-DS', 'received') / 3);
    for (const rate of ['on_time.first', 'satisfaction.first'])
      expect(cell('JA-XH', rate), rate).toBeLessThan(cell('JA-DS', rate) - 0.15);
    expect(cell('JA-XH', 'repeat')).toBeGreaterThanOrEqual(2);
    expect(cell('JA-XH', 'collective')).toBe(1);
    expect(cell('JA-XH', 'late.first')).toBeGreaterThanOrEqual(7);
    // Every follow-up of 西河煤矿's concluded cases made by its head, as 东山煤矿's by its own.
    const overdue = await kit.http('xh.head', 'GET', '/api/follow-ups?status=overdue');
    expect(overdue.json().items).toEqual([]);
    const done = await kit.http('xh.head', 'GET', '/api/follow-ups?status=done');
    expect(done.json().items.length).toBeGreaterThan(5);
  });

  it('keeps the rollups equal to a recount through the demo cases, the deadline job and repeat links', async () => {
    expect((await storedRollups(kit.app.db)).size).toBeGreaterThan(0);
    await expectRecounted();
    // 重复信访 is the same person on the same matter: two of one petitioner's petitions, the later
    // linked to nothing yet, make the later one a repeat.
    const rows = await kit.app.db
      .selectFrom('petition')
      .select(['id', 'petitioner_id'])
      .where('kind', '<>', 'accusation')
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    const linked = new Set(
      (await kit.app.db.selectFrom('petition_link').select('petition_id').execute()).map(
        (l) => l.petition_id,
      ),
    );
    const [a, b] =
      rows.flatMap((first, i) =>
        rows
          .slice(i + 1)
          .filter((later) => later.petitioner_id === first.petitioner_id && !linked.has(later.id))
          .map((later) => [first, later]),
      )[0] ?? [];
    const repeatFacts = async (id = b?.id ?? '') =>
      (
        await kit.app.db
          .selectFrom('figure_fact')
          .select('metric')
          .where('petition_id', '=', id)
          .where('metric', '=', 'repeat')
          .execute()
      ).length;
    expect(await repeatFacts()).toBe(0);
    const link = await kit.http('head', 'POST', `/api/petitions/${b?.id}/links`, { petitionId: a?.id });
    expect(link.statusCode, link.body).toBe(200);
    await expectRecounted();
    expect(await repeatFacts()).toBe(1);
    // Two people who each signed in are two people: their petitions are never one matter.
    const x = (await kit.submit('13900000031')).petition.id;
    const y = (await kit.submit('13900000032')).petition.id;
    const refused = await kit.http('head', 'POST', `/api/petitions/${y}/links`, { petitionId: x });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.json().error.message).toBe('只能关联同一信访人的信访事项');
    expect(await repeatFacts(y)).toBe(0);
    await expectRecounted();
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

/**
 * The figures as managers read them (the audit of the figures): an answer given late stays late
 * when the case is handled again, a limit that ran out stays owed when the case ends otherwise,
 * an undecided petition is owed on its 15th day, a final answer rated satisfied is 化解, and 同比
 * of a whole month is that whole month a year before — and the rollups still equal a recount.
 */
describe('figures by the rules managers read', () => {
  let kit: PetitionKit;
  const YEARS = { from: '2026-01-01', to: '2027-12-31' };
  const LETTER = { request: '改进', factsAndReasons: '查明', decision: '采纳', outcome: 'adopted' };

  beforeAll(async () => {
    kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  }, 120_000);
  afterAll(() => kit?.close());

  async function figures(query: Record<string, string> = YEARS): Promise<Figures> {
    const response = await kit.http('leader', 'GET', url(query));
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Figures;
  }
  const url = (query: Record<string, string>) => `/api/figures?${new URLSearchParams(query)}`;
  const n = (f: Figures, metric: string) => f.counts.find((c) => c.metric === metric)?.value ?? 0;
  /** What `run` added to each count over both years. */
  async function added(run: () => Promise<void>): Promise<(metric: string) => number> {
    const before = await figures();
    await run();
    const after = await figures();
    return (metric) => n(after, metric) - n(before, metric);
  }
  const answer = async (id: string, letter: Record<string, string> = LETTER) => {
    await kit.act('ds.head', id, 'draft_reply', letter);
    await kit.act('ds.head', id, 'approve_reply');
    return kit.act('ds.head', id, 'issue_reply');
  };

  it('counts a period reaching past today up to today, and compares it with the same days before', async () => {
    // 2026-03-02 in Beijing: the year so far against the same days of 2025.
    const year = await figures({ from: '2026-01-01', to: '2026-12-31' });
    expect([year.period, year.previousYear, year.previousPeriod]).toEqual([
      { from: '2026-01-01', to: '2026-03-02' },
      { from: '2025-01-01', to: '2025-03-02' },
      { from: '2025-01-01', to: '2025-03-02' },
    ]);
    expect(year.counts.find((c) => c.metric === 'received')?.ledger).toMatchObject({ to: '2026-03-02' });
    // This month so far against the same days of last month (上月同期), not February's last days.
    const month = await figures({ from: '2026-03-01', to: '2026-03-02' });
    expect(month.previousPeriod).toEqual({ from: '2026-02-01', to: '2026-02-02' });
    const quarter = await figures({ from: '2026-01-01', to: '2026-03-31' });
    expect([quarter.period.to, quarter.previousPeriod]).toEqual([
      '2026-03-02',
      { from: '2025-10-01', to: '2025-12-02' },
    ]);
    expectError(
      await kit.http('leader', 'GET', url({ from: '2026-03-03', to: '2026-03-31' })),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('keeps a late, unsatisfying answer counted when the case is handled again', async () => {
    const phone = '13900000011';
    let id = '';
    const change = await added(async () => {
      ({
        petition: { id },
      } = await kit.submit(phone, { kind: 'suggestion', categoryCode: 'management_suggestion' }));
      await kit.act('ds.reception', id, 'accept');
      kit.tick({ days: 70 }); // ten days late
      await answer(id);
      await kit.openAnswer(phone, id);
      await kit.act(phone, id, 'rate', { rating: 'unsatisfied' });
      kit.tick({ days: 1 });
      await kit.act('ds.head', id, 'decide_rehandling', { rehandle: true, reason: '再查' });
      kit.tick({ days: 3 });
      await answer(id);
      await kit.openAnswer(phone, id);
      await kit.act(phone, id, 'rate', { rating: 'satisfied' });
      // The second answer is owed on its own due day, 60 days on: counted once that day has come.
      kit.tick({ days: 61 });
    });
    expect(
      ['owed', 'answered', 'on_time', 'replied', 'rated', 'satisfied'].map((m) => change(`${m}.first`)),
    ).toEqual([2, 2, 1, 2, 2, 1]);
  });

  it('keeps a limit that ran out owed and late when the case is withdrawn afterwards', async () => {
    const phone = '13900000003';
    const { petition } = await kit.submit(phone);
    const accepted = await kit.act('ds.reception', petition.id, 'accept');
    const due = clock(accepted, 'handling').dueDate;
    kit.tick({ days: 70 });
    const change = await added(() =>
      kit.act(phone, petition.id, 'withdraw', { reason: '算了' }).then(() => {}),
    );
    expect([change('owed.first'), change('on_time.first')]).toEqual([0, 0]);
    const onDue = await figures({ from: due, to: due });
    expect([n(onDue, 'owed.first'), n(onDue, 'on_time.first')]).toEqual([1, 0]);
    expect(onDue.rates.find((r) => r.rate === 'on_time.first')?.value).toBe(0);
  });

  it('counts a petition left undecided past 15 days against timely acceptance and notice', async () => {
    const { petition } = await kit.submit('13900000004');
    const due = clock(petition, 'triage').dueDate;
    kit.tick({ days: 20 });
    const onDue = await figures({ from: due, to: due });
    expect([n(onDue, 'triage_owed'), n(onDue, 'triaged_on_time')]).toEqual([1, 0]);
    expect([n(onDue, 'notice_owed'), n(onDue, 'notified_on_time')]).toEqual([1, 0]);
    for (const rate of ['timely_acceptance', 'timely_notice'])
      expect(onDue.rates.find((r) => r.rate === rate)?.value, rate).toBe(0);
    const change = await added(async () => {
      await kit.act('ds.reception', petition.id, 'assign', {
        unit: kit.unit('JA-DS-AQK'),
        reportBackBy: kit.beijingDate(20),
      });
    });
    expect(['triaged', 'triage_owed', 'triaged_on_time', 'assigned'].map(change)).toEqual([1, 0, 0, 1]);
  });

  it('counts a case rated satisfied after its final answer as 化解', async () => {
    const worker = '13900000005';
    const { petition } = await kit.submit(worker);
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'accept');
    const letter = { ...LETTER, legalBasis: '劳动法', outcome: 'support' };
    await kit.act('ds.handler', id, 'draft_reply', letter);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.handler', id, 'issue_reply');
    await kit.openAnswer(worker, id);
    await kit.act(worker, id, 'request_review', { reason: '不服' });
    await answer(id, letter);
    await kit.openAnswer(worker, id);
    await kit.act(worker, id, 'request_re_examination', { reason: '仍不服' });
    await kit.act('handler', id, 'draft_reply', letter);
    await kit.act('head', id, 'approve_reply');
    const final = await kit.act('handler', id, 'issue_reply');
    expect(final.state).toBe('final');
    await kit.openAnswer(worker, id);
    const change = await added(() => kit.act(worker, id, 'rate', { rating: 'satisfied' }).then(() => {}));
    expect([change('concluded'), change('resolved')]).toEqual([0, 1]);
  });

  it('counts no limit as missed before it runs out, whatever the period asked for', async () => {
    const change = await added(async () => {
      const { petition } = await kit.submit('13900000006');
      await kit.act('ds.reception', petition.id, 'accept');
      kit.tick({ days: 1 });
    });
    // Neither its triage, its notice nor its answer is due yet: nothing owed, nothing late.
    const metrics = ['triage_owed', 'triaged_on_time', 'notice_owed', 'owed.first', 'on_time.first'];
    expect(metrics.map(change)).toEqual([0, 0, 0, 0, 0]);
    expect(['received', 'triaged'].map(change)).toEqual([1, 1]);
  });

  it('counts as 集体访 a visit of five or more, not a joint letter, a call or an online group', async () => {
    const change = await added(async () => {
      const group = (channel: string, headcount: number, phone: string) =>
        kit.register('ds.reception', {
          channel,
          receivedAt: kit.now().toISOString(),
          petitioner: { realName: '赵磊', phone },
          headcount,
          representatives: ['赵磊'],
        });
      await kit.submit('13900000007', { headcount: 8, representatives: ['王芳'] });
      await group('letter', 30, '13900000008');
      await group('call', 6, '13900000009');
      await group('visit', 6, '13900000010');
    });
    expect(['received', 'collective', 'collective_people'].map(change)).toEqual([4, 1, 6]);
  });

  it('counts a visit to a desk more than one level above its unit as 越级访, one level up not', async () => {
    const change = await added(async () => {
      await kit.register('reception', { concernedUnitId: kit.unit('JA-DS-ZC-1') });
      await kit.register('reception', { concernedUnitId: kit.unit('JA-DS') });
      await kit.register('reception', { channel: 'letter', concernedUnitId: kit.unit('JA-DS-ZC-1') });
    });
    expect(['received', 'level_skipping', 'declined_pending_below'].map(change)).toEqual([3, 1, 0]);
  });

  it('compares February with the whole of February a year before, its 29th included', async () => {
    await kit.register('ds.reception', { channel: 'letter', receivedAt: '2024-02-29T02:00:00.000Z' });
    await kit.register('ds.reception', { channel: 'letter', receivedAt: '2025-02-10T02:00:00.000Z' });
    const february = await figures({ from: '2025-02-01', to: '2025-02-28' });
    expect(february.previousYear).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(february.counts.find((c) => c.metric === 'received')).toMatchObject({ value: 1, previousYear: 1 });
  });

  it('keeps the rollups equal to a recount through all of it', async () => {
    expect(await storedRollups(kit.app.db)).toEqual(await recountRollups(kit.app.db, kit.app.calendar));
  });
});
