import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, staffToken } from './support/api';
import { current, onPage, screenshot, settled, until } from './support/app';
import { shown, staffRoutes } from './support/staff';

interface AdminUnit {
  id: string;
  code: string;
  name: string;
  openPetitions: number;
  retired: boolean;
}

/**
 * An administrator's first morning, in the pages only: the group's administrator (`admin`) signs
 * in and lands on administration (not 「没有权限」); adds a team under 东山煤矿安全科 that receives
 * petitions and publishes its address, and retires it again; is refused retiring a unit that holds
 * open cases, with their numbers; creates an account with an invitation, whose holder sets their
 * own password from the sign-in page and lands in their inbox; sees the sign-in on the account,
 * resets its password (a temporary one, shown once, that must be changed) and disables it; and
 * finds all of it in the audit log, which exports as a CSV file.
 */
describe("an administrator's main journey", () => {
  const baseUrl = inject('baseUrl');
  const stamp = Date.now().toString(36).toUpperCase();
  const teamCode = `JA-DS-AQK-T${stamp}`;
  const username = `t.invited.${stamp.toLowerCase()}`;
  const password = `Jing-${stamp}-Xia`;
  let browser: Browser;
  let page: Page;
  let busyUnit: AdminUnit;

  beforeAll(async () => {
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    page = await browser.context.newPage();
    const units = await call<AdminUnit[]>(baseUrl, 'GET', '/api/admin/units', {
      token: await staffToken(baseUrl, 'admin'),
    });
    const busy = units.body.find((u) => u.openPetitions > 0 && u.code.startsWith('JA-DS-'));
    if (!busy) throw new Error('the demo data should have a 东山煤矿 unit holding open cases');
    busyUnit = busy;
  });
  afterAll(() => browser.close());

  it('signs the administrator in to administration', async () => {
    await page.goto(`${baseUrl}${staffRoutes.login}`);
    await onPage(page, 'staff-login-page');
    await shown(page, 'staff-login-username').fill('admin');
    await shown(page, 'staff-login-password').fill('demo-pass-2026');
    await shown(page, 'staff-login-submit').click();
    await onPage(page, 'admin-home-page');
    expect(await current(page).getByTestId('admin-forbidden').count()).toBe(0);
    for (const section of [
      'units',
      'accounts',
      'roster',
      'categories',
      'calendar',
      'audit',
      'outbox',
      'health',
    ])
      await shown(page, `admin-home-${section}`).waitFor();
    await screenshot(page, 'admin-home');
  });

  it('adds a team that receives petitions, with its channels, and retires it', async () => {
    await shown(page, 'admin-home-units').click();
    await onPage(page, 'admin-units-page');
    await settled(page);
    await shown(page, 'admin-units-search').fill('安全科');
    await shown(page, 'admin-unit-open-JA-DS-AQK').click();
    await onPage(page, 'admin-unit-page');
    await settled(page);
    await shown(page, 'admin-unit-add-child').click();
    await until('the new unit form', async () => (await shown(page, 'admin-unit-name').inputValue()) === '');
    await shown(page, 'admin-unit-name').fill('安全科夜班组');
    await shown(page, 'admin-unit-code').fill(teamCode);
    await shown(page, 'admin-unit-receives').click();
    await shown(page, 'admin-unit-address').fill('东山煤矿办公楼一楼 106 室');
    await shown(page, 'admin-unit-receptionHours').fill('工作日 8:30–17:00');
    await shown(page, 'admin-unit-save').click();
    await until(
      'the new unit page',
      async () =>
        (await shown(page, 'admin-unit-code')
          .inputValue()
          .catch(() => '')) === teamCode,
    );

    const admin = await staffToken(baseUrl, 'admin');
    const units = (
      await call<(AdminUnit & { receivesPetitions: boolean; address: string | null })[]>(
        baseUrl,
        'GET',
        '/api/admin/units',
        { token: admin },
      )
    ).body;
    const team = units.find((u) => u.code === teamCode);
    expect(team).toMatchObject({
      name: '安全科夜班组',
      receivesPetitions: true,
      address: '东山煤矿办公楼一楼 106 室',
      retired: false,
    });

    await shown(page, 'admin-unit-retire').click();
    await shown(page, 'admin-unit-retire-confirm').click();
    await until(
      'the unit to be retired',
      async () => (await shown(page, 'admin-unit-status').textContent())?.includes('已撤销') ?? false,
    );
    await shown(page, 'admin-unit-reinstate').waitFor();
  });

  it('refuses to retire a unit that holds open cases, and lists them by number', async () => {
    await page.goto(`${baseUrl}/admin/unit/index?id=${encodeURIComponent(busyUnit.id)}`);
    await onPage(page, 'admin-unit-page');
    await settled(page);
    await shown(page, 'admin-unit-retire').click();
    await shown(page, 'admin-unit-retire-confirm').click();
    const held = shown(page, 'admin-unit-in-use');
    await held.waitFor();
    expect(await held.textContent()).toMatch(/仍有\s?\d+ 件未办结的信访事项/);
    expect(await held.textContent()).toMatch(/（[^）]+）/);
    await screenshot(page, 'admin-unit-in-use');
    const admin = await staffToken(baseUrl, 'admin');
    const still = (await call<AdminUnit[]>(baseUrl, 'GET', '/api/admin/units', { token: admin })).body.find(
      (u) => u.id === busyUnit.id,
    );
    expect(still?.retired).toBe(false);
  });

  let invitation = '';
  it('creates an account with an invitation, shown once with the words to send', async () => {
    await page.goto(`${baseUrl}/admin/account/index`);
    await onPage(page, 'admin-account-page');
    await settled(page);
    await shown(page, 'admin-account-username').fill(username);
    await shown(page, 'admin-account-name').fill('韩雪（安全科，新承办人）');
    await shown(page, 'unit-search').fill('安全科');
    await shown(page, 'unit-JA-DS-AQK').click();
    await shown(page, 'admin-account-roles-handler').click();
    await shown(page, 'admin-account-credential-invitation').click();
    await shown(page, 'admin-account-save').click();
    const code = shown(page, 'admin-account-secret-value');
    await code.waitFor();
    invitation = (await code.textContent())?.trim() ?? '';
    expect(invitation).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, 'admin-account-invited');
  });

  it('lets the new member of staff choose their own password and start work', async () => {
    const other = await launchBrowser();
    try {
      const theirs = await other.context.newPage();
      await theirs.goto(`${baseUrl}${staffRoutes.login}`);
      await onPage(theirs, 'staff-login-page');
      await shown(theirs, 'staff-login-invitation').click();
      await onPage(theirs, 'staff-invite-page');
      await shown(theirs, 'staff-invite-username').fill(username);
      await shown(theirs, 'staff-invite-code').fill(invitation.toLowerCase());
      await shown(theirs, 'staff-invite-password').fill(password);
      await shown(theirs, 'staff-invite-again').fill(password);
      await shown(theirs, 'staff-invite-submit').click();
      await onPage(theirs, 'staff-inbox-page');
    } finally {
      await other.close();
    }
    const signedIn = await call(baseUrl, 'POST', '/api/auth/staff/login', { body: { username, password } });
    expect(signedIn.status).toBe(200);
  });

  it('shows the sign-in on the account, resets its password, and disables it', async () => {
    await page.goto(`${baseUrl}/admin/accounts/index`);
    await onPage(page, 'admin-accounts-page');
    await settled(page);
    await shown(page, 'admin-accounts-q').fill(username);
    await shown(page, 'admin-accounts-search').click();
    await until(
      'one account found',
      async () => (await current(page).getByTestId('admin-account-row').count()) === 1,
    );
    await shown(page, `admin-account-open-${username}`).click();
    await onPage(page, 'admin-account-page');
    await settled(page);
    expect(await current(page).textContent()).not.toContain('从未');

    await shown(page, 'admin-account-reset').click();
    await shown(page, 'admin-account-reset-confirm').click();
    const temporary = shown(page, 'admin-account-secret-value');
    await temporary.waitFor();
    const withTemporary = await call<{ me: { mustChangePassword: boolean } }>(
      baseUrl,
      'POST',
      '/api/auth/staff/login',
      {
        body: { username, password: (await temporary.textContent())?.trim() },
      },
    );
    expect(withTemporary.status).toBe(200);
    expect(withTemporary.body.me.mustChangePassword).toBe(true);

    await shown(page, 'admin-account-disable').click();
    await shown(page, 'admin-account-disable-confirm').click();
    await until(
      'the account disabled',
      async () => (await shown(page, 'admin-account-status').textContent())?.includes('已停用') ?? false,
    );
    const refused = await call(baseUrl, 'POST', '/api/auth/staff/login', {
      body: { username, password: 'anything' },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('finds it all in the audit log, and exports it', async () => {
    await page.goto(`${baseUrl}/admin/audit/index`);
    await onPage(page, 'admin-audit-page');
    await settled(page);
    await shown(page, 'admin-audit-area-staff').click();
    await shown(page, 'admin-audit-apply').click();
    await until('the account changes listed', async () => {
      const text = (await current(page).textContent()) ?? '';
      return text.includes('新建账号') && text.includes('修改账号');
    });
    const download = page.waitForEvent('download');
    await shown(page, 'admin-audit-export').click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('新建账号');
    expect(csv).toContain('赵敏');
    await screenshot(page, 'admin-audit');
  });
});
