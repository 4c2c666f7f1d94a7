import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { replyToRequest, submitAs, unitIdByCode } from './support/api';
import {
  type AxeFinding,
  axeViolations,
  current,
  onPage,
  routes,
  screenshot,
  sessionOf,
  setLargeText,
  settled,
  signIn,
  tap,
  type,
} from './support/app';

/**
 * Every petitioner page through axe-core in Chromium, in normal and in large-text mode: no serious
 * or critical violations. Each page is also saved as a screenshot in test-results/screenshots/.
 * The pages are reached the way a resident reaches them, so their states are the real ones: a
 * filled form with its statutory hints, a submission's receipt, a reply with the rating and review
 * forms open.
 */
describe('accessibility of every petitioner page (axe-core, normal and large text)', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  /** Runs axe in both text modes on the page as it stands, screenshots both, and records the findings. */
  async function audit(name: string, testId: string): Promise<void> {
    await onPage(page, testId);
    await settled(page);
    for (const large of [false, true]) {
      await setLargeText(page, large);
      const mode = large ? 'large' : 'normal';
      expect(await current(page).getByTestId(testId).getAttribute('data-large')).toBe(String(large));
      findings.set(`${name} (${mode})`, await axeViolations(page));
      await screenshot(page, `${name}-${mode}`);
    }
    await setLargeText(page, false);
  }

  async function visit(path: string): Promise<void> {
    await page.goto(`${baseUrl}${path}`);
  }

  it('checks the pages open to everyone', async () => {
    await visit('/');
    await audit('home', 'home-page');
    await visit(routes.login);
    await audit('login', 'login-page');
    await visit(routes.privacy);
    await audit('privacy', 'privacy-page');
    await visit(routes.lookup);
    await audit('lookup', 'lookup-page');
    await visit(routes.health);
    await audit('health', 'page');
  });

  it('checks the signed-in pages in the states a resident meets them', async () => {
    await visit(routes.login);
    await signIn(page, logPath, '13700000001');
    const { tokens } = await sessionOf(page);

    // A reply waiting for the resident's rating, with the review window open.
    const { petition } = await submitAs(baseUrl, tokens.accessToken, {
      kind: 'request',
      categoryCode: 'housing',
      concernedUnitId: await unitIdByCode(baseUrl, 'JA-XH'),
      title: '西河镇矿工新村屋顶漏雨',
      content: '12 号楼顶层屋顶漏雨，多次报修无人处理。',
    });
    await replyToRequest(
      baseUrl,
      petition.id,
      { reception: 'reception', handler: 'xh.handler', head: 'xh.head', unitCode: 'JA-XH-AQK' },
      {
        request: '修复 12 号楼屋顶。',
        factsAndReasons: '经现场查看，屋顶防水层老化属实。',
        decision: '已安排维修队于下周完成修复。',
        legalBasis: '《矿区住房维修管理办法》第八条',
        outcome: 'support',
      },
    );

    await visit('/');
    await audit('home-signed-in', 'home-page');

    // The form, filled, with its hints showing and the collective fields open.
    await visit(routes.submit);
    await onPage(page, 'submit-page');
    await settled(page);
    await tap(page, 'kind-accusation');
    await tap(page, 'category-cadre_conduct');
    await type(page, 'unit-search', '综采一队');
    await page.getByRole('button', { name: '选择 晋安煤业集团 / 东山煤矿 / 综采区 / 综采一队' }).click();
    await type(page, 'title-input', '班组长克扣加班记录');
    await type(page, 'content-input', '综采一队班组长多次少记职工加班时间。');
    await tap(page, 'collective-toggle');
    await type(page, 'headcount-input', '8');
    await type(page, 'representative-0', '刘强');
    await audit('submit', 'submit-page');
    // A new resident gives name and address (Art 19); 下一步 saves them.
    await type(page, 'profile-name', '周丽');
    await type(page, 'profile-address', '东山区矿区路 9 号');

    await tap(page, 'submit-next');
    await audit('confirm', 'confirm-page');
    await tap(page, 'confirm-submit');
    await audit('success', 'success-page');
    const number = (await current(page).getByTestId('success-number').textContent()) ?? '';
    const queryCode = (await current(page).getByTestId('success-code').textContent()) ?? '';

    await visit(routes.mine);
    await audit('mine', 'mine-page');
    await visit(routes.detail(petition.id));
    await onPage(page, 'detail-rate');
    await audit('detail', 'detail-page');
    await visit(routes.me);
    await audit('me', 'me-page');
    await visit(routes.bindEmployee);
    await audit('employee', 'employee-page');
    await visit(routes.provePhone);
    await audit('phone', 'phone-page');

    await visit(routes.lookup);
    await onPage(page, 'lookup-page');
    await type(page, 'lookup-number', number.trim());
    await type(page, 'lookup-code', queryCode.trim());
    await tap(page, 'lookup-submit');
    await onPage(page, 'lookup-result');
    await audit('lookup-result', 'lookup-page');
  });

  it('finds no serious or critical violations anywhere', () => {
    expect(findings.size).toBe(2 * 15);
    const failing = [...findings].filter(([, violations]) => violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });
});
