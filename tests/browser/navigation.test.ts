import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { onPage, routes, tap, until } from './support/app';

/**
 * Going back the moment a page has opened. Taro slides the new page in and, after its delay and
 * duration, hides the page left behind; with the default 50 ms delay a back sooner than that showed
 * the earlier page and then hid it again: a blank screen until reload. The app starts the slide at
 * once (`animation.delay` 0 in app.config.ts), so the hiding always comes first.
 */
describe('going back at once', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  it('a back the moment a page appears shows the page before, not a blank screen', async () => {
    await page.goto(`${baseUrl}${routes.home}`);
    await onPage(page, 'home-page');
    for (let round = 0; round < 3; round++) {
      await tap(page, 'home-reception');
      // Back as soon as the new page exists, inside the old 50 ms window.
      await until(
        'the reception page',
        async () => (await page.locator('.taro_page').count()) > 1,
        15_000,
        5,
      );
      await page.goBack();
      // Taro's timers for this push and this back are all due within 350 ms; a browser timer due
      // later fires after them, however busy the machine.
      await page.evaluate('new Promise((done) => setTimeout(done, 400))');
      await onPage(page, 'home-page');
    }
  });
});
