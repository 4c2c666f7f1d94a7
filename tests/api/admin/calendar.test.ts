import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@xinfang/server/app';
import { runDeadlineJob } from '@xinfang/server/jobs/deadlines';
import { recountWithCalendar } from '@xinfang/server/modules/calendar/calendar-recount';
import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import { petitionDeps } from '@xinfang/server/petitions/deps';
import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import { createPetitionWriter } from '@xinfang/server/petitions/petition-writer';
import { hydrate } from '@xinfang/server/petitions/repository';
import { createTestDatabase, testConfig, testDialect, UNTIL_DONE } from '@xinfang/server/testing';
import {
  type Calendar,
  createCalendar,
  nextDueAmong,
  OFFICIAL_CALENDAR_YEARS,
  runningClocksOf,
} from '@xinfang/shared/clocks';
import type { AdminCalendar, CalendarPreview } from '@xinfang/shared/schemas/admin';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answeredSuggestion } from '../aftercare/support';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

/** What a case's row holds when no deadline runs (server/src/modules/petitions/next-due.ts). */
const NO_DUE = '9999-12-31T23:59:59.999Z';
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤，夜班加班属实。',
  decision: '补发全部夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

/** The 2027 schedule as the State Council's notice words it (the days here are for the test). */
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月14日（周日）、2月20日（周六）上班。
三、清明节：4月5日（周一）放假，共1天。`;

/**
 * The working-day calendar as administrators keep it (issue 17): from November the next year's
 * schedule is awaited, and the app says so; a year is uploaded from the State Council's notice,
 * previewed day by day, and every clock counts with it at once. Only the group's administrator
 * uploads (it counts everyone's days).
 */
describe('the working-day calendar, kept by its administrators', () => {
  let kit: PetitionKit;
  const view = async (who: string) => {
    const response = await kit.http(who, 'GET', '/api/admin/calendar');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AdminCalendar;
  };

  beforeAll(async () => {
    // 3 December 2026, 09:00 in Beijing: 2027 is not shipped.
    kit = await PetitionKit.start({ at: '2026-12-03T01:00:00.000Z' });
  }, 60_000);
  afterAll(() => kit?.close());

  it('says from November that next year is missing, and who may upload it', async () => {
    const calendar = await view('admin');
    expect(calendar.missingYear).toBe(2027);
    expect(calendar.mayUpload).toBe(true);
    expect(calendar.years.map((y) => [y.year, y.source])).toEqual([
      [2024, 'shipped'],
      [2025, 'shipped'],
      [2026, 'shipped'],
    ]);
    expect((await view('ds.sysadmin')).mayUpload).toBe(false);
    const health = (await kit.http('admin', 'GET', '/api/admin/health')).json() as { calendar: unknown };
    expect(health.calendar).toEqual({ years: [2024, 2025, 2026], missingYear: 2027 });
  });

  it('previews the notice: the weekdays off and the weekends worked, nothing saved', async () => {
    const response = await kit.http('ds.sysadmin', 'POST', '/api/admin/calendar/preview', {
      year: 2027,
      text: NOTICE_2027,
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as CalendarPreview;
    expect(preview.replaces).toBeNull();
    expect(preview.year.holidays.map((h) => h.name)).toEqual(['元旦', '春节', '清明节']);
    // Against the statutory holidays the year rests on without it (元旦, 春节 from 除夕 to 初三,
    // 清明 …): this notice moves 春节 a day on and lengthens it, and names no other holiday.
    expect(preview.changes).toEqual([
      { date: '2027-02-05', weekday: 5, working: true, holiday: null },
      { date: '2027-02-09', weekday: 2, working: false, holiday: '春节' },
      { date: '2027-02-10', weekday: 3, working: false, holiday: '春节' },
      { date: '2027-02-11', weekday: 4, working: false, holiday: '春节' },
      { date: '2027-02-12', weekday: 5, working: false, holiday: '春节' },
      { date: '2027-02-14', weekday: 0, working: true, holiday: null },
      { date: '2027-02-20', weekday: 6, working: true, holiday: null },
      { date: '2027-06-09', weekday: 3, working: true, holiday: null },
      { date: '2027-09-15', weekday: 3, working: true, holiday: null },
      { date: '2027-10-01', weekday: 5, working: true, holiday: null },
    ]);
    expect(kit.app.calendar.covers(2027)).toBe(false);
  });

  it('refuses a notice it cannot read, with what is wrong, and a year already past', async () => {
    const unreadable = await kit.http('admin', 'POST', '/api/admin/calendar/preview', {
      year: 2027,
      text: '元旦,2027-01-01,2027-01-03\n上班,2027-02-15',
    });
    const error = expectError(unreadable, 400, 'VALIDATION_FAILED');
    expect(error.message).toContain('调休上班日 2027-02-15 本来就是工作日');
    expectError(
      await kit.http('admin', 'PUT', '/api/admin/calendar/years', { year: 2025, text: '元旦,2025-01-01' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("refuses the current year's notice that changes days already past, naming them", async () => {
    // 3 December 2026: a 2026 notice holding only 元旦 would erase 春节 and 国庆 after the fact.
    const onlyNewYear = { year: 2026, text: '元旦,2026-01-01,2026-01-03' };
    for (const path of ['/api/admin/calendar/preview', '/api/admin/calendar/years']) {
      const error = expectError(
        await kit.http('admin', path === '/api/admin/calendar/years' ? 'PUT' : 'POST', path, onlyNewYear),
        400,
        'VALIDATION_FAILED',
      );
      expect(error.message).toContain('今天以前的日子不能再改');
      expect(error.message).toContain('2026-02-16');
    }
    expect((await kit.audit('2026')).map((a) => a.action)).toEqual([]);
    // The same year changing only days still to come is read as usual.
    const shipped = OFFICIAL_CALENDAR_YEARS.find((y) => y.year === 2026);
    const table = [
      ...(shipped?.holidays ?? []).map((h) => `${h.name},${h.from},${h.to}`),
      ...(shipped?.makeUpWorkdays ?? []).map((d) => `上班,${d}`),
      '年终盘点,2026-12-31,2026-12-31',
    ].join('\n');
    const ahead = await kit.http('admin', 'POST', '/api/admin/calendar/preview', { year: 2026, text: table });
    expect(ahead.statusCode, ahead.body).toBe(200);
    expect((ahead.json() as CalendarPreview).changes.map((c) => c.date)).toEqual(['2026-12-31']);
  });

  it('uploads a year for the group only, and every clock counts with it at once', async () => {
    expectError(
      await kit.http('ds.sysadmin', 'PUT', '/api/admin/calendar/years', { year: 2027, text: NOTICE_2027 }),
      403,
      'FORBIDDEN',
    );
    const saved = await kit.http('admin', 'PUT', '/api/admin/calendar/years', {
      year: 2027,
      text: NOTICE_2027,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const calendar = saved.json() as AdminCalendar;
    expect(calendar.missingYear).toBeNull();
    expect(calendar.years.at(-1)).toMatchObject({
      year: 2027,
      source: 'uploaded',
      holidays: 3,
      makeUpWorkdays: 2,
      uploadedBy: '赵敏（系统管理员）',
    });
    expect(kit.app.calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(kit.app.calendar.isWorkingDay('2027-02-14')).toBe(true);
    // The app counts the same days: the public calendar serves the year.
    const published = (await request(kit.app, 'GET', '/api/calendar')).json() as {
      years: number[];
      extraYears: { year: number }[];
    };
    expect(published.years).toContain(2027);
    expect(published.extraYears.map((y) => y.year)).toEqual([2027]);
    expect((await kit.audit('2027')).map((a) => a.action)).toEqual(['calendar.upload_year']);
    // Which days changed, not only how many: each with what it now is.
    const uploaded = JSON.parse((await kit.audit('2027'))[0]?.details ?? '{}');
    const dates = String(uploaded.changedDates).split(',');
    expect(dates).toHaveLength(uploaded.changedDays);
    expect(dates).toContain('2027-02-14:上班');
    expect(dates.filter((d) => d.endsWith(':春节')).length).toBeGreaterThan(0);

    // Uploaded again, the same year replaces the first upload.
    const again = await kit.http('admin', 'POST', '/api/admin/calendar/preview', {
      year: 2027,
      text: NOTICE_2027.replace('三、清明节：4月5日（周一）放假，共1天。', ''),
    });
    expect((again.json() as CalendarPreview).replaces).toBe('uploaded');
    expect((again.json() as CalendarPreview).changes).toEqual([
      { date: '2027-04-05', weekday: 1, working: true, holiday: null },
    ]);
  });

  it('is read back from the database by every instance', async () => {
    await kit.app.db.deleteFrom('calendar_year').execute();
    await kit.app.calendarYears.reload();
    expect(kit.app.calendar.covers(2027)).toBe(false);
    await kit.http('admin', 'PUT', '/api/admin/calendar/years', { year: 2027, text: NOTICE_2027 });
    await kit.app.db
      .updateTable('calendar_year')
      .set({ data: '{"holidays":[],"makeUpWorkdays":["2027-03-06"]}' })
      .execute();
    await kit.app.calendarYears.reload();
    expect(kit.app.calendar.isWorkingDay('2027-03-06')).toBe(true);
  });
});

/**
 * What is stored of each case counted with the calendar — its next due date (the inbox's order and
 * overdue count), the inbox tallies, the figures — follows a new year at once, after an upload and
 * at a start with another CALENDAR_FILE: the case page, the inbox and the figures agree.
 */
describe('what is stored of each case, when a year is added', () => {
  let kit: PetitionKit;
  const cases: Record<'open' | 'replied' | 'closed', string> = { open: '', replied: '', closed: '' };

  beforeAll(async () => {
    // 10 December 2026: 60 days (Art 34) end on 8 February 2027, 正月初三.
    kit = await PetitionKit.start({ at: '2026-12-10T01:00:00.000Z' });
    cases.open = (await kit.submit('13800000001')).petition.id;
    await kit.act('ds.reception', cases.open, 'accept');
    // A request answered the same day: its answer is counted on the handling period's last day.
    cases.replied = (await kit.submit('13800000002')).petition.id;
    await kit.act('ds.reception', cases.replied, 'accept');
    await kit.act('ds.head', cases.replied, 'draft_reply', LETTER);
    await kit.act('ds.head', cases.replied, 'approve_reply');
    await kit.act('ds.head', cases.replied, 'issue_reply');
    await kit.openAnswer('13800000002', cases.replied);
    // A suggestion answered, rated and closed: its answer is counted on that day too.
    cases.closed = await answeredSuggestion(kit, '13900000003');
    await kit.act('13900000003', cases.closed, 'rate', { rating: 'satisfied' });
    expect((await runDeadlineJob(petitionDeps(kit.app), kit.now())).closed).toBe(1);
  }, 120_000);
  afterAll(() => kit?.close());

  const storedDue = async (id: string) =>
    (
      await kit.app.db
        .selectFrom('petition')
        .select('next_due_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).next_due_at;
  const handling = async (id: string) =>
    (await kit.detail('ds.head', id)).clocks.find((c) => c.name === 'handling');
  /** Every case's stored next due date as counted afresh, the tallies and rollups as recounted. */
  const expectCountedWith = async (calendar: Calendar) => {
    const rows = await kit.app.db.selectFrom('petition').selectAll().execute();
    for (const { row, petition } of await hydrate(kit.app.db, rows)) {
      const first = nextDueAmong(runningClocksOf(petition), calendar, kit.now().toISOString(), (c) => {
        return c.kind === 'deadline';
      });
      expect(row.next_due_at, row.number).toBe(first?.due ?? NO_DUE);
    }
    expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
    expect(await storedRollups(kit.app.db)).toEqual(await recountRollups(kit.app.db, calendar));
  };

  it('after an upload: the due dates, the inbox tallies and the figures are counted with it', async () => {
    // Without the notice the period ends on Tuesday the 9th; the case page says it is provisional.
    expect(await handling(cases.open)).toMatchObject({ dueDate: '2027-02-09', calendarComplete: false });
    expect(await storedDue(cases.open)).toBe('2027-02-09T15:59:59.999Z');

    const saved = await kit.http('admin', 'PUT', '/api/admin/calendar/years', {
      year: 2027,
      text: NOTICE_2027,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await kit.app.calendarYears.settled();
    // 春节 runs to Saturday the 13th and Sunday the 14th is worked: the period ends then.
    expect(await handling(cases.open)).toMatchObject({ dueDate: '2027-02-14', calendarComplete: true });
    expect(await storedDue(cases.open)).toBe('2027-02-14T15:59:59.999Z');
    await expectCountedWith(kit.app.calendar);
    for (const id of [cases.replied, cases.closed]) expect((await handling(id))?.dueDate).toBe('2027-02-14');

    const moves = (await kit.audit(cases.open)).filter((e) => e.action === 'petition.due_moved');
    expect(moves).toMatchObject([{ actor_type: 'staff', actor_id: kit.staffId('admin') }]);
    const counts = await kit.app.db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('action', '=', 'calendar.recount')
      .execute();
    // The first count also takes in the years after 2027 that now rest on their statutory holidays.
    expect(counts.map((c) => c.target_id)).toEqual(['2027,2028,2029,2030,2031,2032,2033,2034,2035']);
    expect(JSON.parse(counts[0]?.details ?? '{}')).toMatchObject({ moved: 1, counted: 2 });
  });

  it('at a start with another CALENDAR_FILE, once', async () => {
    // A file that gives 春节 2027 four days more than the notice.
    const calendar = createCalendar([
      { year: 2027, holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-17' }], makeUpWorkdays: [] },
    ]);
    const deps = {
      db: kit.app.db,
      calendar,
      writer: createPetitionWriter({ calendar, notify: kit.app.notifications.effect }),
    };
    const system = { actorType: 'system', actorId: null, unitPath: null, ip: null, requestId: null } as const;
    const context = { actor: system, now: kit.now() };
    expect(await recountWithCalendar(deps, context)).toMatchObject({ years: [2027], moved: 1, counted: 2 });
    await expectCountedWith(calendar);
    expect(await storedDue(cases.open)).toBe('2027-02-18T15:59:59.999Z');
    // Started again with the same file: nothing left to count.
    expect(await recountWithCalendar(deps, context)).toBeNull();
  });
});

/**
 * Several instances on one database (docs/deployment.md): a year uploaded on one is counted with
 * by every other before its next write, and what another wrote with the old calendar while the
 * upload was being counted is counted again.
 */
describe('a year uploaded on one instance, on the others', () => {
  let kit: PetitionKit;
  let other: FastifyInstance;
  let drop = async () => {};
  const OLD_DUE = '2027-02-09T15:59:59.999Z';
  const NEW_DUE = '2027-02-14T15:59:59.999Z';
  const storedDue = async (id: string) =>
    (
      await kit.app.db
        .selectFrom('petition')
        .select('next_due_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).next_due_at;

  beforeAll(async () => {
    let url: string;
    if (testDialect() === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'xinfang-calendar-'));
      url = `sqlite:${join(dir, 'xinfang.db')}`;
      drop = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      ({ url, drop } = await createTestDatabase());
    }
    kit = await PetitionKit.start({ at: '2026-12-10T01:00:00.000Z', config: { databaseUrl: url } });
    other = await buildApp(testConfig({ databaseUrl: url, uploadDir: kit.t.config.uploadDir }));
    await other.ready();
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await kit?.close();
    await drop();
  });

  it('counts with it before its next write, and counts again what it wrote with the old one', async () => {
    const first = (await kit.submit('13800000011')).petition.id;
    const second = (await kit.submit('13800000012')).petition.id;
    await kit.act('ds.reception', second, 'accept');
    expect(await storedDue(second)).toBe(OLD_DUE);
    expect(other.calendar.covers(2027)).toBe(false);

    // Work on the other instance that began before the upload and ends after it was counted, as a
    // write counted with the calendar it then had: it stores the old due date.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let begun = false;
    const inFlight = other.calendarYears.counting(async () => {
      begun = true;
      await gate;
      await other.db
        .updateTable('petition')
        .set({ next_due_at: OLD_DUE, updated_at: new Date().toISOString() })
        .where('id', '=', second)
        .execute();
    });
    await vi.waitFor(() => expect(begun).toBe(true), UNTIL_DONE);

    const saved = await kit.http('admin', 'PUT', '/api/admin/calendar/years', {
      year: 2027,
      text: NOTICE_2027,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await kit.app.calendarYears.settled();
    expect(await storedDue(second)).toBe(NEW_DUE);

    // The other instance's next write counts with the uploaded year.
    const accepted = await request(other, 'POST', `/api/petitions/${first}/actions`, {
      token: await kit.sessions.token('ds.reception'),
      body: { type: 'accept', params: {}, version: kit.versions.get(first) },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(other.calendar.isWorkingDay('2027-02-14')).toBe(true);
    expect(await storedDue(first)).toBe(NEW_DUE);

    // The work begun with the old calendar ends; what it wrote is then counted again.
    release();
    await inFlight;
    await other.calendarYears.settled();
    expect(await storedDue(second)).toBe(NEW_DUE);
    const moves = (await kit.audit(second)).filter((e) => e.action === 'petition.due_moved');
    expect(moves.map((m) => m.actor_type)).toEqual(['staff', 'system']);
  });
});
