import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { detail, openAnswer, replyToRequest, submitAs, unitIdByCode } from './support/api';
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
import { backdatePetition } from './support/backdate';
import { pngPhoto } from './support/png';

/**
 * Issue 6, test 2: staff answer a worker's request through the API, each step by the role the
 * lifecycle names; the worker reads the decision letter in the app, rates it "unsatisfied" and asks
 * for review inside the window. The review button is gone once the window has passed.
 */
describe('the petitioner reads the reply, rates it and asks for review', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const databasePath = inject('databasePath');
  const staff = { reception: 'reception', handler: 'xh.handler', head: 'xh.head', unitCode: 'JA-XH-AQK' };
  const letter = {
    request: '要求补发 2026 年 1 月至 3 月的井下津贴。',
    factsAndReasons:
      '经核查考勤记录，申请人 1 月至 3 月有 41 个井下班次，津贴已按公司规定全额发放，工资条中列在“岗位津贴”项下。',
    decision: '不存在欠发井下津贴的情况。工资条项目名称容易误解，机电区将在下月起单列“井下津贴”。',
    legalBasis: '《晋安煤业集团薪酬管理办法》第十二条',
    outcome: 'explain',
  };
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${baseUrl}${routes.login}`);
    await signIn(page, logPath, '13800000002');
    token = (await sessionOf(page)).tokens.accessToken;
  });
  afterAll(() => browser.close());

  async function submitRequest(title: string): Promise<string> {
    const { petition } = await submitAs(baseUrl, token, {
      kind: 'request',
      categoryCode: 'wages',
      concernedUnitId: await unitIdByCode(baseUrl, 'JA-XH-JD-1'),
      title,
      content: `${title}：工资条上找不到井下津贴，请核实并补发。`,
    });
    return petition.id;
  }

  it('shows the decision letter, takes an "unsatisfied" rating and a review request inside the window', async () => {
    const id = await submitRequest('一季度井下津贴疑似未发放');
    await replyToRequest(baseUrl, id, staff, letter);

    await page.goto(`${baseUrl}${routes.mine}`);
    await onPage(page, 'mine-page');
    const item = page.locator(`[data-testid=mine-item]`, { hasText: '一季度井下津贴' });
    await expect.poll(() => item.getByTestId('state-chip').getAttribute('data-state')).toBe('replied');
    await item.getByRole('link').click();
    await onPage(page, 'detail-letter');
    await settled(page);

    const shown = page.getByTestId('detail-letter');
    for (const part of [letter.request, letter.decision, letter.legalBasis]) {
      await expect.poll(() => shown.textContent()).toContain(part);
    }
    expect(await page.getByTestId('letter-outcome').getAttribute('data-outcome')).toBe('explain');
    await expect.poll(() => page.getByTestId('message').first().textContent()).toContain('已受理');
    // The worker opens the decision letter itself: that is its delivery, and the window starts.
    await tap(page, 'document-open-decision');
    await onPage(page, 'document-ready');
    await page.goBack();
    await onPage(page, 'detail-letter');
    await expect
      .poll(() => current(page).getByTestId('document-delivered').first().textContent())
      .toContain('手机上查看');
    // The steps show the clocks they met: the reply came well inside the 60 days (Art 34).
    const verdicts = page.getByTestId('timeline-verdict');
    await expect.poll(() => verdicts.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=timeline-verdict][data-met=false]').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('review-window').textContent())
      .toMatch(/最晚\d{4}年\d{1,2}月\d{1,2}日（含当天）提出/);
    // The one promise of the page is now the worker's own window, in plain words.
    const pledge = current(page).getByTestId('pledge');
    expect(await pledge.getAttribute('data-kind')).toBe('review');
    expect(await pledge.textContent()).toMatch(
      /^对答复不满意，可以申请复查，最晚(\d{4}年)?\d{1,2}月\d{1,2}日（含当天）/,
    );
    expect(await page.getByTestId('step-bar').getAttribute('data-reached')).toBe('replied');
    await screenshot(page, 'detail-replied');

    // The signal drops as the rating is sent: what was written stays, through a reload too.
    const comment = '津贴标准与其他矿不一致，解释不能说服我。';
    const reason = '西河煤矿的津贴标准低于东山煤矿，请上级单位复查。';
    await tap(page, 'rating-unsatisfied');
    await type(page, 'rating-comment', comment);
    await type(page, 'review-reason', reason);
    const question = '工资条上的岗位津贴是怎么算的？';
    await type(page, 'message-input', question);
    await page.route('**/api/petitions/*/actions', (route) => route.abort('internetdisconnected'));
    await tap(page, 'rating-submit');
    await onPage(page, 'rate-error');
    await page.unroute('**/api/petitions/*/actions');
    await page.reload();
    await onPage(page, 'detail-letter');
    await settled(page);
    await expect.poll(() => field(page, 'rating-comment').inputValue()).toBe(comment);
    expect(await field(page, 'review-reason').inputValue()).toBe(reason);
    expect(await field(page, 'message-input').inputValue()).toBe(question);
    await tap(page, 'message-send');
    await expect.poll(() => field(page, 'message-input').inputValue()).toBe('');

    await tap(page, 'rating-unsatisfied');
    await tap(page, 'rating-submit');
    await expect.poll(() => page.getByTestId('detail-rate').count()).toBe(0);
    await expect.poll(() => page.getByTestId('detail-status').textContent()).toContain('不满意');
    await tap(page, 'review-submit');
    await expect.poll(() => page.getByTestId('detail-review').count()).toBe(0);
    const chip = page.getByTestId('detail-summary').getByTestId('state-chip');
    await expect.poll(() => chip.getAttribute('data-state')).toBe('handling');
    await expect
      .poll(() =>
        page
          .locator('[data-testid=timeline-event]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-type'))),
      )
      .toEqual(expect.arrayContaining(['reply_issued', 'rated', 'review_requested']));
    await screenshot(page, 'detail-review-requested');
    // Sent, so no longer kept on the phone.
    expect(await page.evaluate('Object.keys(localStorage).filter((k) => k.includes("case-draft"))')).toEqual(
      [],
    );

    const after = await detail(baseUrl, token, id);
    expect(after.stage).toBe('review');
    expect(after.timeline.find((e) => e.type === 'rated')?.data).toMatchObject({
      rating: 'unsatisfied',
      comment,
    });
    expect(after.timeline.find((e) => e.type === 'review_requested')?.data).toMatchObject({ reason });
  });

  it('stores a message whose answer was lost once, and says it may well have gone', async () => {
    const id = await submitRequest('二月井下班次补贴少算');
    await page.goto(`${baseUrl}${routes.detail(id)}`);
    await onPage(page, 'detail-messages');
    await settled(page);
    // The box says what it is for, and that it must be filled (an empty send is disabled).
    expect(await field(page, 'message-input').getAttribute('aria-label')).toBe('留言内容（必填）');
    const wrote = async () =>
      (await detail(baseUrl, token, id)).timeline.filter((e) => e.type === 'petitioner_wrote').length;

    // Every answer is lost after the server saved the message (the client's retries included);
    // the case loaded again shows it went: nothing left to send, and the page says so.
    const actions = '**/api/petitions/*/actions';
    const lose = async (route: Route) => {
      await route.fetch();
      await route.abort('connectionreset');
    };
    // With a photo of the payslip (补充材料): uploaded first, then sent with the message.
    await type(page, 'message-input', '二月的补贴什么时候能核对完？附二月工资条。');
    const chooser = page.waitForEvent('filechooser');
    await tap(page, 'message-photo-add');
    await (await chooser).setFiles({ name: 'payslip.png', mimeType: 'image/png', buffer: pngPhoto() });
    const photo = page.getByTestId('message-photos').getByTestId('photo');
    await expect.poll(() => photo.getAttribute('data-state'), { timeout: 20_000 }).toBe('uploaded');
    await page.route(actions, lose);
    await tap(page, 'message-send');
    await expect.poll(() => page.getByTestId('detail-status').textContent()).toBe('留言已发送');
    expect(await field(page, 'message-input').inputValue()).toBe('');
    expect(await page.getByTestId('message-photos').count()).toBe(0);
    expect(await wrote()).toBe(1);
    const sent = (await detail(baseUrl, token, id)).timeline.find((e) => e.type === 'petitioner_wrote');
    expect(sent?.data.attachmentIds).toHaveLength(1);
    // The photo shows under the message, in the thread and on the timeline, its thumbnail loaded.
    const step = page.locator('[data-testid=timeline-event][data-type=petitioner_wrote]');
    await expect.poll(() => step.locator('[data-testid=attachment] img').count()).toBe(1);
    const said = page.locator('[data-testid=message]', { hasText: '附二月工资条' });
    await expect.poll(() => said.locator('[data-testid=attachment] img').count()).toBe(1);

    // Again, and the case cannot be loaded either: not 「网络连接失败」 but "no confirmation, sending
    // again sends nothing twice". After a reload the thread has it once and the box is empty.
    const question = '补贴核对后会通知我吗？';
    const one = `**/api/petitions/${id}`;
    await type(page, 'message-input', question);
    await page.route(one, (route) => route.abort('connectionreset'));
    await tap(page, 'message-send');
    const unconfirmed = page.getByTestId('message-error');
    await expect.poll(() => unconfirmed.textContent(), { timeout: 60_000 }).toContain('不会重复提交');
    expect(await unconfirmed.textContent()).not.toContain('网络连接失败');
    expect(await field(page, 'message-input').inputValue()).toBe(question);
    await page.unroute(one);
    await page.unroute(actions);
    await page.reload();
    await onPage(page, 'detail-messages');
    await settled(page);
    await expect.poll(() => page.locator('[data-testid=message]', { hasText: question }).count()).toBe(1);
    await expect.poll(() => field(page, 'message-input').inputValue()).toBe('');
    expect(await page.getByTestId('message-send').getAttribute('aria-disabled')).toBe('true');
    expect(await wrote()).toBe(2);
    expect(await page.evaluate('Object.keys(localStorage).filter((k) => k.includes("case-draft"))')).toEqual(
      [],
    );
  });

  it('offers no review once the 30-day window has passed', async () => {
    const id = await submitRequest('去年十二月夜班补贴核算有误');
    await replyToRequest(baseUrl, id, staff, letter);
    expect((await detail(baseUrl, token, id)).allowedActions.map((a) => a.type)).toContain('request_review');
    await openAnswer(baseUrl, token, id);

    // The whole case, reply and its delivery included, moved 40 days into the past (see backdate.ts).
    backdatePetition(databasePath, id, 40);
    const served = await detail(baseUrl, token, id);
    expect(served.allowedActions.map((a) => a.type)).not.toContain('request_review');
    // The window ran out unused: its clock is past due and still open (nobody asked in time).
    expect(served.clocks.find((c) => c.name === 'review_window')?.status).toBe('overdue');

    await page.goto(`${baseUrl}${routes.detail(id)}`);
    await onPage(page, 'detail-letter');
    await settled(page);
    expect(await page.getByTestId('detail-review').count()).toBe(0);
    expect(await page.getByTestId('review-submit').count()).toBe(0);
    // The page says the time is up, rather than counting down a window nobody can use.
    const pledge = current(page).getByTestId('pledge');
    expect(await pledge.getAttribute('data-late')).toBe('true');
    expect(await pledge.textContent()).toMatch(/申请复查的期限已在(\d{4}年)?\d{1,2}月\d{1,2}日结束/);
    await screenshot(page, 'detail-window-passed');
  });
});
