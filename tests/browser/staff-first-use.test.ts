import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, petitionerToken, staffToken, submitAs, unitIdByCode } from './support/api';
import {
  axeViolations,
  current,
  field,
  onPage,
  screenshot,
  setLargeText,
  settled,
  smallTargets,
  styleOf,
  visibleText,
} from './support/app';
import { freshPhone, shown, signInStaff, staffRoutes, stateOf, submitAction } from './support/staff';

/** The colours red is kept for: overdue and due soon (the badges), and errors. */
const RED = ['rgb(179, 38, 30)', 'rgb(253, 236, 234)'];

/**
 * Issue 11, the staff side, on a phone — once in normal text and once in large text: the group's
 * reception meets a petition whose unit the resident did not know; the page offers the likely next
 * step first (name the unit, then assign it), finds the unit by an everyday word, and takes the
 * report-back date from a date picker. The inbox keeps its filters folded and red for what is late;
 * the desk's registration form speaks to the clerk, not to the petitioner, and the walk-in's receipt
 * tells the person how to read the reply; a letter that was approved says so when it is issued.
 */
describe.each([
  ['normal text', false, '153'],
  ['large text', true, '154'],
] as const)('staff new to the workbench, in %s', (mode, large, prefix) => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const shot = (name: string) => `staff-first-use-${name}-${large ? 'large' : 'normal'}`;
  let browser: Browser;
  let page: Page;
  let unknownUnit = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const token = await petitionerToken(baseUrl, logPath, freshPhone(prefix));
    const { petition } = await submitAs(baseUrl, token, {
      kind: 'request',
      categoryCode: 'safety',
      title: '运煤车夜里不关大灯',
      content: '运煤车夜里经过宿舍区不关大灯，照得人睡不着。',
    });
    unknownUnit = petition.id;
  });
  afterAll(() => browser.close());

  async function checked(what: string) {
    expect(await axeViolations(page), `${what} (${mode})`).toEqual([]);
    expect(await smallTargets(page), `${what} (${mode})`).toEqual([]);
  }

  it('suggests naming the unit first, and finds 运输队 by the word people use', async () => {
    await signInStaff(page, baseUrl, 'reception', staffRoutes.petition(unknownUnit), 'staff-petition-page');
    await setLargeText(page, large);
    expect(await shown(page, 'staff-concerned-unit').textContent()).toContain('未确定');
    await expect
      .poll(() => shown(page, 'staff-suggested').getAttribute('data-action'))
      .toBe('set_concerned_unit');
    // The suggested step is open at once; the other actions wait behind their buttons.
    await shown(page, 'action-set_concerned_unit-form').waitFor();
    await checked('the case to triage');
    await screenshot(page, shot('suggested'));

    await shown(page, 'unit-search').fill('运输');
    await shown(page, 'unit-JA-DS-JY-1').click();
    await submitAction(page, 'set_concerned_unit');
    await expect.poll(() => shown(page, 'staff-concerned-unit').textContent()).toBe('运输队');
    expect(await stateOf(page)).toBe('registered');
  });

  it('then suggests the assignment, with the report-back date from a date picker', async () => {
    await expect.poll(() => shown(page, 'staff-suggested').getAttribute('data-action')).toBe('assign');
    await shown(page, 'action-assign-form').waitFor();
    const date = field(page, 'action-assign-reportBackBy');
    expect(await date.getAttribute('type')).toBe('date');
    expect(await date.getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await shown(page, 'action-assign-reportBackBy-in-15').click();
    await shown(page, 'unit-JA-DS-JY').click();
    await checked('the assignment form');
    await submitAction(page, 'assign', 'assigned');
    expect(await shown(page, 'staff-handling-unit').textContent()).toBe('机运区');
  });

  it('keeps the inbox’s filters folded, and red for what is late', async () => {
    await page.goto(`${baseUrl}${staffRoutes.inbox}`);
    await onPage(page, 'staff-inbox-page');
    await settled(page);
    expect(await current(page).getByTestId('staff-filters-panel').count()).toBe(0);
    const tools = await current(page).locator('.staff-inbox__tools').boundingBox();
    const viewport = page.viewportSize()?.height ?? 844;
    expect(tools?.height ?? viewport).toBeLessThan(viewport / 3);
    const chips: string[] = [];
    for (const chip of await current(page).locator('[data-testid=staff-row] .xf-chip').all())
      chips.push(await styleOf(chip, 'background-color'));
    expect(chips.length).toBeGreaterThan(0);
    for (const colour of chips) expect(RED).not.toContain(colour);
    await checked('the inbox');
    await screenshot(page, shot('inbox'));
  });

  it('speaks to the clerk on the form; the receipt says how to read the reply, and where an accusation went', async () => {
    await signInStaff(page, baseUrl, 'ds.reception', staffRoutes.register, 'staff-register-page');
    await setLargeText(page, large);
    // The choices are as required as the fields beside them, and say so; each error names its field.
    const form = await visibleText(page);
    for (const label of ['渠道', '类别', '问题属于哪方面', '反映的单位', '收到日期'])
      expect(form, label).toContain(`${label}必填`);
    await shown(page, 'staff-register-submit').click();
    const errors = await current(page).locator('.xf-field__error').allTextContents();
    expect(errors).toEqual(expect.arrayContaining(['请选择渠道', '请选择类别', '请选择问题属于哪方面']));
    expect(errors.join()).not.toContain('诉求类型');
    const phone = freshPhone(prefix);
    await shown(page, 'register-lookup-phone').fill(phone);
    await shown(page, 'register-lookup').click();
    await shown(page, 'register-not-found').waitFor();
    await shown(page, 'register-name').fill('刘春华');
    await shown(page, 'register-channel-visit').click();
    await shown(page, 'register-received-now').click();
    expect(await field(page, 'register-received-date').getAttribute('type')).toBe('date');
    await shown(page, 'register-kind-accusation').click();
    await shown(page, 'register-category-cadre_conduct').click();
    const words = await visibleText(page);
    expect(words).not.toContain('我所在的单位');
    expect(words).not.toContain('依法为您保密');
    expect(words).toContain('本单位：东山煤矿');
    await shown(page, 'unit-unknown').click();
    await shown(page, 'register-content').fill('来访人反映有人冒领夜班补贴，不清楚是哪个队的。');
    await checked('the registration form');
    // 清空重填 asks first, as the petitioner's form does; 不清空 keeps every word.
    await shown(page, 'staff-register-discard').click();
    await shown(page, 'staff-register-discard-dialog').waitFor();
    await checked('the question before emptying the form');
    await shown(page, 'staff-register-discard-dialog-cancel').click();
    expect(await current(page).getByTestId('staff-register-discard-dialog').count()).toBe(0);
    expect(await field(page, 'register-content').inputValue()).toBe(
      '来访人反映有人冒领夜班补贴，不清楚是哪个队的。',
    );
    await shown(page, 'staff-register-submit').click();
    await shown(page, 'staff-receipt').waitFor();
    expect(await shown(page, 'staff-receipt-sign-in').textContent()).toContain('用登记的手机号登录');
    await checked('the receipt');
    await screenshot(page, shot('receipt'));

    // An accusation about the mine itself: the receipt says it went to the group (Art 30).
    await shown(page, 'staff-receipt-next').click();
    await shown(page, 'register-lookup-phone').fill(freshPhone(prefix));
    await shown(page, 'register-lookup').click();
    await shown(page, 'register-not-found').waitFor();
    await shown(page, 'register-name').fill('刘春华');
    await shown(page, 'register-channel-visit').click();
    await shown(page, 'register-received-now').click();
    await shown(page, 'register-kind-accusation').click();
    await shown(page, 'register-category-cadre_conduct').click();
    // No unit chosen yet: the picker's search is open.
    await shown(page, 'unit-search').fill('东山煤矿');
    await shown(page, 'unit-JA-DS').click();
    await shown(page, 'register-content').fill('来访人反映矿领导班子违规发放津贴。');
    await shown(page, 'staff-register-submit').click();
    await shown(page, 'staff-receipt').waitFor();
    expect(await shown(page, 'staff-receipt-handed-up').textContent()).toContain(
      '已按规定交晋安煤业集团办理',
    );
    expect(await current(page).getByTestId('staff-receipt-open').count()).toBe(0);
    await checked('the receipt of an accusation handed up');
  });

  it('titles an approved letter as approved when it is issued', async () => {
    const token = await petitionerToken(baseUrl, logPath, freshPhone(prefix));
    const { petition } = await submitAs(baseUrl, token, {
      kind: 'request',
      categoryCode: 'safety',
      concernedUnitId: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
      title: '井口防滑垫破损',
      content: '井口防滑垫破损，雨天容易滑倒。',
    });
    const reception = await staffToken(baseUrl, 'ds.reception');
    const handler = await staffToken(baseUrl, 'ds.handler');
    const head = await staffToken(baseUrl, 'ds.head');
    await act(baseUrl, reception, petition.id, 'assign', {
      unit: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
      reportBackBy: new Date(Date.now() + 8 * 3_600_000 + 20 * 86_400_000).toISOString().slice(0, 10),
    });
    await act(baseUrl, handler, petition.id, 'accept');
    await act(baseUrl, handler, petition.id, 'draft_reply', {
      request: '更换防滑垫。',
      factsAndReasons: '防滑垫破损属实。',
      decision: '三日内更换。',
      legalBasis: '《煤矿安全规程》有关规定',
      outcome: 'support',
    });
    await act(baseUrl, head, petition.id, 'approve_reply');

    await signInStaff(page, baseUrl, 'ds.handler', staffRoutes.petition(petition.id), 'staff-petition-page');
    await expect.poll(() => shown(page, 'staff-suggested').getAttribute('data-action')).toBe('issue_reply');
    const form = shown(page, 'action-issue_reply-form');
    await expect.poll(() => form.textContent()).toContain('已批准、待出具的答复意见');
    expect(await form.textContent()).not.toContain('待审批');
    await checked('the letter to issue');
  });
});
