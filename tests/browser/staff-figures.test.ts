import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import {
  axeViolations,
  current,
  onPage,
  screenshot,
  setLargeText,
  settled,
  smallTargets,
} from './support/app';
import { shown, signInStaff, staffRoutes } from './support/staff';

/**
 * The figures page as a mine head meets it: numbers with 同比/环比, each tapping through to the
 * ledger of exactly its cases, and the prevention work beside them; tables a screen reader can
 * read; no serious axe findings, in normal and large text; this year's annual report downloaded
 * as Word and read back. Screenshots in
 * test-results/screenshots/ (staff-figures-*).
 */
describe('the figures and the ledger in the staff app', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  it('shows this year’s figures and opens the ledger behind the number received', async () => {
    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.figures, 'staff-figures-page');
    await shown(page, 'staff-figures-period').getByText('本年').click();
    // This month's figures stay on the page until the year's arrive (the same in January).
    await expect
      .poll(async () => shown(page, 'staff-figures-scope').textContent(), { timeout: 30_000 })
      .toContain('-01-01 至');
    const received = shown(page, 'staff-figures-count').and(
      current(page).locator('[data-metric="received"]'),
    );
    await received.waitFor();
    const number = Number(((await received.textContent()) ?? '').match(/(\d+) 件/)?.[1]);
    expect(number).toBeGreaterThan(0);
    expect(await current(page).getByRole('table').count()).toBeGreaterThanOrEqual(3);
    // The demo's prevention work: its held 下访 counted in the table beside the petitions.
    const visits = current(page).getByTestId('staff-figures-prevention-row').filter({ hasText: '领导下访' });
    expect(Number(await visits.getByRole('cell').first().textContent())).toBeGreaterThan(0);
    for (const large of [false, true]) {
      await setLargeText(page, large);
      await settled(page);
      const found = await axeViolations(page);
      expect(found, JSON.stringify(found)).toEqual([]);
      // Each number opens its ledger from its whole cell, not from its digits alone.
      expect(await smallTargets(page)).toEqual([]);
      await screenshot(page, `staff-figures-${large ? 'large' : 'normal'}`);
    }
    await setLargeText(page, false);

    // 年度报告和工作通报: this year's annual report as Word, saved under its Chinese title and
    // holding the number the page shows (DOCX is a zip: the text is in word/document.xml).
    const reports = shown(page, 'staff-figures-reports');
    await reports.scrollIntoViewIfNeeded();
    await shown(page, 'staff-reports-kind').getByText('年度报告').click();
    await shown(page, 'staff-reports-format').getByText('Word').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      shown(page, 'staff-reports-download').click(),
    ]);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(download.suggestedFilename()).toMatch(new RegExp(`^.+${year}年度信访工作报告\\.docx$`));
    const zip = await JSZip.loadAsync(await readFile((await download.path()) as string));
    const words = ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
    expect(words).toContain(`${year}年度信访工作报告`);
    expect(words).toContain(`共登记群众来信来访${number}件`);
    await expect.poll(async () => shown(page, 'staff-reports-status').textContent()).toBe('已下载');

    await received.click();
    await onPage(page, 'staff-ledger-page');
    await shown(page, 'staff-ledger-row').waitFor();
    // Load every page of the ledger (加载更多 appears once a page has arrived): as many cases as
    // the figure said.
    const rows = current(page).getByTestId('staff-ledger-row');
    await expect
      .poll(
        async () => {
          const more = current(page).getByText('加载更多');
          if ((await more.count()) > 0) await more.first().click();
          await settled(page);
          return rows.count();
        },
        { timeout: 120_000 },
      )
      .toBe(number);
    const onLedger = await axeViolations(page);
    expect(onLedger, JSON.stringify(onLedger)).toEqual([]);
    await screenshot(page, 'staff-ledger');
  });
});
