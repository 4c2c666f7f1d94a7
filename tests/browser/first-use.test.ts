import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, detail, replyToRequest, submitAs } from './support/api';
import {
  axeViolations,
  current,
  field,
  onPage,
  routes,
  screenshot,
  sessionOf,
  setLargeText,
  settled,
  signIn,
  smallTargets,
  styleOf,
  tap,
  type,
  visibleText,
} from './support/app';
import { freshPhone } from './support/staff';

/**
 * Issue 11, the petitioner's side, as a new user meets it on a phone — once in normal text and once
 * in large text: a phone number the system has never seen signs in from the home page and reaches
 * the success page without being stuck (name and address are saved with 下一步, whatever is missing
 * is marked), leaving the unit to the petition office (「不清楚，由信访办分办」) and the title to the
 * content; the text boxes are styled and grow, every target is at least 44 px, 清空重填 asks in a
 * dialog that grows too and whose 删除 is red. Then the answered case reads as a step bar and one
 * line — open the answer, the time runs from receiving it; once opened, the dated promise — the
 * law folded away and no staff-internal clock in sight. axe finds nothing serious.
 */
describe.each([
  ['normal text', false, '151'],
  ['large text', true, '152'],
] as const)('a first-time petitioner on a phone, in %s', (mode, large, prefix) => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const phone = freshPhone(prefix);
  const content = '井口到更衣室的路灯坏了半个月。晚上下班路上很黑，已经有人摔倒，请尽快修好。';
  const shot = (name: string) => `first-use-${name}-${large ? 'large' : 'normal'}`;
  let browser: Browser;
  let page: Page;
  let petitionId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  async function noSeriousViolations(what: string) {
    expect(await axeViolations(page), `${what} (${mode})`).toEqual([]);
  }

  it('signs in with a phone number never seen before, on phone keyboards', async () => {
    await page.goto(`${baseUrl}/`);
    await onPage(page, 'home-page');
    await setLargeText(page, large);
    await tap(page, 'home-submit');
    await onPage(page, 'login-page');
    // A phone pad for the number, the one-time code offered by the phone's own autofill.
    expect(await field(page, 'otp-phone').getAttribute('type')).toBe('tel');
    expect(await field(page, 'otp-code').getAttribute('inputmode')).toBe('numeric');
    expect(await field(page, 'otp-code').getAttribute('autocomplete')).toBe('one-time-code');
    expect(await smallTargets(page)).toEqual([]);
    await signIn(page, logPath, phone);
    await onPage(page, 'submit-page');
    await settled(page);
    expect(await current(page).getByTestId('submit-page').getAttribute('data-large')).toBe(String(large));
  });

  it('puts the description first, styles the text boxes and makes every target 44 px or more', async () => {
    const boxes: { id: string | null; font: string; size: number; padding: number }[] = [];
    for (const box of await current(page).locator('textarea:visible, input:visible').all()) {
      boxes.push({
        id: await box.getAttribute('data-testid'),
        font: await styleOf(box, 'font-family'),
        size: Number.parseFloat(await styleOf(box, 'font-size')),
        padding: Number.parseFloat(await styleOf(box, 'padding-left')),
      });
    }
    // The first box on the page is what happened; the title is optional.
    expect(boxes[0]?.id).toBe('content-input');
    for (const box of boxes) {
      expect(box.font, `${box.id}`).not.toMatch(/monospace/);
      expect(box.size, `${box.id}`).toBeGreaterThanOrEqual(large ? 20 : 15);
      expect(box.padding, `${box.id}`).toBeGreaterThanOrEqual(8);
    }
    expect(await visibleText(page)).not.toContain('选填选填');
    expect(await smallTargets(page)).toEqual([]);

    // The description box grows with what is written in it.
    const area = field(page, 'content-input');
    const before = (await area.boundingBox())?.height ?? 0;
    await type(page, 'content-input', `${content}\n${'路灯的事情反映过好几次。\n'.repeat(12)}`);
    expect((await area.boundingBox())?.height ?? 0).toBeGreaterThan(before);
  });

  it('asks before 清空重填, in a dialog that grows with the text and whose 删除 is red', async () => {
    await tap(page, 'draft-discard');
    const dialog = current(page).getByTestId('discard-dialog');
    await dialog.waitFor();
    const confirm = dialog.getByTestId('discard-dialog-confirm');
    expect(await styleOf(confirm, 'background-color')).toBe('rgb(179, 38, 30)');
    const title = Number.parseFloat(await styleOf(dialog.locator('[role=heading]'), 'font-size'));
    expect(title).toBeGreaterThanOrEqual(large ? 22 : 16);
    expect(await smallTargets(page)).toEqual([]);
    await noSeriousViolations('the discard dialog');
    await screenshot(page, shot('discard-dialog'));
    // Keeping the text is the safe answer.
    await tap(page, 'discard-dialog-cancel');
    await expect.poll(() => current(page).getByTestId('discard-dialog').count()).toBe(0);
    expect(await field(page, 'content-input').inputValue()).toContain('路灯');
    await type(page, 'content-input', content);
  });

  it('marks what is missing on 下一步 — the name and address too — and saves them with it', async () => {
    await type(page, 'unit-search', '运输');
    // Everyday words find the unit: 「运输」 finds 运输队 and 机运区 through their aliases.
    const matches = current(page).locator('.unit-picker__match');
    await expect
      .poll(() => matches.allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringContaining('机运区'), expect.stringContaining('运输队')]),
      );
    // … but this resident does not know, and leaves it to the petition office.
    await tap(page, 'unit-unknown');
    await expect
      .poll(() => current(page).getByTestId('unit-chosen').getAttribute('data-unknown'))
      .toBe('true');
    await tap(page, 'category-community');
    await tap(page, 'kind-request');

    await tap(page, 'submit-next');
    for (const id of ['profile-name', 'profile-address'])
      await expect.poll(() => field(page, id).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => visibleText(page)).toContain('请填写姓名');
    // Said beside 下一步, where the person is looking — not in a toast that fades.
    expect(await current(page).getByTestId('submit-problems').textContent()).toBe(
      '有2处需要填写或修改，已在各项下面写明',
    );
    await noSeriousViolations('the form with its problems marked');
    await screenshot(page, shot('form-marked'));

    await type(page, 'profile-name', '赵桂兰');
    await type(page, 'profile-address', '东山区矿区路 17 号');
    // Kept on the phone like everything else on the form (「填写的内容会自动保存在本机」).
    await page.reload();
    await onPage(page, 'submit-page');
    await settled(page);
    await expect.poll(() => field(page, 'profile-name').inputValue()).toBe('赵桂兰');
    expect(await field(page, 'profile-address').inputValue()).toBe('东山区矿区路 17 号');

    // Saving them fails (the signal drops): said beside 下一步, on screen — not under the bar.
    await page.route('**/api/me/profile', (route) => route.abort('internetdisconnected'));
    await tap(page, 'submit-next');
    const said = current(page).getByTestId('submit-save-error');
    await expect.poll(() => said.textContent()).toMatch(/^姓名和住址没有保存成功：网络连接失败/);
    const box = await said.boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    await screenshot(page, shot('profile-not-saved'));
    await page.unroute('**/api/me/profile');
    await tap(page, 'submit-next');
    await onPage(page, 'confirm-page');
    const summary = current(page).getByTestId('confirm-summary');
    await expect.poll(() => summary.textContent()).toContain('不清楚，由信访办分办');
    // The title was made from the first sentence of the description.
    expect(await current(page).getByTestId('confirm-title').textContent()).toBe(
      '井口到更衣室的路灯坏了半个月',
    );
    await noSeriousViolations('the confirm page');
    // The name and address are on the account now, without a separate 保存.
    const { tokens } = await sessionOf(page);
    const me = await call<{ realName: string; address: string }>(baseUrl, 'GET', '/api/auth/me', {
      token: tokens.accessToken,
    });
    expect(me.body).toMatchObject({ realName: '赵桂兰', address: '东山区矿区路 17 号' });
  });

  it('submits, and the group’s petition office receives it to name the unit', async () => {
    await tap(page, 'confirm-submit');
    await onPage(page, 'success-page');
    await noSeriousViolations('the success page');
    const { tokens } = await sessionOf(page);
    const mine = await call<{ items: { id: string; title: string }[] }>(baseUrl, 'GET', '/api/petitions', {
      token: tokens.accessToken,
    });
    petitionId = mine.body.items.find((i) => i.title === '井口到更衣室的路灯坏了半个月')?.id ?? '';
    const submitted: PetitionDetail = await detail(baseUrl, tokens.accessToken, petitionId);
    expect(submitted.units).toMatchObject({ receiving: { code: 'JA' }, concerned: null });
  });

  it('reads an answered case as a step bar and one promise, the law folded away', async () => {
    const { tokens } = await sessionOf(page);
    // Left to the petition office, which gives it to the mine's safety section.
    const { petition } = await submitAs(baseUrl, tokens.accessToken, {
      kind: 'request',
      categoryCode: 'housing',
      title: '宿舍楼顶漏雨',
      content: '职工宿舍 3 号楼顶层漏雨。',
    });
    await replyToRequest(
      baseUrl,
      petition.id,
      { reception: 'reception', handler: 'ds.handler', head: 'ds.head', unitCode: 'JA-DS-AQK' },
      {
        request: '修复屋顶。',
        factsAndReasons: '防水层老化属实。',
        decision: '本月内修复。',
        legalBasis: '《矿区住房维修管理办法》有关规定',
        outcome: 'support',
      },
    );
    await page.goto(`${baseUrl}${routes.detail(petition.id)}`);
    await onPage(page, 'detail-letter');
    await settled(page);
    expect(await current(page).getByTestId('step-bar').getAttribute('data-reached')).toBe('replied');
    // The unit the office gave it to, no longer 「待信访办确定」.
    expect(await current(page).getByTestId('detail-concerned').textContent()).toBe('东山煤矿安全科');
    // Not yet received (issue 16): no date yet — open the answer; the time runs from receiving it.
    const pledge = current(page).getByTestId('pledge');
    expect(await pledge.getAttribute('data-kind')).toBe('receive');
    expect(await pledge.textContent()).toMatch(/打开.*申请复查，期限从您收到答复的那天算起/);
    await noSeriousViolations('the answer waiting to be opened');
    // Opening it is receiving it: then the one promise has its date.
    await tap(page, 'document-open-decision');
    await onPage(page, 'document-ready');
    await page.goBack();
    await onPage(page, 'detail-letter');
    await expect
      .poll(() => current(page).getByTestId('pledge').textContent())
      .toMatch(/^对答复不满意，可以申请复查，最晚(\d{4}年)?\d{1,2}月\d{1,2}日（含当天）/);

    // No staff clock, no article number, no 申诉求决 on the page as it opens …
    const text = await visibleText(page);
    for (const word of ['交办报告', '转送或交办', '异议期', '申诉求决', '申请复查申请'])
      expect(text, word).not.toContain(word);
    expect(text).not.toMatch(/第[一二三四五六七八九十]+条/);
    // … the law is one tap away.
    await tap(page, 'legal-basis-toggle');
    await expect.poll(() => visibleText(page)).toContain('《信访工作条例》第三十四条');
    expect(await smallTargets(page)).toEqual([]);
    await noSeriousViolations('the answered case');
    await screenshot(page, shot('detail'));
  });

  it('a case that is not there offers the way back to 我的信访, not a retry that cannot succeed', async () => {
    await page.goto(`${baseUrl}${routes.detail('nope')}`);
    await onPage(page, 'detail-not-found');
    expect(await current(page).getByTestId('detail-not-found').textContent()).toContain('没有找到');
    expect(await current(page).getByTestId('detail-not-found-retry').count()).toBe(0);
    expect(await current(page).getByTestId('detail-back-to-mine').textContent()).toBe('返回我的信访');
    await noSeriousViolations('a case not found');
    await tap(page, 'detail-back-to-mine');
    await onPage(page, 'mine-page');
  });
});
