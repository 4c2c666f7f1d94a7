import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, beijingDateIn, call, staffToken, unitIdByCode } from './support/api';
import {
  type AxeFinding,
  axeViolations,
  current,
  focusedTestId,
  onPage,
  screenshot,
  setLargeText,
  settled,
  smallTargets,
  tabThrough,
  until,
} from './support/app';
import { freshPhone, openAction, registerVisit, shown, signInStaff, staffRoutes } from './support/staff';

/**
 * Every staff page through axe-core in Chromium, in normal and in large-text mode, in the states
 * staff meet them: forms open, lists filled, a letter drafted, the re-login dialog over a page. No
 * serious or critical violations. Screenshots of each in test-results/screenshots/ (staff-a11y-*).
 */
describe('accessibility of every staff page (axe-core, normal and large text)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();
  const cases: Record<'registered' | 'handling' | 'drafted', string> = {
    registered: '',
    handling: '',
    drafted: '',
  };
  let unbroken = { id: '', number: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const reception = await staffToken(baseUrl, 'ds.reception');
    const handler = await staffToken(baseUrl, 'ds.handler');
    const aqk = await unitIdByCode(baseUrl, 'JA-DS-AQK');
    const make = async (title: string) =>
      (
        await registerVisit(baseUrl, 'ds.reception', {
          title: `${title} ${Date.now().toString(36)}`,
          content: `${title}，请求尽快处理。`,
          phone: freshPhone('131'),
          name: '郑海燕',
        })
      ).id;
    cases.registered = await make('职工澡堂热水不足');
    cases.handling = await make('井下皮带机防护罩缺失');
    cases.drafted = await make('矿灯充电不足');
    // A title with a bank card number and an address in it: no place to break a line.
    unbroken = await registerVisit(baseUrl, 'ds.reception', {
      title: '工资卡6222020200112233445566778899https://example.com/payroll/2026/12/detail',
      content: '来访人反映工资卡被扣款，附网银页面地址。',
      phone: freshPhone('131'),
      name: '郑海燕',
    });
    for (const id of [cases.handling, cases.drafted]) {
      await act(baseUrl, reception, id, 'assign', { unit: aqk, reportBackBy: beijingDateIn(20) });
      await act(baseUrl, handler, id, 'accept');
    }
    await act(baseUrl, handler, cases.handling, 'add_note', { text: '已与皮带队联系，明日现场查看。' });
    await act(baseUrl, handler, cases.handling, 'send_message', { text: '您好，我们已受理，正在核实。' });
    await act(baseUrl, handler, cases.drafted, 'draft_reply', {
      request: '请求更换矿灯电池。',
      factsAndReasons: '经查，部分矿灯电池老化。',
      decision: '本月内更换全部老化电池。',
      legalBasis: '《煤矿安全规程》第四百七十三条',
      outcome: 'support',
    });
  });
  afterAll(() => browser.close());

  async function audit(name: string, testId: string): Promise<void> {
    await onPage(page, testId);
    await settled(page);
    for (const large of [false, true]) {
      await setLargeText(page, large);
      const mode = large ? 'large' : 'normal';
      expect(await current(page).getByTestId(testId).getAttribute('data-large')).toBe(String(large));
      findings.set(`${name} (${mode})`, await axeViolations(page));
      await screenshot(page, `staff-a11y-${name}-${mode}`);
    }
    await setLargeText(page, false);
  }

  /** Records axe's findings as the page is (the re-login dialog may stand over a page still loading). */
  async function record(name: string, mode: 'normal' | 'large'): Promise<void> {
    findings.set(`${name} (${mode})`, await axeViolations(page));
    await screenshot(page, `staff-a11y-${name}-${mode}`);
  }

  async function visit(path: string, testId: string): Promise<void> {
    await page.goto(`${baseUrl}${path}`);
    await onPage(page, testId);
    await settled(page);
  }

  it('checks the sign-in, the password change and the re-login dialog', async () => {
    await page.goto(`${baseUrl}${staffRoutes.login}`);
    await audit('login', 'staff-login-page');

    // A new account's first sign-in, sent to change its temporary password.
    const admin = await staffToken(baseUrl, 'admin');
    const created = await call<{ temporaryPassword: string }>(baseUrl, 'POST', '/api/staff', {
      token: admin,
      body: {
        username: `t.a11y.${Date.now().toString(36)}`,
        displayName: '测试接待员',
        unitId: await unitIdByCode(baseUrl, 'JA-DS'),
        roles: ['reception'],
      },
    });
    expect(created.status).toBe(201);
    const username = (created.body as unknown as { account: { username: string } }).account.username;
    await signInStaff(
      page,
      baseUrl,
      username,
      staffRoutes.inbox,
      'staff-password-page',
      created.body.temporaryPassword,
    );
    await audit('password', 'staff-password-page');

    // A session that has ended: the re-login dialog over the page (here tokens nobody issued). The
    // dialog covers the header's large-text switch, so large text is chosen on the device instead.
    await signInStaff(
      page,
      baseUrl,
      'ds.handler',
      staffRoutes.petition(cases.handling),
      'staff-petition-page',
    );
    await page.evaluate(`(() => {
      const outer = JSON.parse(localStorage.getItem('xinfang.session'));
      const session = JSON.parse(outer.data);
      session.tokens.accessToken = 'not.a.token';
      session.tokens.refreshToken = 'not-a-refresh-token-at-all';
      localStorage.setItem('xinfang.session', JSON.stringify({ data: JSON.stringify(session) }));
    })()`);
    await page.reload();
    await page.getByTestId('relogin').waitFor();
    // Modal for the keyboard: the password takes focus, Tab stays in the dialog, and Esc does not
    // dismiss it (the page behind cannot be used until someone signs in).
    await until('the password to take focus', async () => (await focusedTestId(page)) === 'relogin-password');
    const steps = [
      ...(await tabThrough(page, 'relogin', 6)),
      ...(await tabThrough(page, 'relogin', 6, true)),
    ];
    expect(steps.filter((step) => !step.inside)).toEqual([]);
    expect(new Set(steps.map((step) => step.testId))).toContain('relogin-other');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('relogin').isVisible()).toBe(true);
    await record('relogin', 'normal');
    await page.evaluate(
      `localStorage.setItem('xinfang.textSize', JSON.stringify({ data: JSON.stringify('large') }))`,
    );
    await page.reload();
    await page.getByTestId('relogin').waitFor();
    expect(await page.locator('.xf-page').first().getAttribute('data-large')).toBe('true');
    await record('relogin', 'large');
    await page.evaluate(
      `localStorage.setItem('xinfang.textSize', JSON.stringify({ data: JSON.stringify('normal') }))`,
    );
  });

  it('checks reception’s pages: inbox with filters, registration, receipt, a case to triage', async () => {
    await signInStaff(page, baseUrl, 'ds.reception', staffRoutes.inbox, 'staff-inbox-page');
    await shown(page, 'staff-tab-all').click();
    await shown(page, 'staff-filters-toggle').click();
    await shown(page, 'staff-filters-panel').waitFor();
    await audit('inbox', 'staff-inbox-page');

    await visit(staffRoutes.register, 'staff-register-page');
    // 清空 asks first, modal for the keyboard: 不清空 takes focus, Tab stays inside, Esc is 不清空,
    // and focus goes back to 清空.
    await shown(page, 'staff-register-discard').focus();
    await page.keyboard.press('Enter');
    const dialog = 'staff-register-discard-dialog';
    await until('不清空 to take focus', async () => (await focusedTestId(page)) === `${dialog}-cancel`);
    const steps = [...(await tabThrough(page, dialog, 3)), ...(await tabThrough(page, dialog, 3, true))];
    expect(steps.filter((step) => !step.inside)).toEqual([]);
    await page.keyboard.press('Escape');
    await until('the dialog to close', async () => (await shown(page, dialog).count()) === 0);
    expect(await focusedTestId(page)).toBe('staff-register-discard');
    await shown(page, 'register-lookup-phone').fill('13800000001');
    await shown(page, 'register-lookup').click();
    await shown(page, 'register-matches').waitFor();
    await shown(page, 'register-channel-letter').click();
    await shown(page, 'register-kind-suggestion').click();
    await shown(page, 'register-collective-toggle').click();
    // Submitted empty-handed: every problem shows, as a person would see them.
    await shown(page, 'staff-register-submit').click();
    await audit('register', 'staff-register-page');

    await shown(page, 'register-use-match').click();
    await shown(page, 'register-category-wages').click();
    await shown(page, 'unit-suggested').click();
    await shown(page, 'register-title').fill('来信反映食堂饭菜价格上涨');
    await shown(page, 'register-content').fill('来信反映职工食堂饭菜价格三个月内上涨两成。');
    await shown(page, 'register-collective-toggle').click();
    await shown(page, 'staff-register-submit').click();
    await shown(page, 'staff-receipt').waitFor();
    await audit('receipt', 'staff-register-page');

    // A title with nowhere to break wraps inside the window, on the case and in the inbox.
    await visit(staffRoutes.petition(unbroken.id), 'staff-petition-page');
    expect(await sticksOut(page)).toEqual([]);
    await visit(staffRoutes.inbox, 'staff-inbox-page');
    await shown(page, 'staff-tab-all').click();
    await shown(page, 'staff-search').fill(unbroken.number);
    await shown(page, 'staff-search-submit').click();
    await current(page).locator(`[data-testid=staff-row][data-number="${unbroken.number}"]`).waitFor();
    expect(await sticksOut(page)).toEqual([]);

    await visit(staffRoutes.petition(cases.registered), 'staff-petition-page');
    await openAction(page, 'assign');
    await audit('petition-triage', 'staff-petition-page');
    await openAction(page, 'refer');
    await audit('petition-refer', 'staff-petition-page');
  });

  it('checks the handler’s case with the letter form, templates and the reveal', async () => {
    await signInStaff(
      page,
      baseUrl,
      'ds.handler',
      staffRoutes.petition(cases.handling),
      'staff-petition-page',
    );
    await openAction(page, 'draft_reply');
    await shown(page, 'staff-reveal').click();
    await shown(page, 'staff-reveal-submit').click();
    await audit('petition-handling', 'staff-petition-page');
    await openAction(page, 'schedule_hearing');
    await audit('petition-hearing', 'staff-petition-page');

    // A handler of another mine: not found.
    await signInStaff(
      page,
      baseUrl,
      'xh.handler',
      staffRoutes.petition(cases.handling),
      'staff-petition-page',
    );
    await shown(page, 'staff-petition-not-found').waitFor();
    await audit('petition-not-found', 'staff-petition-page');
  });

  it('checks the head’s approvals, the letter to approve, my unit, templates and the account', async () => {
    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.approvals, 'staff-approvals-page');
    await audit('approvals', 'staff-approvals-page');
    await visit(staffRoutes.petition(cases.drafted), 'staff-petition-page');
    await openAction(page, 'return_reply');
    await audit('petition-approval', 'staff-petition-page');
    await visit(staffRoutes.overview, 'staff-overview-page');
    // Each unit's name opens its cases: the whole name cell, not a line of text.
    expect(await smallTargets(page)).toEqual([]);
    await audit('overview', 'staff-overview-page');
    await visit(staffRoutes.templates, 'staff-templates-page');
    await shown(page, 'template-create').click();
    await audit('templates', 'staff-templates-page');
    await visit(staffRoutes.account, 'staff-account-page');
    await audit('account', 'staff-account-page');
  });

  /** Titles wider than their box, and the page wider than the window (what sticks out sideways). */
  function sticksOut(page: Page): Promise<string[]> {
    return current(page).evaluate((root) => {
      interface Box {
        className: string;
        scrollWidth: number;
        clientWidth: number;
        getClientRects(): { length: number };
      }
      const shown = root as unknown as Box & { querySelectorAll(selector: string): ArrayLike<Box> };
      const wide = Array.from(shown.querySelectorAll('.staff-summary__title, .staff-row__title'))
        .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.className} ${el.scrollWidth}/${el.clientWidth}`);
      return shown.scrollWidth > shown.clientWidth + 1 ? [...wide, `page ${shown.scrollWidth}`] : wide;
    });
  }

  it('finds no serious or critical violations anywhere', () => {
    expect(findings.size).toBe(2 * 16);
    const failing = [...findings].filter(([, violations]) => violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });
});
