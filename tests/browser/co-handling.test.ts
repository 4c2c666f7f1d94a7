import type { PetitionPage } from '@xinfang/shared/schemas/petitions';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, staffToken } from './support/api';
import { type AxeFinding, auditBothSizes, current, onPage, settled, smallTargets } from './support/app';
import { shown, signInStaff, staffRoutes } from './support/staff';

/**
 * Art 24 in the browser, on the demo's co-handled case: 东山煤矿's head answers, from 协办, the part
 * asked of 人力资源科 that is past its date; the case page then shows its 承办人 and both parts
 * answered; the 承办人's inbox holds it under 我承办的. Axe on the new page, normal and large
 * text; every tap target ≥ 44 px.
 */
const TITLE = '借调西河煤矿期间的井下津贴没有发';
const CO_HANDLING = '/staff/co-handling/index';

describe('co-handling in the staff pages', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  /** The demo case, found by its title: the 协办 list shows its number, never its title. */
  const theCase = async () => {
    const token = await staffToken(baseUrl, 'ds.head');
    const found = await call<PetitionPage>(
      baseUrl,
      'GET',
      `/api/petitions?search=${encodeURIComponent(TITLE)}`,
      { token },
    );
    return found.body.items[0] as PetitionPage['items'][number];
  };

  it('the head answers the overdue part asked of his unit from 协办', async () => {
    const { number } = await theCase();
    await signInStaff(page, baseUrl, 'ds.head', CO_HANDLING, 'staff-co-handling-page');
    const part = current(page).locator(`[data-testid=co-handling-part][data-number="${number}"]`);
    expect(await current(page).textContent()).not.toContain(TITLE);
    await part.waitFor();
    expect(await part.getAttribute('data-overdue')).toBe('true');
    expect(await part.textContent()).toContain('已超期');
    expect(await smallTargets(page)).toEqual([]);
    await auditBothSizes(page, findings, 'co-handling-open', 'staff-co-handling-page');
    await part.getByTestId('co-handling-answer').fill('借调期间井下津贴按规定由借出单位东山煤矿发放。');
    await part.getByTestId('co-handling-send').click();
    await shown(page, 'co-handling-sent').waitFor();
    await expect.poll(() => part.count()).toBe(0);
  });

  it('the case shows its 承办人 and both parts answered', async () => {
    const { id } = await theCase();
    await page.goto(`${baseUrl}${staffRoutes.petition(id)}`);
    await onPage(page, 'staff-petition-page');
    await settled(page);
    expect(await shown(page, 'staff-handler').textContent()).toContain('周涛');
    const parts = current(page).getByTestId('staff-assist-part');
    await expect.poll(() => parts.count()).toBe(2);
    expect(await parts.evaluateAll((all) => all.map((p) => p.getAttribute('data-status')))).toEqual([
      'answered',
      'answered',
    ]);
    expect(await shown(page, 'staff-co-handling').textContent()).toContain('借出单位东山煤矿发放');
  });

  it('the 承办人 finds it under 我承办的', async () => {
    await signInStaff(page, baseUrl, 'ds.handler', staffRoutes.inbox, 'staff-inbox-page');
    await shown(page, 'staff-tab-mine').click();
    await settled(page);
    expect(Number(await shown(page, 'staff-tab-mine').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => current(page).locator('[data-testid=staff-row]', { hasText: TITLE }).count())
      .toBe(1);
  });

  it('finds no serious or critical accessibility violations on 协办', () => {
    expect(findings.size).toBe(2);
    expect([...findings.entries()].filter(([, found]) => found.length > 0)).toEqual([]);
  });
});
