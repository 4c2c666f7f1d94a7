import type {
  MissingReports,
  ScreeningItem,
  ScreeningReport,
  SensitivePeriodList,
} from '@xinfang/shared/schemas/screening';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Sensitive periods (敏感时期), with the server's clock moved: the office declares Wednesday 4 to
 * Friday 6 November 2026; through it every unit reports daily, due that day; the week keeps its
 * other days (2, 3, 7, 8 November) and is due on Tuesday 3rd; a unit late with a day's report is
 * told once, through the outbox.
 */
let kit: PetitionKit;
let sent = 0;
const post = (who: string, url: string, body: unknown) =>
  kit.http(who, 'POST', url, body, { 'idempotency-key': `sensitive-${++sent}-key` });
const missing = async (period: string) => {
  const response = await kit.http('supervisor', 'GET', `/api/screening/reports/missing?period=${period}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MissingReports;
};
const current = async () =>
  ((await kit.http('ds.liaison', 'GET', '/api/screening/sensitive-periods')).json() as SensitivePeriodList)
    .current;
const lateNotices = () =>
  kit.app.db
    .selectFrom('notification')
    .select(['recipient_id', 'dedupe_key'])
    .where('event', '=', 'screening_overdue')
    .execute();

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-11-02T09:00:00') }); // Monday of 2026-W45
});
afterAll(() => kit?.close());

describe('sensitive periods', () => {
  it('the office declares one, from today on, overlapping none', async () => {
    const url = '/api/screening/sensitive-periods';
    const body = { name: '全国性重要会议', from: '2026-11-04', to: '2026-11-06' };
    expectError(await post('ds.head', url, body), 403, 'FORBIDDEN');
    expectError(await post('supervisor', url, { ...body, from: '2026-11-01' }), 400, 'VALIDATION_FAILED');
    expectError(await post('supervisor', url, { ...body, to: '2026-11-03' }), 400, 'VALIDATION_FAILED');
    expectError(await post('supervisor', url, { ...body, to: '2027-03-01' }), 400, 'VALIDATION_FAILED');
    const declared = await post('supervisor', url, body);
    expect(declared.statusCode, declared.body).toBe(201);
    expectError(
      await post('supervisor', url, { ...body, from: '2026-11-06', to: '2026-11-09' }),
      409,
      'ALREADY_EXISTS',
    );
    expect(await current()).toBe('2026-W45');
    expect((await missing('2026-W45')).dueDate).toBe('2026-11-03');
  });

  it('through it, items and reports are daily, due that same day', async () => {
    kit.setTime(bj('2026-11-04T10:00:00'));
    expect(await current()).toBe('2026-11-04');
    const item = await post('ds.liaison', '/api/screening/items', {
      subject: '会议期间班组长调整引起议论',
      involved: '综采一队部分职工',
      headcount: 6,
      grade: 'C',
      responsible: '吴磊',
      measures: '队长当面说明调整原因。',
      deadline: '2026-11-10',
    });
    expect(item.statusCode, item.body).toBe(201);
    expect((item.json() as ScreeningItem).period).toBe('2026-11-04');
    const nil = await post('xh.head', '/api/screening/reports', { period: '2026-11-04', nil: true });
    expect(nil.statusCode, nil.body).toBe(201);
    expect(nil.json()).toMatchObject({ period: '2026-11-04', late: false });
    expectError(
      await post('xh.head', '/api/screening/reports', { period: '2026-11-05', nil: true }),
      400,
      'VALIDATION_FAILED',
    );
    const day = await missing('2026-11-04');
    expect(day.dueDate).toBe('2026-11-04');
    expect(day.missing.map((u) => u.code)).toContain('JA-DS-ZC-1');
    expect(day.missing.map((u) => u.code)).not.toContain('JA-XH');
    expectError(
      await kit.http('supervisor', 'GET', '/api/screening/reports/missing?period=2026-11-09'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a unit late with a day’s report is told once, and its report is marked late', async () => {
    kit.setTime(bj('2026-11-05T08:00:00'));
    await kit.app.jobs.run('screeningReminders');
    const told = await lateNotices();
    const liaison = kit.staffId('ds.liaison');
    expect(told.filter((n) => n.recipient_id === liaison).map((n) => n.dedupe_key)).toContain(
      `screening_overdue:${liaison}:2026-11-04`,
    );
    expect(
      told.some((n) => n.recipient_id === kit.staffId('xh.head') && n.dedupe_key?.endsWith('2026-11-04')),
    ).toBe(false);
    kit.tick({ hours: 2 });
    await kit.app.jobs.run('screeningReminders');
    expect((await lateNotices()).length).toBe(told.length);
    const late = await post('ds.liaison', '/api/screening/reports', { period: '2026-11-04', nil: false });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json() as ScreeningReport).toMatchObject({ late: true, itemCount: 1 });
  });

  it('declared four times at once, it is declared once; the same key at once, answered alike', async () => {
    const url = '/api/screening/sensitive-periods';
    const rows = async (from: string) =>
      (await kit.app.db.selectFrom('sensitive_period').select('id').where('from_date', '=', from).execute())
        .length;
    for (const from of ['2026-12-01', '2026-12-11', '2026-12-21']) {
      const tapped = { name: '年终安全检查', from, to: from };
      const taps = await Promise.all(Array.from({ length: 4 }, () => post('supervisor', url, tapped)));
      expect(taps.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      for (const r of taps.filter((x) => x.statusCode !== 201)) expectError(r, 409, 'ALREADY_EXISTS');
      expect(await rows(from)).toBe(1);
    }

    const headers = { 'idempotency-key': 'sensitive-retried-key' };
    const keyed = { name: '春节前后', from: '2027-02-01', to: '2027-02-03' };
    const retries = await Promise.all(
      Array.from({ length: 3 }, () => kit.http('supervisor', 'POST', url, keyed, headers)),
    );
    expect(retries.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(retries.map((r) => (r.json() as { id: string }).id)).size).toBe(1);
    expect(await rows('2027-02-01')).toBe(1);
    expectError(await kit.http('supervisor', 'POST', url, keyed), 428, 'IDEMPOTENCY_KEY_REQUIRED');
  });

  it('declared from today late in the evening: its retry after midnight gets the first answer', async () => {
    kit.setTime(bj('2026-11-20T23:50:00'));
    const headers = { 'idempotency-key': 'sensitive-midnight-key' };
    const body = { name: '临时重要活动', from: '2026-11-20', to: '2026-11-21' };
    const url = '/api/screening/sensitive-periods';
    const first = await kit.http('supervisor', 'POST', url, body, headers);
    expect(first.statusCode, first.body).toBe(201);
    kit.tick({ minutes: 20 });
    const again = await kit.http('supervisor', 'POST', url, body, headers);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
  });
});
