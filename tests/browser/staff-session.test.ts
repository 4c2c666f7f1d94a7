import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, beijingDateIn, call, staffToken, unitIdByCode } from './support/api';
import { current, onPage, screenshot, settled, until } from './support/app';
import { freshPhone, openAction, registerVisit, shown, staffRoutes, submitAction } from './support/staff';

/**
 * Staff sessions in the pages: a new account's temporary password leads to "change password" before
 * anything else (the API opens nothing else until then); and when a session ends while a page is
 * open — here the admin disables the account, which ends its sessions at once, as 12 idle hours
 * would — the page stays, asks the same person to sign in again, and nothing typed is lost, not even
 * across a reload.
 */
describe('staff sessions: a temporary password, and a session that ends mid-sentence', () => {
  const baseUrl = inject('baseUrl');
  const username = `t.handler.${Date.now().toString(36)}`;
  const newPassword = `Kuang-${Date.now().toString(36)}-Tong`;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let accountId: string;
  let temporaryPassword: string;
  let petition: { id: string; number: string };

  beforeAll(async () => {
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    page = await browser.context.newPage();
    admin = await staffToken(baseUrl, 'admin');
    const created = await call<{ account: { id: string }; temporaryPassword: string }>(
      baseUrl,
      'POST',
      '/api/staff',
      {
        token: admin,
        body: {
          username,
          displayName: '冯立（东山煤矿安全科，新承办人）',
          unitId: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
          roles: ['handler'],
        },
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    accountId = created.body.account.id;
    temporaryPassword = created.body.temporaryPassword;

    petition = await registerVisit(baseUrl, 'ds.reception', {
      title: `副井罐笼信号失灵 ${Date.now().toString(36)}`,
      content: '来访人反映副井罐笼信号时有失灵。',
      phone: freshPhone('132'),
      name: '冯国强',
    });
    const reception = await staffToken(baseUrl, 'ds.reception');
    await act(baseUrl, reception, petition.id, 'assign', {
      unit: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
      reportBackBy: beijingDateIn(20),
    });
  });
  afterAll(() => browser.close());

  async function setStatus(status: 'active' | 'disabled') {
    const answer = await call(baseUrl, 'PATCH', `/api/staff/${accountId}`, {
      token: admin,
      body: { status },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  it('sends a first sign-in with a temporary password to change it, then on to the case', async () => {
    await page.goto(`${baseUrl}${staffRoutes.petition(petition.id)}`);
    // Not signed in: the page goes to the staff sign-in, and comes back afterwards.
    await onPage(page, 'staff-login-page');
    await shown(page, 'staff-login-username').fill(username);
    await shown(page, 'staff-login-password').fill(temporaryPassword);
    await shown(page, 'staff-login-submit').click();
    await onPage(page, 'staff-password-page');
    await shown(page, 'staff-password-must').waitFor();
    await screenshot(page, 'staff-password-must-change');

    await shown(page, 'staff-password-current').fill(temporaryPassword);
    await shown(page, 'staff-password-new').fill(newPassword);
    await shown(page, 'staff-password-again').fill(`${newPassword}x`);
    await shown(page, 'staff-password-submit').click();
    await expect.poll(() => current(page).textContent()).toContain('两次输入的新密码不一致');
    await shown(page, 'staff-password-again').fill(newPassword);
    await shown(page, 'staff-password-submit').click();

    await onPage(page, 'staff-petition-page');
    await settled(page);
    expect(await shown(page, 'staff-number').textContent()).toBe(petition.number);
    // The old password no longer works; the new one does.
    const old = await call(baseUrl, 'POST', '/api/auth/staff/login', {
      body: { username, password: temporaryPassword },
    });
    expect(old.status).toBe(401);
  });

  it('keeps a half-written note through the end of the session, a reload, and a new sign-in', async () => {
    await openAction(page, 'accept');
    await submitAction(page, 'accept', 'handling');
    const note = '已电话联系信访人，约定周四上午到副井现场查看信号装置。罐笼信号柜去年曾更换继电器。';
    await shown(page, 'action-add_note-text').fill(note);

    // The session ends while the page is open (the account is disabled: its sessions end at once).
    await setStatus('disabled');
    await shown(page, 'action-add_note-submit').click();
    const dialog = page.getByTestId('relogin');
    await dialog.waitFor();
    expect(await dialog.locator('[role=dialog]').getAttribute('aria-modal')).toBe('true');
    expect(await page.getByTestId('relogin-username').inputValue()).toBe(username);
    // The page is still there underneath, the note as typed.
    expect(await shown(page, 'action-add_note-text').inputValue()).toBe(note);
    await screenshot(page, 'staff-relogin');

    // Even a reload keeps it: the draft is on the device, for this person.
    await page.reload();
    await onPage(page, 'staff-petition-page-loading');
    await page.getByTestId('relogin').waitFor();

    // While the account is disabled, signing in again is refused; once it is active again, it works.
    await page.getByTestId('relogin-password').fill(newPassword);
    await page.getByTestId('relogin-submit').click();
    await expect.poll(() => page.getByTestId('relogin-error').textContent()).toContain('用户名或密码不正确');
    await setStatus('active');
    await page.getByTestId('relogin-submit').click();
    await until(
      'the re-login dialog to close',
      async () => (await page.getByTestId('relogin').count()) === 0,
    );

    await onPage(page, 'staff-petition-page');
    await settled(page);
    await expect.poll(() => shown(page, 'action-add_note-text').inputValue()).toBe(note);
    await submitAction(page, 'add_note');
    await expect
      .poll(() => page.getByTestId('staff-note').allTextContents())
      .toEqual([expect.stringContaining('副井现场')]);
    // Sent, the draft is gone: the composer is empty again, after a reload too.
    expect(await shown(page, 'action-add_note-text').inputValue()).toBe('');
    await page.reload();
    await onPage(page, 'staff-petition-page');
    await settled(page);
    expect(await shown(page, 'action-add_note-text').inputValue()).toBe('');
  });

  it('signing out on purpose forgets the person’s drafts on this device', async () => {
    await shown(page, 'action-add_note-text').fill('未发出的备注');
    const drafts = () =>
      page.evaluate<number>(
        `Object.keys(localStorage).filter((k) => k.startsWith('xinfang.staff.draft')).length`,
      );
    await until('the draft to be kept', async () => (await drafts()) > 0);
    await page.goto(`${baseUrl}${staffRoutes.account}`);
    await onPage(page, 'staff-account-page');
    await shown(page, 'staff-sign-out').click();
    await onPage(page, 'staff-login-page');
    expect(await drafts()).toBe(0);
  });
});
