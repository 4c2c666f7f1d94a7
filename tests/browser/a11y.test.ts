import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { replyToRequest, submitAs, unitIdByCode } from './support/api';
import {
  type AxeFinding,
  axeViolations,
  current,
  describedAs,
  field,
  focusedTestId,
  onPage,
  routes,
  screenshot,
  sessionOf,
  setLargeText,
  settled,
  signIn,
  tabThrough,
  tap,
  type,
  until,
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

  it('says an empty form’s problems once, in words, ties each to its field and focuses the first', async () => {
    // Signed in by the test before, whose 下一步 saved the resident's name and address.
    await visit(routes.submit);
    await onPage(page, 'submit-page');
    await settled(page);
    const form = current(page);
    await tap(page, 'submit-next');
    await until(
      'focus on the first field to fix',
      async () => (await focusedTestId(page)) === 'content-input',
    );
    // One alert, not one per field, and no "marked in red" (WCAG 1.4.1, 4.1.3).
    expect(await form.getByRole('alert').allTextContents()).toEqual([
      '有4处需要填写或修改，已在各项下面写明',
    ]);
    expect(await describedAs(form.getByTestId('content-input'))).toEqual({
      invalid: 'true',
      description: '请写明具体情况',
    });
    expect(await describedAs(form.getByTestId('title-input'))).toEqual({
      invalid: 'false',
      description: '不填也可以，会用您写的第一句话作标题。',
    });
    expect(await describedAs(form.getByTestId('unit-picker'))).toEqual({
      invalid: 'true',
      description: '请选择涉及的单位；不清楚的，选“不清楚，由信访办分办”',
    });
    expect(await describedAs(form.getByTestId('category'))).toEqual({
      invalid: 'true',
      description: '请选择问题属于哪方面',
    });
    expect(await describedAs(form.getByTestId('kind'))).toEqual({
      invalid: 'true',
      description: '请选择诉求类型',
    });
    await audit('submit-errors', 'submit-page');

    // 清空重填 asks in a dialog that is modal for the keyboard too: the safe answer takes focus, Tab
    // never reaches 下一步 behind the cover, Esc is the safe answer and focus goes back to the link.
    await type(page, 'content-input', '井口更衣室没有热水。');
    await form.getByTestId('draft-discard').focus();
    await page.keyboard.press('Enter');
    await until('不清空 to take focus', async () => (await focusedTestId(page)) === 'discard-dialog-cancel');
    const forward = await tabThrough(page, 'discard-dialog', 4);
    const back = await tabThrough(page, 'discard-dialog', 3, true);
    expect([...forward, ...back].every((step) => step.inside)).toBe(true);
    expect(forward.map((step) => step.testId)).toEqual([
      'discard-dialog-confirm',
      'discard-dialog-cancel',
      'discard-dialog-confirm',
      'discard-dialog-cancel',
    ]);
    await page.keyboard.press('Escape');
    await until('the dialog to close', async () => (await form.getByTestId('discard-dialog').count()) === 0);
    expect(await focusedTestId(page)).toBe('draft-discard');
    expect(await field(page, 'content-input').inputValue()).toBe('井口更衣室没有热水。');
  });

  it('finds no serious or critical violations anywhere', () => {
    expect(findings.size).toBe(2 * 16);
    const failing = [...findings].filter(([, violations]) => violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });
});
