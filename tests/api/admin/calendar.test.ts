import type { AdminCalendar, CalendarPreview } from '@xinfang/shared/schemas/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';

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
describe('the working-day calendar, kept by its administrators', { timeout: 30_000 }, () => {
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
    expect(preview.changes).toEqual([
      { date: '2027-01-01', weekday: 5, working: false, holiday: '元旦' },
      { date: '2027-02-08', weekday: 1, working: false, holiday: '春节' },
      { date: '2027-02-09', weekday: 2, working: false, holiday: '春节' },
      { date: '2027-02-10', weekday: 3, working: false, holiday: '春节' },
      { date: '2027-02-11', weekday: 4, working: false, holiday: '春节' },
      { date: '2027-02-12', weekday: 5, working: false, holiday: '春节' },
      { date: '2027-02-14', weekday: 0, working: true, holiday: null },
      { date: '2027-02-20', weekday: 6, working: true, holiday: null },
      { date: '2027-04-05', weekday: 1, working: false, holiday: '清明节' },
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
