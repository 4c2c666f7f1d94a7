import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';

/**
 * The walking skeleton seen the way a person sees it: the h5 build served by the real server on
 * one port, opened in Chromium, showing that the API and its database answer. The health page is
 * the service-status page of the `public` subpackage.
 */
describe('the h5 app served by the server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('renders the health page (linked from "我的") in plain words, without the database behind it', async () => {
    const page = await browser.context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${inject('baseUrl')}/public/health/index`);
    const status = page.getByTestId('health-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('ok');
    expect(await status.textContent()).toContain('服务正常');
    expect(await page.locator('body').textContent()).not.toMatch(/SQLite|MySQL|数据库|版本/i);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('信访通');
    expect(consoleErrors).toEqual([]);
  });

  it('serves the app for any page address (the browser routes) and JSON 404s under /api', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${inject('baseUrl')}/pages/index/index`);
    expect(response?.status()).toBe(200);
    expect(await response?.headerValue('content-type')).toContain('text/html');
    const api = await fetch(`${inject('baseUrl')}/api/nothing-here`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
