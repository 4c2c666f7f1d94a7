import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, petitionerToken, staffToken, submitAs, unitIdByCode } from './support/api';
import { onPage, routes, screenshot, tap, type } from './support/app';

/**
 * Issue 6, test 3: anyone holding the number and the query code sees the case's progress without
 * signing in — the state, the deadlines and the official steps — and nothing personal: not the
 * petitioner's name, phone or address, not what they wrote, not the handler's messages.
 */
describe('lookup by number and query code, without signing in', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const phone = '13900000003';
  const secrets = {
    title: '矿区路 21 号门前排水沟堵塞',
    content: '雨后污水漫到院里，王秀英家老人出入不便，电话 13900000003。',
    message: '王阿姨您好，明天上午派人去疏通。',
  };
  let browser: Browser;
  let number: string;
  let queryCode: string;

  beforeAll(async () => {
    const token = await petitionerToken(baseUrl, logPath, phone);
    const submitted = await submitAs(baseUrl, token, {
      kind: 'request',
      categoryCode: 'community',
      concernedUnitId: await unitIdByCode(baseUrl, 'JA-DS'),
      title: secrets.title,
      content: secrets.content,
      location: '东山区矿区路 21 号',
    });
    number = submitted.petition.number;
    queryCode = submitted.queryCode;
    // The mine's petition office accepts it; the mine's head, now handling it, writes to the petitioner.
    await act(baseUrl, await staffToken(baseUrl, 'ds.reception'), submitted.petition.id, 'accept');
    await act(baseUrl, await staffToken(baseUrl, 'ds.head'), submitted.petition.id, 'send_message', {
      text: secrets.message,
    });
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows the timeline and the deadlines, and no personal data', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/`);
    await onPage(page, 'home-page');
    await tap(page, 'home-lookup');
    await onPage(page, 'lookup-page');
    expect(await page.evaluate("localStorage.getItem('xinfang.session')")).toBeNull();

    await type(page, 'lookup-number', number);
    await type(page, 'lookup-code', queryCode);
    await tap(page, 'lookup-submit');
    await onPage(page, 'lookup-result');

    const result = page.getByTestId('lookup-result');
    await expect.poll(() => result.getByTestId('lookup-result-number').textContent()).toBe(number);
    expect(await result.getByTestId('state-chip').getAttribute('data-state')).toBe('handling');
    const steps = await page
      .locator('[data-testid=timeline-event]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    // The handler's message appears as a step, without its words.
    expect(steps).toEqual(['registered', 'accepted', 'message_sent']);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('东山煤矿已受理');
    // Where it stands, plainly: the step bar and the one date the answer is due by.
    expect(await page.getByTestId('step-bar').getAttribute('data-reached')).toBe('handling');
    expect(await page.getByTestId('pledge').getAttribute('data-kind')).toBe('answer');
    expect(await page.getByTestId('pledge').textContent()).toMatch(
      /^预计最晚(\d{4}年)?\d{1,2}月\d{1,2}日（含当天）答复您/,
    );

    const text = (await page.locator('body').textContent()) ?? '';
    for (const secret of [
      secrets.title,
      secrets.content,
      secrets.message,
      '王秀英',
      phone,
      '139****0003',
      '矿区路 21 号',
    ]) {
      expect(text, `the lookup page shows "${secret}"`).not.toContain(secret);
    }
    await screenshot(page, 'lookup-result');
  });

  it('reads the number and code as a Chinese keyboard types them: full width, another dash, lower case', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}${routes.lookup}`);
    await onPage(page, 'lookup-page');
    const fullWidth = (text: string) =>
      text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    // ＸＦ２０２６—０００１２３ (an em dash, which no Unicode folding turns into "-") and the code in
    // full-width lower case, with the spaces a keyboard leaves.
    await type(page, 'lookup-number', ` ${fullWidth(number.replace('-', '—'))} `);
    await type(page, 'lookup-code', `${fullWidth(queryCode.toLowerCase())}\u3000`);
    await tap(page, 'lookup-submit');
    await onPage(page, 'lookup-result');
    await expect.poll(() => page.getByTestId('lookup-result-number').textContent()).toBe(number);
  });

  it('says plainly when the number and code do not match', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}${routes.lookup}`);
    await onPage(page, 'lookup-page');
    await type(page, 'lookup-number', number);
    await type(page, 'lookup-code', 'WRONG123');
    await tap(page, 'lookup-submit');
    await onPage(page, 'lookup-error');
    await expect.poll(() => page.getByTestId('lookup-error').textContent()).toContain('编号或查询码不正确');
    expect(await page.getByTestId('lookup-result').count()).toBe(0);
  });
});
