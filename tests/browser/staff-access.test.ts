import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, beijingDateIn, staffToken, unitIdByCode } from './support/api';
import { current, onPage, screenshot, settled } from './support/app';
import { freshPhone, registerVisit, shown, signInStaff, staffRoutes } from './support/staff';

/**
 * Issue 7, test 3: a handler of another mine (西河煤矿安全科) cannot open a case of 东山煤矿 by its
 * address. The page says it was not found — the same words as for a case that does not exist — and
 * nothing of the case reaches the browser: not in the page, not in any answer of the API.
 */
describe('a handler of another mine cannot open the case by URL', () => {
  const baseUrl = inject('baseUrl');
  const secret = {
    title: `掘进一队队长克扣班中餐补贴 ${Date.now().toString(36)}`,
    content: '反映掘进一队队长长期克扣班中餐补贴，账目可查。',
    name: '钱秀兰',
    phone: freshPhone('134'),
  };
  let browser: Browser;
  let page: Page;
  let petition: { id: string; number: string };
  const answers: { url: string; status: number; body: string }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    petition = await registerVisit(baseUrl, 'ds.reception', secret);
    await act(baseUrl, await staffToken(baseUrl, 'ds.reception'), petition.id, 'assign', {
      unit: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
      reportBackBy: beijingDateIn(20),
    });
    page.on('response', (response: Response) => {
      if (!response.url().includes('/api/')) return;
      void response
        .text()
        .then((body) => answers.push({ url: response.url(), status: response.status(), body }))
        .catch(() => undefined);
    });
  });
  afterAll(() => browser.close());

  it('says "not found" and shows nothing of the case', async () => {
    await signInStaff(page, baseUrl, 'xh.handler', staffRoutes.inbox, 'staff-inbox-page');
    answers.length = 0;
    await page.goto(`${baseUrl}${staffRoutes.petition(petition.id)}`);
    await onPage(page, 'staff-petition-page');
    await shown(page, 'staff-petition-not-found').waitFor();
    await settled(page);
    const text = (await current(page).textContent()) ?? '';
    expect(text).toContain('没有找到这件信访事项');
    for (const leak of [secret.title, secret.content, secret.name, petition.number, secret.phone.slice(-4)])
      expect(text).not.toContain(leak);
    expect(await shown(page, 'staff-actions').count()).toBe(0);
    await screenshot(page, 'staff-petition-not-found');

    const about = answers.filter((a) => a.url.includes(petition.id));
    expect(about.length).toBeGreaterThan(0);
    expect(about.every((a) => a.status === 404)).toBe(true);
    for (const answer of answers)
      for (const leak of [secret.title, secret.name, petition.number])
        expect(answer.body).not.toContain(leak);
  });

  it('does not find it in the inbox either, not even by its number', async () => {
    await page.goto(`${baseUrl}${staffRoutes.inbox}`);
    await onPage(page, 'staff-inbox-page');
    await shown(page, 'staff-tab-all').click();
    await shown(page, 'staff-search').fill(petition.number);
    await shown(page, 'staff-search-submit').click();
    await shown(page, 'staff-inbox-empty').waitFor();
    expect(await page.locator(`[data-testid=staff-row][data-number="${petition.number}"]`).count()).toBe(0);
  });
});
