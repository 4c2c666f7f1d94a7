import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { pdfText } from '../support/pdf';
import { act, beijingDateIn, call, clearOfMidnight, detail, staffToken } from './support/api';
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
  until,
} from './support/app';
import { backdatePetition } from './support/backdate';
import { pngPhoto } from './support/png';
import { freshPhone, registerVisit, shown, signInStaff, staffRoutes } from './support/staff';

/**
 * Issue 16 in the browser: a petitioner opens the decision letter in the app — a real PDF, and its
 * delivery (the review window starts that day); the mine's office finds an answer waiting in its
 * 待送达 list and records a postal delivery on the case page; the mine's head keeps the unit's
 * document settings. Every page on the way through axe-core (no serious or critical violations).
 */
describe('documents and deliveries', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const databasePath = inject('databasePath');
  const letter = {
    request: '补发三月夜班加班费。',
    factsAndReasons: '经核对考勤，三月夜班加班 6 个，工资表漏算。',
    decision: '随四月工资补发三月夜班加班费。',
    legalBasis: '《劳动法》第四十四条',
    outcome: 'support',
  };
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  /** Axe on the page as it is, in normal and large text, with a screenshot of each. */
  async function audit(name: string): Promise<void> {
    await settled(page);
    for (const large of [false, true]) {
      await setLargeText(page, large);
      findings.set(`${name} (${large ? 'large' : 'normal'})`, await axeViolations(page));
      await screenshot(page, `documents-${name}-${large ? 'large' : 'normal'}`);
    }
    await setLargeText(page, false);
  }

  /** A visit registered at 东山煤矿 for `phone`, answered by the mine (accepted, drafted, approved, issued). */
  async function answeredVisit(
    phone: string,
    title: string,
  ): Promise<{ id: string; number: string; queryCode: string }> {
    const visit = await registerVisit(baseUrl, 'ds.reception', {
      title,
      content: `${title}：三月夜班加班费没有发。`,
      phone,
      name: '周明',
    });
    const reception = await staffToken(baseUrl, 'ds.reception');
    const head = await staffToken(baseUrl, 'ds.head');
    await act(baseUrl, reception, visit.id, 'accept');
    await act(baseUrl, head, visit.id, 'draft_reply', letter);
    await act(baseUrl, head, visit.id, 'approve_reply');
    await act(baseUrl, head, visit.id, 'issue_reply');
    return visit;
  }

  it('the petitioner opens the decision letter: a real PDF, and the day it is received', async () => {
    const phone = freshPhone('136');
    const visit = await answeredVisit(phone, '三月夜班加班费未发');

    await page.goto(`${baseUrl}${routes.login}`);
    await signIn(page, logPath, phone);
    // A desk's registration joins the account only once its person says it is theirs (issue 10).
    await page.goto(`${baseUrl}${routes.mine}`);
    await onPage(page, 'mine-page');
    const claim = current(page).locator('[data-testid=claim]', { hasText: visit.number });
    await claim.getByTestId('claim-code').fill(visit.queryCode);
    await claim.getByTestId('claim-mine').click();
    await expect.poll(() => current(page).locator('[data-testid=mine-item]').count()).toBe(1);
    await page.goto(`${baseUrl}${routes.detail(visit.id)}`);
    await onPage(page, 'documents');
    await settled(page);
    const decision = current(page).locator('[data-testid=document][data-type=decision]');
    await expect.poll(() => decision.getByTestId('document-awaiting').count()).toBe(1);
    // The progress says the same: open it, the time runs from receiving it (no date before then).
    expect(await current(page).getByTestId('pledge').getAttribute('data-kind')).toBe('receive');
    await audit('detail');

    await tap(page, 'document-open-decision');
    await onPage(page, 'document-ready');
    await audit('viewer');
    // The file the viewer shows is the document itself: save it, and read it back.
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, 'document-save')]);
    const bytes = await readFile((await download.path()) as string);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, '');
    expect(text).toContain('信访事项处理意见书');
    expect(text).toContain(`信访编号${visit.number}`);
    expect(text).toMatch(/东山信复〔\d{4}〕\d+号/);

    // Opening it was its delivery: the 30 days to ask for review run from today.
    const token = (await sessionOf(page)).tokens.accessToken;
    const served = await detail(baseUrl, token, visit.id);
    expect(served.timeline.at(-1)).toMatchObject({ type: 'reply_delivered', data: { method: 'app' } });
    expect(served.clocks.find((c) => c.name === 'review_window')?.finishedAt).toBeNull();

    await page.goBack();
    await onPage(page, 'documents');
    await expect.poll(() => decision.getByTestId('document-delivered').textContent()).toContain('手机上查看');
    await expect.poll(() => current(page).getByTestId('review-window').count()).toBe(1);
    await expect.poll(() => current(page).getByTestId('pledge').getAttribute('data-kind')).toBe('review');
  });

  it('the mine’s office records a postal delivery from its 待送达 list', async () => {
    const visit = await answeredVisit(freshPhone('135'), '井口热饭点建议的答复');
    await signInStaff(page, baseUrl, 'ds.reception', staffRoutes.deliveries, 'staff-deliveries-page');
    const item = current(page).locator(`[data-testid=staff-delivery][data-number="${visit.number}"]`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getByTestId('staff-delivery-age').textContent()).toBe('今天出具');
    await audit('pending');

    await item.getByRole('link').click();
    await onPage(page, 'staff-petition-page');
    await onPage(page, 'delivery-form');
    await shown(page, 'delivery-method-post').click();
    await shown(page, 'delivery-posted-on-today').click();
    await shown(page, 'delivery-delivered-on-today').click();
    await audit('delivery-form');
    await shown(page, 'delivery-submit').click();
    await until(
      'the delivery form to go',
      async () => (await current(page).getByTestId('delivery-form').count()) === 0,
    );
    const decision = current(page).locator('[data-testid=document][data-type=decision]');
    await expect.poll(() => decision.getByTestId('document-delivered').textContent()).toContain('邮寄送达');

    const served = await detail(baseUrl, await staffToken(baseUrl, 'ds.reception'), visit.id);
    expect(served.timeline.at(-1)).toMatchObject({ type: 'reply_delivered', data: { method: 'post' } });
    // The proof-of-delivery form goes out with the answer, for staff to print.
    expect(await current(page).locator('[data-testid=document][data-type=delivery_receipt]').count()).toBe(1);

    await page.goto(`${baseUrl}${staffRoutes.deliveries}`);
    await onPage(page, 'staff-deliveries-page');
    await settled(page);
    expect(
      await current(page).locator(`[data-testid=staff-delivery][data-number="${visit.number}"]`).count(),
    ).toBe(0);
  });

  it('the mine’s head moves a postal delivery earlier, on the postal receipt', async () => {
    await clearOfMidnight();
    const visit = await answeredVisit(freshPhone('137'), '澡堂热水供应时间的答复');
    // Issued three days ago (see backdate.ts); the office typed the day it filed the postal
    // receipt, not the day on it.
    backdatePetition(databasePath, visit.id, 3);
    const reception = await staffToken(baseUrl, 'ds.reception');
    const recorded = await call(baseUrl, 'POST', `/api/petitions/${visit.id}/deliveries`, {
      token: reception,
      body: {
        method: 'post',
        postedOn: beijingDateIn(-3),
        deliveredOn: beijingDateIn(0),
        version: (await detail(baseUrl, reception, visit.id)).version,
      },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);

    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.petition(visit.id), 'staff-petition-page');
    await onPage(page, 'delivery-correction');
    const decision = current(page).locator('[data-testid=document][data-type=decision]');
    await expect.poll(() => decision.getByTestId('document-delivered').count()).toBe(1);
    // The mine has its seal: nothing to stamp by hand.
    expect(await decision.getByTestId('document-unsealed').count()).toBe(0);
    await shown(page, 'delivery-correct-open').click();
    await shown(page, 'delivery-correct-date-yesterday').click();
    // Earlier shortens the petitioner's window: the form asks for the receipt, and says why.
    const receipt = shown(page, 'delivery-correct-receipt');
    await expect.poll(() => receipt.textContent()).toContain('改早送达日期，须上传送达回证或邮寄回执');
    await shown(page, 'delivery-correct-reason').fill('以邮政回执上的签收日期为准');
    await shown(page, 'delivery-correct-submit').click();
    await expect.poll(() => receipt.getByRole('alert').count()).toBe(1);
    const chooser = page.waitForEvent('filechooser');
    await shown(page, 'delivery-correct-receipt-add').click();
    await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: pngPhoto() });
    await expect
      .poll(() => shown(page, 'delivery-correct-receipt-add').textContent(), { timeout: 20_000 })
      .toContain('已上传回执');
    await audit('delivery-correction');
    await shown(page, 'delivery-correct-submit').click();
    await until(
      'the correction form to close',
      async () => (await current(page).getByTestId('delivery-correct-date').count()) === 0,
    );

    const served = await detail(baseUrl, reception, visit.id);
    expect(served.timeline.at(-1)).toMatchObject({
      type: 'delivery_corrected',
      data: { deliveredOn: beijingDateIn(-1), previousOn: beijingDateIn(0) },
    });
    expect(served.timeline.at(-1)?.data.receiptAttachmentId).toEqual(expect.any(String));
  });

  it('the mine’s head sees the unit’s document settings', async () => {
    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.documents, 'staff-documents-page');
    await onPage(page, 'document-settings-form');
    expect(await shown(page, 'document-prefix').inputValue()).toBe('东山');
    expect(await shown(page, 'document-signatory-name').inputValue()).toBe('孙建国');
    await until('the seal to show', async () => (await current(page).locator('.staff-seal').count()) === 1);
    await audit('settings');
  });

  it('finds no serious or critical accessibility violations on any of these pages', () => {
    const problems = [...findings.entries()].filter(([, found]) => found.length > 0);
    expect(findings.size).toBeGreaterThanOrEqual(10);
    expect(problems).toEqual([]);
  });
});
