import type { PetitionPage } from '@xinfang/shared/schemas/petitions';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call } from './support/api';
import {
  current,
  field,
  onPage,
  routes,
  screenshot,
  sessionOf,
  settled,
  signIn,
  tap,
  type,
} from './support/app';
import { pngPhoto } from './support/png';

/**
 * Issue 6, test 1: a worker signs in, fills the form with a photo, closes the page mid-way, comes
 * back to find the draft (photo included), and submits. The answers to the first submissions are
 * lost on the way back — the server handled them, the phone never heard — and the person retries:
 * there is exactly one petition, and it is the one whose number and query code the app shows.
 */
describe('a worker submits a petition, with a lost answer on the way', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const phone = '13800000001';
  const title = `井下更衣室热水器损坏 ${Date.now().toString(36)}`;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}${path}`);
    return page;
  }

  it('signs in from the home page and is taken to the form', async () => {
    const page = await open('/');
    await onPage(page, 'home-page');
    await tap(page, 'home-submit');
    await signIn(page, logPath, phone);
    await onPage(page, 'submit-page');
    await page.close();
  });

  it('keeps everything typed and the photo when the page is closed mid-way', async () => {
    const page = await open(routes.submit);
    await onPage(page, 'submit-page');
    await settled(page);

    await tap(page, 'kind-request');
    await tap(page, 'category-wages');
    // The category's statutory hint from the server: a wage dispute may go to labour arbitration.
    await expect.poll(() => page.getByTestId('hint-category').textContent()).toContain('仲裁');
    await tap(page, 'unit-suggested');
    await expect.poll(() => page.getByTestId('unit-chosen').textContent()).toContain('综采一队');
    await type(page, 'title-input', title);
    await type(page, 'content-input', '二号井更衣室热水器坏了两周，下班后无法洗澡，请尽快修理。');

    const chooser = page.waitForEvent('filechooser');
    await tap(page, 'photo-album');
    await (await chooser).setFiles({ name: 'heater.png', mimeType: 'image/png', buffer: pngPhoto() });
    const photo = page.getByTestId('photo');
    await expect.poll(() => photo.getAttribute('data-state'), { timeout: 20_000 }).toBe('uploaded');

    // A file the server refuses (an iPhone's HEIC, which the browser cannot redraw as a JPEG): the
    // server's reason under it, and 删除 — not a 重试 that would fail for ever.
    const refusedChooser = page.waitForEvent('filechooser');
    await tap(page, 'photo-album');
    await (await refusedChooser).setFiles({
      name: 'IMG_0001.HEIC',
      mimeType: 'image/heic',
      buffer: Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heicmiaf not really a photo'),
    });
    const refused = page.getByTestId('photo').nth(1);
    await expect.poll(() => refused.getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    await expect
      .poll(() => refused.getByTestId('photo-reason').textContent())
      .toMatch(/只能上传.*请删除后换一张/);
    expect(await refused.getByTestId('photo-retry').count()).toBe(0);
    await screenshot(page, 'submit-photo-refused');
    await refused.getByTestId('photo-remove').click();
    await expect.poll(() => page.getByTestId('photo').count()).toBe(1);

    await page.close();
  });

  it('finds the draft again from the home page, photo included, and submits through lost answers', async () => {
    const page = await open('/');
    await onPage(page, 'home-page');
    await expect.poll(() => page.getByTestId('home-submit').textContent()).toContain('未提交的草稿');
    await tap(page, 'home-submit');
    await onPage(page, 'submit-page');
    await expect.poll(() => page.getByTestId('draft-restored').count()).toBe(1);
    await expect.poll(() => field(page, 'title-input').inputValue()).toBe(title);
    await expect.poll(() => page.getByTestId('photo').getAttribute('data-state')).toBe('uploaded');
    await expect.poll(() => page.locator('[data-testid=photo] img').count()).toBe(1);
    await screenshot(page, 'submit-restored');

    await tap(page, 'submit-next');
    await onPage(page, 'confirm-page');
    await expect.poll(() => page.getByTestId('confirm-title').textContent()).toContain(title);
    await expect.poll(() => page.getByTestId('confirm-photos').textContent()).toContain('1');

    // Every answer to POST /api/petitions is lost after the server has handled the request: the
    // client's own retries (same Idempotency-Key) all go unanswered, and the page says so.
    const keys: string[] = [];
    let lost = 0;
    await page.route('**/api/petitions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await tap(page, 'confirm-submit');
    await onPage(page, 'confirm-unconfirmed', 30_000);
    expect(lost).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'confirm-unconfirmed');

    // The signal comes back; the person taps retry — twice, quickly.
    await page.unroute('**/api/petitions');
    await page.getByTestId('confirm-submit').dblclick();
    await onPage(page, 'success-page');
    const number = (await page.getByTestId('success-number').textContent())?.trim() ?? '';
    const code = (await page.getByTestId('success-code').textContent())?.trim() ?? '';
    expect(number).toMatch(/^XF\d{4}-\d{6}$/);
    expect(code.length).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.getByTestId('success-warning').textContent()).toContain('只显示这一次');
    expect(new Set(keys).size).toBe(1);

    // Exactly one petition with this title, and it is the one shown.
    const { tokens } = await sessionOf(page);
    const mine = await call<PetitionPage>(baseUrl, 'GET', '/api/petitions?limit=100', {
      token: tokens.accessToken,
    });
    const matching = mine.body.items.filter((p) => p.title === title);
    expect(matching.map((p) => p.number)).toEqual([number]);

    // The query code shown is the real one: it opens the case without signing in.
    const lookup = await call<{ number: string }>(baseUrl, 'POST', '/api/lookup', {
      body: { number, queryCode: code },
    });
    expect(lookup.status).toBe(200);

    // The petition carries the photo; its thumbnail comes with the access token (a blob URL).
    await tap(page, 'success-view');
    await onPage(page, 'detail-attachments');
    const thumbnail = current(page).locator('[data-testid=attachment] img');
    await expect.poll(() => thumbnail.getAttribute('src'), { timeout: 15_000 }).toMatch(/^blob:/);
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);

    // Back from the case: 我的信访, which lists it with the date the case page tells — when the
    // worker will hear whether it is taken up — and not the emptied form, as if it were lost.
    await page.goBack();
    await onPage(page, 'mine-page');
    const listed = current(page).locator('[data-testid=mine-item]', { hasText: title });
    await expect.poll(() => listed.getByTestId('pledge').getAttribute('data-kind')).toBe('notice');
    expect(await listed.getByTestId('pledge').textContent()).toMatch(/^预计最晚.+（含当天）告诉您是否受理/);
    // One more back leaves the app the way it came, past no page of the submission.
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('/pages/mine/');
    expect(page.url()).not.toMatch(/\/petition\/(submit|confirm|success)\//);

    // The draft is gone once acknowledged: the form starts empty, with a new key.
    await page.goto(`${baseUrl}${routes.submit}`);
    await onPage(page, 'submit-page');
    await expect.poll(() => field(page, 'title-input').inputValue()).toBe('');
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    await page.close();
  });
});
