import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, petitionerToken, staffToken } from './support/api';
import { type AxeFinding, auditBothSizes, current, smallTargets } from './support/app';
import { freshPhone, signInStaff } from './support/staff';

/**
 * Issue 15's reception desk in the browser: a person booked a slot of a leader's reception day;
 * on the day the desk opens 接访日, finds the booking (its topic, no name), and registers what the
 * person raised as a visit — the booking then shows it received, with its case number. Axe on the
 * page, normal and large text; every tap target ≥ 44 px.
 */
describe('the reception desk', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();
  const topic = `矩阵外的接访预约${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const desk = await staffToken(baseUrl, 'reception');
    const staff = await call<{ id: string; username: string }[]>(baseUrl, 'GET', '/api/staff?q=leader', {
      token: desk,
    });
    // A day well after the demo's own (a week ahead), so the other suites still find that one first.
    const date = new Date(Date.now() + (8 + 40) * 3600_000 * 24).toISOString().slice(0, 10);
    const day = await call<{ id: string }>(baseUrl, 'POST', '/api/reception-days', {
      token: desk,
      headers: { 'idempotency-key': `browser-reception-day-${Date.now()}` },
      body: {
        leaderId: staff.body.find((s) => s.username === 'leader')?.id,
        date,
        place: '集团信访接待室',
        topics: '职工住房',
        slots: [{ from: '14:00', to: '14:30', capacity: 1 }],
      },
    });
    expect(day.status, JSON.stringify(day.body)).toBe(201);
    const booked = await call(baseUrl, 'POST', `/api/reception-days/${day.body.id}/bookings`, {
      token: await petitionerToken(baseUrl, logPath, freshPhone('133')),
      body: { slot: 0, topic },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  });
  afterAll(() => browser.close());

  it('registers the visit from the booking, which then shows its case number', async () => {
    await signInStaff(page, baseUrl, 'reception', '/staff/reception/index', 'staff-reception-page');
    const booking = current(page).locator('[data-testid=reception-desk-booking]', { hasText: topic });
    await booking.waitFor();
    await auditBothSizes(page, findings, 'reception-desk', 'staff-reception-page');
    await booking.getByTestId('reception-receive').click();
    await booking.getByTestId('reception-visit-category-housing').click();
    await booking.getByTestId('reception-visit-title').fill('宿舍楼屋顶漏雨');
    expect(await smallTargets(page)).toEqual([]);
    await booking.getByTestId('reception-visit-save').click();
    await expect.poll(() => booking.getAttribute('data-status')).toBe('received');
    expect(await booking.textContent()).toMatch(/已登记为来访，编号 \S+/);
  });

  it('finds no serious or critical accessibility violations on the page', () => {
    expect(findings.size).toBe(2);
    expect([...findings.entries()].filter(([, found]) => found.length > 0)).toEqual([]);
  });
});
