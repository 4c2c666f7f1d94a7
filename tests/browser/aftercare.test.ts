import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import {
  beijingDateIn,
  call,
  clearOfMidnight,
  MIDNIGHT_WAIT,
  petitionerToken,
  staffToken,
} from './support/api';
import { type AxeFinding, auditBothSizes, current, smallTargets } from './support/app';
import { freshPhone, shown, signInStaff } from './support/staff';

/**
 * Issue 15's reception desk in the browser: a person booked a slot of a leader's reception day;
 * on the day the desk opens 接访日, finds the booking (its topic, no name), and registers what the
 * person raised as a visit — the booking then shows it received, with its case number. The desk
 * publishes a day from the page's form and cancels it with a reason (asked for when left out);
 * a day still to come offers no 到场 / 来访 buttons. Axe on the page, normal and large text; every
 * tap target ≥ 44 px.
 */
describe('the reception desk', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();
  const topic = `矩阵外的接访预约${Date.now()}`;
  let desk: string;
  let dayId: string;

  beforeAll(async () => {
    await clearOfMidnight();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    desk = await staffToken(baseUrl, 'reception');
    const staff = await call<{ id: string; username: string }[]>(baseUrl, 'GET', '/api/staff?q=leader', {
      token: desk,
    });
    // Today's: the desk registers a visit on the day only. It is cancelled once done (afterAll),
    // so the other suites still find the demo's own day first in the public list.
    const date = beijingDateIn(0);
    const day = await call<{ id: string; version: number }>(baseUrl, 'POST', '/api/reception-days', {
      token: desk,
      headers: { 'idempotency-key': `browser-reception-day-${Date.now()}` },
      body: {
        leaderId: staff.body.find((s) => s.username === 'leader')?.id,
        date,
        place: '集团信访接待室',
        topics: '职工住房',
        slots: [{ from: '00:00', to: '23:59', capacity: 1 }],
      },
    });
    expect(day.status, JSON.stringify(day.body)).toBe(201);
    dayId = day.body.id;
    const booked = await call(baseUrl, 'POST', `/api/reception-days/${day.body.id}/bookings`, {
      token: await petitionerToken(baseUrl, logPath, freshPhone('133')),
      body: { version: day.body.version, slot: 0, topic },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  }, MIDNIGHT_WAIT + 120_000);
  afterAll(async () => {
    await call(baseUrl, 'POST', `/api/reception-days/${dayId}/cancel`, {
      token: desk,
      body: { reason: '浏览器测试结束' },
    });
    await browser.close();
  });

  it('registers the visit from the booking, which then shows its case number', async () => {
    await signInStaff(page, baseUrl, 'reception', '/staff/reception/index', 'staff-reception-page');
    const booking = current(page).locator('[data-testid=reception-desk-booking]', { hasText: topic });
    await booking.waitFor();
    await auditBothSizes(page, findings, 'reception-desk', 'staff-reception-page');
    await booking.getByTestId('reception-receive').click();
    await booking.getByTestId('reception-visit-category-housing').click();
    // As at the walk-in desk, the unit it is about or 「不清楚」 (audit36 D5).
    await booking.getByTestId('unit-unknown').click();
    await booking.getByTestId('reception-visit-title').fill('宿舍楼屋顶漏雨');
    expect(await smallTargets(page)).toEqual([]);
    await booking.getByTestId('reception-visit-save').click();
    await expect.poll(() => booking.getAttribute('data-status')).toBe('received');
    expect(await booking.textContent()).toMatch(/已登记为来访，编号 \S+/);
  });

  it('publishes a day from the form, which offers no visit before the day, and cancels it', async () => {
    const place = `浏览器测试接待室${Date.now()}`;
    await shown(page, 'reception-publish-open').click();
    await shown(page, 'reception-day-publish').click();
    // Nothing filled: each field says what it needs.
    await expect
      .poll(() => current(page).getByTestId('reception-day-form').textContent())
      .toContain('请填写接访地点');
    await shown(page, 'reception-day-leader').locator('text=陈国栋').first().click();
    await shown(page, 'reception-day-date').fill(beijingDateIn(60));
    await shown(page, 'reception-day-place').fill(place);
    await shown(page, 'reception-day-topics').fill('职工住房');
    expect(await smallTargets(page)).toEqual([]);
    await auditBothSizes(page, findings, 'reception-publish', 'staff-reception-page');
    await shown(page, 'reception-day-publish').click();
    const day = current(page).locator('[data-testid=reception-day]', { hasText: place });
    await day.waitFor();
    expect(await day.getByTestId('reception-receive').count()).toBe(0);

    await day.getByTestId('reception-day-cancel').click();
    await day.getByTestId('reception-day-cancel-confirm').click();
    await expect.poll(() => day.textContent()).toContain('请写明取消的原因');
    await day.getByTestId('reception-day-cancel-reason').fill('领导当天到省里开会');
    await day.getByTestId('reception-day-cancel-confirm').click();
    await expect
      .poll(() => day.getByTestId('reception-day-cancelled').textContent())
      .toContain('领导当天到省里开会');
    expect(await day.getByTestId('reception-day-cancel').count()).toBe(0);
  });

  it('finds no serious or critical accessibility violations on the page', () => {
    expect(findings.size).toBe(4);
    expect([...findings.entries()].filter(([, found]) => found.length > 0)).toEqual([]);
  });
});
